// The two Calypso example workflows (examples/calypso-*.json), loaded the way `npm run demo`
// loads them (random trigger webhook id), run in a real n8n against the offline emulator:
// - calypso-create-widget: a widget for the sample order and the message with its payment link;
// - calypso-funds-received: published, its trigger subscribes itself; a full payment confirms the
//   order once, an underpayment is not confirmed, a redelivery after a restart (the trigger's own
//   memory gone) stops at Remove Duplicates; unpublished offline, the next start unsubscribes it.
// Each test pays its own widget and reads only the runs of its own invoice. The unpublishing test
// uses a copy of the funds example of its own, so the example stays subscribed whatever the order.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');
const { loadExamples } = require('../demo/examples');
const { repoRoot } = require('./harness/paths');

const { nodeOutput, executionError, executionsWhere, waitForExecutionsWhere, request, waitFor } = harness;

const CREATE_EXAMPLE = 'calypso-create-widget.json';
const FUNDS_EXAMPLE = 'calypso-funds-received.json';
const FUNDS = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE';
const TRIGGER = 'Calypso Pay Trigger';
const ORDER = 'order-1042';
/** The copy of the funds example that the unpublishing test publishes and unpublishes. */
const UNPUBLISH_ID = 'e2eCalypsoUnpublish';

describe('Calypso example workflows in a real n8n', () => {
	let n8n: any;
	let emulator: any;
	let createExample: any;
	let fundsExample: any;
	let createId: string;
	let fundsId: string;
	let triggerUrl: string;

	const control = async (route: string, body: object) => {
		const response = await request(`${emulator.url}/_control/calypso/${route}`, { method: 'POST', body });
		if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
		return response.json;
	};
	const subscriptionsAt = (url: string): any[] => Object.values(emulator.state.calypso.subscriptions).filter((subscription: any) => subscription.url === url);

	/** The finished runs of the example whose trigger event is about `invoiceId`, oldest first. */
	const aboutInvoice = (invoiceId: string) => (execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.details?.invoiceId === invoiceId;
	const runsOf = (invoiceId: string): any[] => executionsWhere(n8n, fundsId, aboutInvoice(invoiceId));
	const waitForRunsOf = async (invoiceId: string, count: number) => {
		await waitForExecutionsWhere(n8n, fundsId, aboutInvoice(invoiceId), count, { timeoutMs: 60_000, what: `runs for invoice ${invoiceId}` });
		return runsOf(invoiceId);
	};

	/** Runs the create example; → its widget (as the emulator stored it) and the customer message. */
	async function sendPaymentLink(): Promise<{ widget: any; message: any }> {
		const run = await n8n.executeManual(createId);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [created] = nodeOutput(run, 'Create Payment Widget');
		const [message] = nodeOutput(run, 'Message to Customer');
		return { widget: emulator.state.calypso.widgets[created.widgetKey], message };
	}

	beforeAll(async () => {
		const examples = loadExamples(path.join(repoRoot, 'examples')).filter((example: any) => path.basename(example.file).startsWith('calypso-'));
		const byFile = (name: string) => examples.find((example: any) => path.basename(example.file) === name);
		createExample = byFile(CREATE_EXAMPLE);
		fundsExample = byFile(FUNDS_EXAMPLE);
		if (!createExample || !fundsExample) throw new Error(`examples/${CREATE_EXAMPLE} and examples/${FUNDS_EXAMPLE} must both load`);
		createId = createExample.workflow.id;
		fundsId = fundsExample.workflow.id;

		const ownCopy = structuredClone(fundsExample.workflow);
		ownCopy.id = UNPUBLISH_ID;
		ownCopy.name = 'E2E: funds received, to unpublish';
		for (const node of ownCopy.nodes) if (node.name === TRIGGER) node.webhookId = crypto.randomUUID();

		emulator = await createEmulator({ port: 0, providers: ['calypso'], config: { calypso: { retryDelaysMs: [] } } });
		const { publicKey, secretKey, accountId } = emulatorSecrets.calypso;
		const credentials = [
			{
				id: 'e2e-calypsoApi',
				name: 'Calypso API (emulator)',
				type: 'calypsoApi',
				data: { publicKey, secretKey, accountId, apiHost: 'custom', customApiHost: emulator.url, payLinkHost: emulator.url },
			},
		];
		n8n = await harness.startN8n({
			name: 'calypso-examples',
			// Fixed, so the URL the trigger subscribed stays valid across restart().
			port: await harness.freePort(),
			credentials,
			workflows: [createExample.workflow, fundsExample.workflow, ownCopy].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [fundsId],
		});
		triggerUrl = n8n.triggerUrl(fundsId, TRIGGER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('are loaded as the demo loads them: the trigger one published with a random webhook id, neither file with a fixed one', () => {
		expect(createExample.publish).toBe(false);
		expect(fundsExample.publish).toBe(true);
		for (const example of [createExample, fundsExample]) {
			const file = JSON.parse(fs.readFileSync(example.file, 'utf8'));
			expect(file.nodes.filter((node: any) => 'webhookId' in node)).toEqual([]);
		}
		// n8n 2.41 saves static data only for workflow ids of at most 21 characters; with a longer
		// one the trigger's subscription keys would be lost and every delivery would get 401.
		for (const id of [createId, fundsId]) expect(id.length).toBeLessThanOrEqual(21);
		const trigger = fundsExample.workflow.nodes.find((node: any) => node.name === TRIGGER);
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(trigger.webhookId).not.toBe(harness.stableUuid(fundsId, 'webhook', TRIGGER));
		const exampleWebhooks = n8n.webhooks().filter((hook: any) => hook.workflowId !== UNPUBLISH_ID);
		expect(exampleWebhooks).toEqual([expect.objectContaining({ workflowId: fundsId, node: TRIGGER, method: 'POST' })]);
	});

	it('the published trigger subscribed its URL to funds-received events only', () => {
		const subscriptions = subscriptionsAt(triggerUrl);
		expect(subscriptions).toEqual([expect.objectContaining({ url: triggerUrl, notificationEventTypes: [FUNDS], notificationServiceTypes: [] })]);
		expect(n8n.staticData(fundsId)[`node:${TRIGGER}`]).toMatchObject({ requestId: subscriptions[0].requestId, url: triggerUrl });
	});

	it('send a payment link: a widget for the order and a message with its link', async () => {
		const { widget, message } = await sendPaymentLink();
		expect(widget).toMatchObject({ externalId: ORDER, description: 'Order 1042: 2 × Coffee beans, 25 USD', cryptoCurrencies: ['USDT_TRX', 'USDT', 'BTC', 'ETH'] });
		const link = `${emulator.url}/pay?widgetKey=${widget.idempotencyKey}`;
		expect(message).toEqual({ message: `Please pay for your order ${ORDER} here: ${link}`, widgetKey: widget.idempotencyKey });
		expect((await request(link)).status).toBe(200);

		// The customer pays it in full; the funds-received event is delivered twice.
		const { invoice } = await control('pick', { widgetKey: widget.idempotencyKey, currency: 'USDT_TRX', amount: '25' });
		expect(invoice.externalId).toBe(ORDER);
		const paid = await control('pay', { invoiceId: invoice.id, mode: 'full', deliveries: 2 });
		// Only the subscribed event came: no INVOICE_PAID, no creation event.
		expect(paid.webhooks.map((record: any) => [record.url, record.meta.eventType, record.attempts.map((attempt: any) => attempt.status)])).toEqual([
			[triggerUrl, FUNDS, [200]],
			[triggerUrl, FUNDS, [200]],
		]);
		const [execution] = await waitForRunsOf(invoice.id, 1);
		expect(runsOf(invoice.id)).toHaveLength(1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Remove Duplicates')).toEqual([expect.objectContaining({ event: FUNDS, status: 'paid', reference: ORDER })]);
		expect(nodeOutput(execution, 'Confirm Order')).toEqual([{ orderReference: ORDER, invoiceId: invoice.id, amountReceived: '25 USDT_TRX', confirmed: true }]);
		expect(nodeOutput(execution, 'Not Paid: Check in Calypso')).toBeUndefined();
	});

	it('an underpaid order is not confirmed: it goes to "Not Paid"', async () => {
		const { widget } = await sendPaymentLink();
		const { invoice } = await control('pick', { widgetKey: widget.idempotencyKey, currency: 'USDT_TRX', amount: '25' });
		const underpaid = await control('pay', { invoiceId: invoice.id, mode: 'under' });
		expect(underpaid.invoice).toMatchObject({ state: 'PENDING_INTERVENTION', interventionType: 'UNDERPAY' });

		const executions = await waitForRunsOf(invoice.id, 1);
		expect(executions).toHaveLength(1);
		const [event] = nodeOutput(executions[0], TRIGGER);
		expect(event).toMatchObject({ event: FUNDS, status: 'other', reference: ORDER, details: { invoiceId: invoice.id, interventionType: 'UNDERPAY' } });
		expect(nodeOutput(executions[0], 'Confirm Order')).toBeUndefined();
		expect(nodeOutput(executions[0], 'Not Paid: Check in Calypso')).toEqual([expect.objectContaining({ eventId: event.eventId })]);
	});

	it('a redelivery after a restart runs, but Remove Duplicates keeps the order from being confirmed twice', async () => {
		const { widget } = await sendPaymentLink();
		const { invoice } = await control('pick', { widgetKey: widget.idempotencyKey, currency: 'USDT_TRX', amount: '25' });
		const [delivery] = (await control('pay', { invoiceId: invoice.id, mode: 'full' })).webhooks;
		const [confirmed] = await waitForRunsOf(invoice.id, 1);
		expect(nodeOutput(confirmed, 'Confirm Order')).toEqual([expect.objectContaining({ orderReference: ORDER, invoiceId: invoice.id })]);

		await n8n.restart();
		// Calypso re-sends an event byte for byte (same id, same Sign).
		const redelivered = await n8n.runWorkflowByWebhook(triggerUrl, delivery.body, { headers: delivery.headers });
		expect(redelivered.status).toBe(200);

		const executions = await waitForRunsOf(invoice.id, 2);
		expect(executions).toHaveLength(2);
		const [event] = nodeOutput(executions[1], TRIGGER);
		expect(event.eventId).toBe(nodeOutput(executions[0], TRIGGER)[0].eventId);
		expect(nodeOutput(executions[1], 'Remove Duplicates')).toEqual([]);
		expect(nodeOutput(executions[1], 'Confirm Order')).toBeUndefined();
	});

	it('unpublished while n8n is stopped, the next start deletes the subscription', async () => {
		// A copy of its own, published here, so the example stays subscribed for every other test.
		const ownUrl = n8n.triggerUrl(UNPUBLISH_ID, TRIGGER);
		await n8n.publish([UNPUBLISH_ID]);
		expect(subscriptionsAt(ownUrl)).toEqual([expect.objectContaining({ notificationEventTypes: [FUNDS] })]);
		const exampleSubscriptions = subscriptionsAt(triggerUrl);
		expect(exampleSubscriptions).toHaveLength(1);
		const requestsBefore = emulator.requests.length;

		await n8n.reconfigure({ unpublish: [UNPUBLISH_ID] });
		await waitFor(() => subscriptionsAt(ownUrl).length === 0, { timeoutMs: 60_000, what: 'the subscription to be deleted on start' });
		const deletes = emulator.requests.slice(requestsBefore).filter((entry: any) => entry.method === 'DELETE');
		expect(deletes.map((entry: any) => [entry.path, entry.status])).toEqual([['/api/v1/subscription/webhook', 200]]);
		expect(subscriptionsAt(triggerUrl)).toEqual(exampleSubscriptions);
		expect(n8n.webhooks().filter((hook: any) => hook.workflowId === UNPUBLISH_ID)).toEqual([]);
	});
});
