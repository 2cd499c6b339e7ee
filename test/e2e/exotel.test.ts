// The Exotel journey in a real n8n against the offline emulator (issue #3) and the package's
// de-duplication guarantee (issue #2): 250 payment requests from one execution in 3 API calls,
// a payment callback that runs the published trigger workflow once, a redelivery that runs the
// rest of the workflow once (in-process fast path, then n8n's Remove Duplicates across a
// restart), refused callback URLs, and order status updates with a refused transition.
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

jest.setTimeout(10 * 60_000);

const ORDER_COUNT = 250;
const MESSAGES_PATH = '/v2/accounts/emulator-sid/messages';
const CUSTOMER = (index: number) => `+9198765${String(index).padStart(5, '0')}`;
const REFERENCES = Array.from({ length: ORDER_COUNT }, (_, index) => `E2E-${String(index).padStart(3, '0')}`);

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

/** Waits until the workflow has `count` finished executions, then requires exactly that many. */
async function exactlyExecutions(workflowId: string, count: number): Promise<any[]> {
	await n8n.waitForExecutions(workflowId, count, 60_000);
	const executions = n8n.executions(workflowId);
	if (executions.length !== count) {
		throw new Error(`expected exactly ${count} executions of ${workflowId}, found ${executions.length}: ${JSON.stringify(executions.map((e: any) => e.status))}`);
	}
	return executions;
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
	let bulkItems: any[];

	it('sends 250 payment requests from one execution in 3 Exotel requests, one sid per item in input order', async () => {
		const callbackUrl = n8n.triggerUrl(CALLBACK_ID, TRIGGER);
		const orders = REFERENCES.map((reference, index) => ({ reference, to: CUSTOMER(index), statusCallback: callbackUrl }));
		const requestsBefore = messageRequests();

		const response = await n8n.runWorkflowByWebhook(BULK_PATH, { orders }, { timeoutMs: 120_000 });
		expect(response.status).toBe(200);

		expect(messageRequests() - requestsBefore).toBe(3);
		const [execution] = await exactlyExecutions(BULK_ID, 1);
		expect(execution.status).toBe('success');
		bulkItems = nodeOutput(execution, SEND);
		expect(bulkItems).toHaveLength(ORDER_COUNT);
		expect(bulkItems.map((item) => item.referenceId)).toEqual(REFERENCES);
		expect(bulkItems.map((item) => item.to)).toEqual(REFERENCES.map((_, index) => CUSTOMER(index)));
		for (const item of bulkItems) expect(item).toMatchObject({ sid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'success' });
		expect(new Set(bulkItems.map((item) => item.sid)).size).toBe(ORDER_COUNT);
		expect(response.json.map((item: any) => item.sid)).toEqual(bulkItems.map((item) => item.sid));

		// The emulator stored them in the same order, 100 + 100 + 50 per request, each with the trigger as its callback.
		const stored = storedMessages((message) => message.type === 'order_details');
		expect(stored.map((message) => message.sid)).toEqual(bulkItems.map((item) => item.sid));
		expect(stored.map((message) => message.reference_id)).toEqual(REFERENCES);
		const perRequest = [...new Set(stored.map((message) => message.request_id))].map(
			(requestId) => stored.filter((message) => message.request_id === requestId).length,
		);
		expect(perRequest).toEqual([100, 100, 50]);
		expect(new Set(stored.map((message) => message.status_callback))).toEqual(new Set([callbackUrl]));
		expect(stored[0]).toMatchObject({ custom_data: 'crm-E2E-000', amount: { value: 43600, offset: 100 } });
	});

	describe('payment callbacks', () => {
		const FIRST = REFERENCES[7];
		const SECOND = REFERENCES[8];
		let firstEventId: string;
		let firstCallbackBody: string;

		it('a payment runs the published trigger workflow once, with status paid and the reference, and moves the order to processing', async () => {
			const requestsBefore = messageRequests();
			const { delivery } = await control('pay', { reference_id: FIRST, outcome: 'success', transaction_id: 'pay_E2E00000007' });
			expect(lastAttempt(delivery).status).toBe(200);
			firstCallbackBody = delivery.body;

			const [execution] = await exactlyExecutions(CALLBACK_ID, 1);
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			const [event] = nodeOutput(execution, TRIGGER);
			expect(event).toMatchObject({
				provider: 'exotel',
				event: 'EX_PAYMENT_SUCCESS',
				status: 'paid',
				reference: FIRST,
				transactionId: 'pay_E2E00000007',
				details: { sid: bulkItems[7].sid, to: bulkItems[7].to, customData: `crm-${FIRST}` },
			});
			firstEventId = event.eventId;
			expect(firstEventId).toEqual(expect.stringContaining(bulkItems[7].sid));
			expect(nodeOutput(execution, DEDUP)).toHaveLength(1);
			expect(nodeOutput(execution, MARK_PROCESSING)).toEqual([
				expect.objectContaining({ referenceId: FIRST, orderStatus: 'processing', to: bulkItems[7].to, status: 'success' }),
			]);

			expect(messageRequests() - requestsBefore).toBe(1);
			expect(emulator.state.exotel.orders[FIRST].status).toBe('processing');
		});

		it('the same callback delivered again starts no execution (the trigger remembers it in-process)', async () => {
			const requestsBefore = messageRequests();
			const { delivery } = await control('resend-last', {});
			expect(lastAttempt(delivery).status).toBe(200);
			expect(JSON.parse(lastAttempt(delivery).response)).toEqual({ received: true, duplicates: 1 });
			expect(delivery.body).toBe(firstCallbackBody);
			expect(messageRequests()).toBe(requestsBefore);
		});

		it('refuses callbacks on a wrong webhook path or webhook id without starting an execution', async () => {
			const body = emulator.state.exotel.lastCallback.body;
			const headers = { 'content-type': 'application/json' };
			const webhookId = n8n.webhookIdOf(CALLBACK_ID, TRIGGER);
			const wrongUrls = [
				n8n.webhookUrl(webhookId, 'callback'),
				n8n.webhookUrl(randomUUID(), 'webhook'),
				n8n.webhookUrl(undefined, 'webhook'),
				n8n.webhookUrl(webhookId.replace(/.$/, (last: string) => (last === '0' ? '1' : '0')), 'webhook'),
			];
			for (const url of wrongUrls) {
				const response = await n8n.runWorkflowByWebhook(url, body, { headers });
				expect({ url, status: response.status }).toEqual({ url, status: 404 });
			}

			// A genuine payment afterwards is the second execution: nothing ran in between.
			const { delivery } = await control('pay', { reference_id: SECOND, outcome: 'success', transaction_id: 'pay_E2E00000008' });
			expect(lastAttempt(delivery).status).toBe(200);
			const executions = await exactlyExecutions(CALLBACK_ID, 2);
			expect(nodeOutput(executions[1], TRIGGER)[0]).toMatchObject({ reference: SECOND, status: 'paid' });
			expect(nodeOutput(executions[1], TRIGGER)[0].eventId).not.toBe(firstEventId);
			expect(emulator.state.exotel.orders[SECOND].status).toBe('processing');
		});

		it('after a restart a redelivered payment starts an execution that Remove Duplicates stops: no second order status update', async () => {
			const requestsBefore = messageRequests();
			const statusMessages = () => storedMessages((message) => message.type === 'order_status' && message.reference_id === SECOND);
			expect(statusMessages()).toHaveLength(1);
			const [, paidExecution] = n8n.executions(CALLBACK_ID);
			const paidEvent = nodeOutput(paidExecution, TRIGGER)[0];

			await n8n.restart();
			const { delivery } = await control('resend-last', {});
			expect(lastAttempt(delivery).status).toBe(200);
			expect(lastAttempt(delivery).response).not.toContain('duplicates');

			const executions = await exactlyExecutions(CALLBACK_ID, 3);
			const redelivered = executions[2];
			expect(redelivered.status).toBe('success');
			expect(nodeOutput(redelivered, TRIGGER)).toEqual([expect.objectContaining({ eventId: paidEvent.eventId, reference: SECOND })]);
			expect(nodeOutput(redelivered, DEDUP)).toEqual([]);
			expect(nodeOutput(redelivered, IF_PAID)).toBeUndefined();
			expect(nodeOutput(redelivered, MARK_PROCESSING)).toBeUndefined();

			expect(messageRequests()).toBe(requestsBefore);
			expect(statusMessages()).toHaveLength(1);
			expect(emulator.state.exotel.orders[SECOND].history.map((entry: any) => entry.status)).toEqual(['pending', 'processing']);
		});
	});

	describe('order status updates', () => {
		const REFERENCE = REFERENCES[8];
		const to = CUSTOMER(8);

		it('sends an allowed move (processing → shipped) that the emulator accepts', async () => {
			const requestsBefore = messageRequests();
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference: REFERENCE, to, status: 'shipped', currentStatus: 'processing' });
			expect(response.status).toBe(200);
			const [execution] = await exactlyExecutions(STATUS_ID, 1);
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, UPDATE_STATUS)).toEqual([
				expect.objectContaining({ referenceId: REFERENCE, orderStatus: 'shipped', to, status: 'success', sid: expect.any(String) }),
			]);
			expect(messageRequests() - requestsBefore).toBe(1);
			expect(emulator.state.exotel.orders[REFERENCE].status).toBe('shipped');
		});

		/** Runs the order status workflow with a refused move; checks nothing was sent. → the failed execution */
		async function refusedMove(currentStatus: string, status: string, message: RegExp): Promise<any> {
			const requestsBefore = messageRequests();
			const messagesBefore = storedMessages().length;
			const before = n8n.executions(STATUS_ID, { includeData: false }).length;

			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference: REFERENCE, to, status, currentStatus });
			expect(response.status).toBe(500);
			const executions = await exactlyExecutions(STATUS_ID, before + 1);
			const failed = executions[before];
			const error = executionError(failed);
			expect(error).toMatchObject({ name: 'NodeOperationError', node: { name: UPDATE_STATUS } });
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(/Check field "currentStatus" of input item 0.*Nothing was sent/);

			expect(messageRequests()).toBe(requestsBefore);
			expect(storedMessages()).toHaveLength(messagesBefore);
			expect(emulator.state.exotel.orders[REFERENCE].status).toBe('shipped');
			return failed;
		}

		it('refuses completed → shipped before anything is sent, as a failed execution', async () => {
			const failed = await refusedMove('completed', 'shipped', /^order "E2E-008" is Completed, which is final: no status change is allowed$/);
			expect(failed.status).toBe('error');
		});

		let fromCanceled: any;
		it('refuses canceled → processing before anything is sent', async () => {
			fromCanceled = await refusedMove('canceled', 'processing', /^order "E2E-008" is Canceled, which is final: no status change is allowed$/);
		});

		// n8n 2.41 files any execution whose error message contains the word "canceled" as a
		// *canceled* execution (n8n-core WorkflowExecute.processSuccessExecution); the node's
		// messages name statuses by their labels so that a refusal stays a failed execution.
		it('records the refusal from canceled as a failed execution, not a canceled one', () => {
			expect(fromCanceled.status).toBe('error');
		});
	});

	describe('the Exotel examples, imported as the demo imports them', () => {
		it('has both, the callback one published, its trigger with a random webhook id', () => {
			expect(examples.map((example: any) => [example.workflow.id, example.publish]).sort()).toEqual([
				[CALLBACK_EXAMPLE, true],
				[SEND_EXAMPLE, false],
			]);
			const trigger = examples.find((example: any) => example.workflow.id === CALLBACK_EXAMPLE).workflow.nodes.find(
				(node: any) => node.type === `${harness.PACKAGE_PREFIX}exotelPaymentTrigger`,
			);
			expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			expect(trigger.webhookId).not.toBe(harness.stableUuid(CALLBACK_EXAMPLE, 'webhook', trigger.name));
		});

		it('the sent order is paid through the account default callback and moved to processing once', async () => {
			emulator.config.exotel.defaultStatusCallback = n8n.triggerUrl(CALLBACK_EXAMPLE, 'Exotel Payment Trigger');
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
			const [execution] = await exactlyExecutions(CALLBACK_EXAMPLE, 1);
			expect(nodeOutput(execution, 'Exotel Payment Trigger')[0]).toMatchObject({ status: 'paid', reference: sent.referenceId });
			expect(nodeOutput(execution, 'Mark Order Processing')).toEqual([
				expect.objectContaining({ referenceId: sent.referenceId, orderStatus: 'processing', status: 'success' }),
			]);
			expect(emulator.state.exotel.orders[sent.referenceId].status).toBe('processing');
		});
	});
});
