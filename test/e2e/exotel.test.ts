// The Exotel journey in a real n8n against the offline emulator (issue #3) and the package's
// de-duplication guarantee (issue #2): 250 payment requests from one execution in 3 API calls,
// a payment callback that runs the published trigger workflow once, a redelivery that runs the
// rest of the workflow once (in-process fast path, then n8n's Remove Duplicates across a
// restart), refused callback URLs, and order status updates with a refused transition.
//
// One n8n and one emulator serve the whole file (starting n8n takes minutes), but every test
// makes its own orders under its own references and counts only the executions it started, so
// no test reads what another one left behind.
import { randomUUID } from 'node:crypto';
import {
	BULK_ID,
	BULK_PATH,
	CALLBACK_ID,
	DEDUP,
	IF_PAID,
	MARK_PROCESSING,
	SEND,
	STATUS_ID,
	STATUS_PATH,
	TRIGGER,
	UPDATE_STATUS,
	bulkSendWorkflow,
	callbackWorkflow,
	orderStatusWorkflow,
} from './exotel.workflows';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const { loadExamples, idFor } = require('../demo/examples');
const { repoRoot } = require('./harness/paths');

const { nodeOutput, executionError } = harness;


const MESSAGES_PATH = '/v2/accounts/emulator-sid/messages';
const CUSTOMER = (index: number) => `+9198765${String(index).padStart(5, '0')}`;

const SEND_EXAMPLE = idFor('exotel-send-payment-request.json');
const CALLBACK_EXAMPLE = idFor('exotel-payment-callback.json');

let n8n: any;
let emulator: any;
/** examples/exotel-*.json, read the way `npm run demo` reads them. */
const examples = loadExamples(`${repoRoot}/examples`).filter((example: any) => /\/exotel-[^/]*\.json$/.test(example.file));

/** Send requests the package made to Exotel's messages endpoint so far. */
const messageRequests = (): number =>
	emulator.requests.filter((entry: any) => entry.provider === 'exotel' && entry.method === 'POST' && entry.path === MESSAGES_PATH).length;

const storedMessages = (filter: (message: any) => boolean = () => true): any[] => emulator.state.exotel.messages.filter(filter);

async function control(route: string, body: object): Promise<any> {
	const response = await harness.request(`${emulator.url}/_control/exotel/${route}`, { method: 'POST', body });
	if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
	return response.json;
}

/** What n8n answered to the last attempt of an emulator delivery. */
function lastAttempt(delivery: any): { status: number; response: string } {
	return delivery.attempts[delivery.attempts.length - 1];
}

/** How many finished executions the workflow has now. */
const executionCount = (workflowId: string): number => n8n.executions(workflowId, { includeData: false }).length;

/** Waits for `count` executions after the first `before`, then requires exactly those and returns them. */
async function newExecutions(workflowId: string, before: number, count: number): Promise<any[]> {
	await n8n.waitForExecutions(workflowId, before + count, 120_000);
	const executions = n8n.executions(workflowId);
	if (executions.length !== before + count) {
		throw new Error(
			`expected exactly ${count} new execution(s) of ${workflowId} after ${before}, found ${executions.length - before}: ` +
				JSON.stringify(executions.slice(before).map((e: any) => e.status)),
		);
	}
	return executions.slice(before);
}

/**
 * Sends one payment request per reference through the published bulk workflow, to the published
 * callback trigger unless `statusCallback` is null; returns the payment node's items.
 */
async function sendPaymentRequests(references: string[], statusCallback: string | null = n8n.triggerUrl(CALLBACK_ID, TRIGGER)): Promise<any[]> {
	const orders = references.map((reference, index) => ({ reference, to: CUSTOMER(index), statusCallback: statusCallback ?? '' }));
	const before = executionCount(BULK_ID);
	const response = await n8n.runWorkflowByWebhook(BULK_PATH, { orders }, { timeoutMs: 180_000 });
	expect(response.status).toBe(200);
	const [execution] = await newExecutions(BULK_ID, before, 1);
	expect(execution.status).toBe('success');
	return nodeOutput(execution, SEND);
}

/** Pays an order through the emulator, which posts Exotel's payment callback; returns the delivery. */
async function pay(reference: string, transactionId: string): Promise<any> {
	const { delivery } = await control('pay', { reference_id: reference, outcome: 'success', transaction_id: transactionId });
	expect(lastAttempt(delivery).status).toBe(200);
	return delivery;
}

beforeAll(async () => {
	// No retry delays: a refused delivery is recorded at once instead of being retried for 3 s.
	emulator = await createEmulator({ port: 0, providers: ['exotel'], config: { exotel: { retryDelaysMs: [] } } });
	const credentials = harness.emulatorCredentials(emulator.url).filter((credential: any) => credential.type === 'exotelApi');
	const workflows = [bulkSendWorkflow, callbackWorkflow, orderStatusWorkflow, ...examples.map((example: any) => example.workflow)].map(
		(workflow) => harness.bindCredentials(workflow, credentials),
	);
	// A fixed port keeps the callback URLs stored in the emulator valid across restart().
	n8n = await harness.startN8n({
		name: 'exotel',
		port: await harness.freePort(),
		credentials,
		workflows,
		publish: [BULK_ID, CALLBACK_ID, STATUS_ID, ...examples.filter((example: any) => example.publish).map((example: any) => example.workflow.id)],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

describe('Exotel in a real n8n', () => {
	it('sends 250 payment requests from one execution in 3 Exotel requests, one sid per item in input order', async () => {
		const references = Array.from({ length: 250 }, (_, index) => `BULK-${String(index).padStart(3, '0')}`);
		const callbackUrl = n8n.triggerUrl(CALLBACK_ID, TRIGGER);
		const requestsBefore = messageRequests();

		const items = await sendPaymentRequests(references, callbackUrl);

		expect(messageRequests() - requestsBefore).toBe(3);
		expect(items).toHaveLength(250);
		expect(items.map((item) => item.referenceId)).toEqual(references);
		expect(items.map((item) => item.to)).toEqual(references.map((_, index) => CUSTOMER(index)));
		for (const item of items) expect(item).toMatchObject({ sid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'success' });
		expect(new Set(items.map((item) => item.sid)).size).toBe(250);

		// The emulator stored them in the same order, 100 + 100 + 50 per request, each with the trigger as its callback.
		const stored = storedMessages((message) => message.type === 'order_details' && message.reference_id.startsWith('BULK-'));
		expect(stored.map((message) => message.sid)).toEqual(items.map((item) => item.sid));
		const perRequest = [...new Set(stored.map((message) => message.request_id))].map(
			(requestId) => stored.filter((message) => message.request_id === requestId).length,
		);
		expect(perRequest).toEqual([100, 100, 50]);
		expect(new Set(stored.map((message) => message.status_callback))).toEqual(new Set([callbackUrl]));
		expect(stored[0]).toMatchObject({ custom_data: 'crm-BULK-000', amount: { value: 43600, offset: 100 } });
	});

	describe('payment callbacks', () => {
		it('a payment runs the published trigger workflow once, with status paid and the reference, and moves the order to processing', async () => {
			const [sent] = await sendPaymentRequests(['PAY-ONCE']);
			const before = executionCount(CALLBACK_ID);
			const requestsBefore = messageRequests();

			await pay('PAY-ONCE', 'pay_PAYONCE0001');

			const [execution] = await newExecutions(CALLBACK_ID, before, 1);
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			const [event] = nodeOutput(execution, TRIGGER);
			expect(event).toMatchObject({
				eventId: `exotel:${sent.sid}:30050:pay_PAYONCE0001`,
				provider: 'exotel',
				event: 'EX_PAYMENT_SUCCESS',
				status: 'paid',
				reference: 'PAY-ONCE',
				transactionId: 'pay_PAYONCE0001',
				// Exotel offers no way to read a payment back: the event says nothing confirmed it.
				details: { sid: sent.sid, to: sent.to, customData: 'crm-PAY-ONCE', confirmed: false },
			});
			expect(nodeOutput(execution, DEDUP)).toHaveLength(1);
			expect(nodeOutput(execution, MARK_PROCESSING)).toEqual([
				expect.objectContaining({ referenceId: 'PAY-ONCE', orderStatus: 'processing', to: sent.to, status: 'success' }),
			]);
			expect(messageRequests() - requestsBefore).toBe(1);
			expect(emulator.state.exotel.orders['PAY-ONCE'].status).toBe('processing');
		});

		it('the same callback delivered again starts no execution (the trigger remembers it in-process)', async () => {
			await sendPaymentRequests(['PAY-TWICE']);
			const before = executionCount(CALLBACK_ID);
			const first = await pay('PAY-TWICE', 'pay_PAYTWICE001');
			await newExecutions(CALLBACK_ID, before, 1);
			const requestsBefore = messageRequests();

			const { delivery } = await control('resend-last', {});

			expect(delivery.body).toBe(first.body);
			expect(lastAttempt(delivery).status).toBe(200);
			expect(JSON.parse(lastAttempt(delivery).response)).toEqual({ received: true, duplicates: 1 });
			expect(executionCount(CALLBACK_ID)).toBe(before + 1);
			expect(messageRequests()).toBe(requestsBefore);
		});

		it('refuses callbacks on a wrong webhook path or webhook id without starting an execution', async () => {
			const [sent] = await sendPaymentRequests(['PAY-WRONG-URL']);
			const before = executionCount(CALLBACK_ID);
			const body = {
				whatsapp: {
					messages: [
						{ sid: sent.sid, exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_SUCCESS', payment_reference_id: 'PAY-WRONG-URL', payment_transaction_id: 'pay_FORGED' },
					],
				},
			};
			const webhookId = n8n.webhookIdOf(CALLBACK_ID, TRIGGER);
			const wrongUrls = [
				n8n.webhookUrl(webhookId, 'callback'),
				n8n.webhookUrl(randomUUID(), 'webhook'),
				n8n.webhookUrl(undefined, 'webhook'),
				n8n.webhookUrl(webhookId.replace(/.$/, (last: string) => (last === '0' ? '1' : '0')), 'webhook'),
			];
			for (const url of wrongUrls) {
				const response = await n8n.runWorkflowByWebhook(url, body, { headers: { 'content-type': 'application/json' } });
				expect({ url, status: response.status }).toEqual({ url, status: 404 });
			}

			// A genuine payment afterwards is the only new execution: nothing ran in between.
			await pay('PAY-WRONG-URL', 'pay_PAYWRONG001');
			const [execution] = await newExecutions(CALLBACK_ID, before, 1);
			expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({ reference: 'PAY-WRONG-URL', transactionId: 'pay_PAYWRONG001' });
		});

		it('refuses (400) callbacks whose ids are longer than the trigger remembers, and starts nothing', async () => {
			const before = executionCount(CALLBACK_ID);
			const callback = (fields: object) => ({
				whatsapp: {
					messages: [{ sid: 'sid-long', exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_SUCCESS', payment_reference_id: 'PAY-LONG', payment_transaction_id: 'pay_LONG', ...fields }],
				},
			});
			const url = n8n.triggerUrl(CALLBACK_ID, TRIGGER);
			for (const fields of [{ sid: 's'.repeat(129) }, { payment_transaction_id: 'p'.repeat(100_000) }]) {
				const response = await n8n.runWorkflowByWebhook(url, callback(fields), { headers: { 'content-type': 'application/json' } });
				expect(response.status).toBe(400);
				expect(response.json).toEqual({ error: 'Bad Request', message: expect.stringMatching(/^The callback's \w+ is longer than 128 characters$/) });
			}
			expect(executionCount(CALLBACK_ID)).toBe(before);
		});

		it('after a restart a redelivered payment starts an execution that Remove Duplicates stops: no second order status update', async () => {
			await sendPaymentRequests(['PAY-RESTART']);
			const before = executionCount(CALLBACK_ID);
			await pay('PAY-RESTART', 'pay_PAYRESTART1');
			const [paid] = await newExecutions(CALLBACK_ID, before, 1);
			const paidEvent = nodeOutput(paid, TRIGGER)[0];
			const statusMessages = () => storedMessages((message) => message.type === 'order_status' && message.reference_id === 'PAY-RESTART');
			expect(statusMessages()).toHaveLength(1);
			const requestsBefore = messageRequests();

			await n8n.restart();
			const { delivery } = await control('resend-last', {});
			expect(lastAttempt(delivery).status).toBe(200);
			expect(lastAttempt(delivery).response).not.toContain('duplicates');

			const [redelivered] = await newExecutions(CALLBACK_ID, before + 1, 1);
			expect(redelivered.status).toBe('success');
			expect(nodeOutput(redelivered, TRIGGER)).toEqual([expect.objectContaining({ eventId: paidEvent.eventId, reference: 'PAY-RESTART' })]);
			expect(nodeOutput(redelivered, DEDUP)).toEqual([]);
			expect(nodeOutput(redelivered, IF_PAID)).toBeUndefined();
			expect(nodeOutput(redelivered, MARK_PROCESSING)).toBeUndefined();

			expect(messageRequests()).toBe(requestsBefore);
			expect(statusMessages()).toHaveLength(1);
			expect(emulator.state.exotel.orders['PAY-RESTART'].history.map((entry: any) => entry.status)).toEqual(['pending', 'processing']);
		});
	});

	describe('order status updates', () => {
		/** Runs the order status workflow for `reference`; returns n8n's answer and the execution. */
		async function updateStatus(reference: string, body: { status: string; currentStatus: string }) {
			const before = executionCount(STATUS_ID);
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference, to: CUSTOMER(0), ...body });
			const [execution] = await newExecutions(STATUS_ID, before, 1);
			return { response, execution };
		}

		it('sends an allowed move (pending → shipped) that the emulator accepts', async () => {
			await sendPaymentRequests(['STATUS-SHIP'], null);
			const requestsBefore = messageRequests();

			const { response, execution } = await updateStatus('STATUS-SHIP', { status: 'shipped', currentStatus: 'pending' });

			expect(response.status).toBe(200);
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, UPDATE_STATUS)).toEqual([
				expect.objectContaining({ referenceId: 'STATUS-SHIP', orderStatus: 'shipped', to: CUSTOMER(0), status: 'success', sid: expect.any(String) }),
			]);
			expect(messageRequests() - requestsBefore).toBe(1);
			expect(emulator.state.exotel.orders['STATUS-SHIP'].status).toBe('shipped');
		});

		// n8n 2.41 files any execution whose error message contains the word "canceled" as a
		// *canceled* execution (n8n-core WorkflowExecute.processSuccessExecution); the node's
		// messages name statuses by their labels so that a refusal stays a failed execution (the
		// references here must not contain the word either).
		it.each([
			['completed', 'shipped', 'STATUS-FINAL-1', 'order "STATUS-FINAL-1" is Completed, which is final: no status change is allowed'],
			['canceled', 'processing', 'STATUS-FINAL-2', 'order "STATUS-FINAL-2" is Canceled, which is final: no status change is allowed'],
		])('refuses %s → %s before anything is sent, as a failed execution', async (currentStatus, status, reference, message) => {
			await sendPaymentRequests([reference], null);
			const requestsBefore = messageRequests();
			const messagesBefore = storedMessages().length;

			const { response, execution } = await updateStatus(reference, { status, currentStatus });

			expect(response.status).toBe(500);
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error).toMatchObject({ name: 'NodeOperationError', node: { name: UPDATE_STATUS }, message });
			expect(error.description).toBe('Check field "options.currentStatus" of input item 0, or choose another new status. Nothing was sent.');
			expect(messageRequests()).toBe(requestsBefore);
			expect(storedMessages()).toHaveLength(messagesBefore);
			expect(emulator.state.exotel.orders[reference].status).toBe('pending');
		});
	});

	describe('the Exotel examples, imported as the demo imports them', () => {
		it('has both, the callback one published, its trigger with a random webhook id', () => {
			expect(examples.map((example: any) => [example.workflow.id, example.publish]).sort()).toEqual([
				[CALLBACK_EXAMPLE, true],
				[SEND_EXAMPLE, false],
			]);
			const trigger = examples.find((example: any) => example.workflow.id === CALLBACK_EXAMPLE).workflow.nodes.find(
				(node: any) => node.type === `${harness.PACKAGE_PREFIX}exotelTrigger`,
			);
			expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			expect(trigger.webhookId).not.toBe(harness.stableUuid(CALLBACK_EXAMPLE, 'webhook', trigger.name));
		});

		it('the sent order is paid through the account default callback and moved to processing once', async () => {
			emulator.config.exotel.defaultStatusCallback = n8n.triggerUrl(CALLBACK_EXAMPLE, 'Exotel Trigger');
			try {
				const before = executionCount(CALLBACK_EXAMPLE);
				const run = await n8n.executeManual(SEND_EXAMPLE);
				expect(executionError(run)?.message).toBeUndefined();
				const [sent] = nodeOutput(run, 'Send Payment Request');
				expect(sent).toMatchObject({ referenceId: expect.stringMatching(/^ORDER-\d{8}-\d{6}$/), status: 'success' });
				const [stored] = storedMessages((message) => message.sid === sent.sid);
				// (2 × 200.00 + 350.00) + 37.50 GST + 40.00 shipping, with the account default callback.
				expect(stored).toMatchObject({ type: 'order_details', amount: { value: 82750, offset: 100 }, status_callback: null });

				const { delivery } = await control('pay', { reference_id: sent.referenceId });
				expect(delivery.url).toBe(emulator.config.exotel.defaultStatusCallback);
				expect(lastAttempt(delivery).status).toBe(200);
				const resent = await control('resend-last', {});
				expect(JSON.parse(lastAttempt(resent.delivery).response)).toEqual({ received: true, duplicates: 1 });
				const [execution] = await newExecutions(CALLBACK_EXAMPLE, before, 1);
				expect(nodeOutput(execution, 'Exotel Trigger')[0]).toMatchObject({ status: 'paid', reference: sent.referenceId });
				expect(nodeOutput(execution, 'Mark Order Processing')).toEqual([
					expect.objectContaining({ referenceId: sent.referenceId, orderStatus: 'processing', status: 'success' }),
				]);
				expect(emulator.state.exotel.orders[sent.referenceId].status).toBe('processing');
			} finally {
				emulator.config.exotel.defaultStatusCallback = null;
			}
		});
	});
});
