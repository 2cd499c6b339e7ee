// The whole Calypso journey against the offline emulator, whose checks are written independently
// of the package (test/emulator/providers/calypso/): the trigger subscribes itself, the node
// creates a widget, the customer picks a currency and pays, and the emulator's signed webhooks
// (one event delivered three times) reach the trigger through a local receiver that runs it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { nock, runWebhook, runWebhookLifecycle, runWorkflow } from '../harness';
import type { WebhookRunResult, WorkflowJson } from '../harness';

const { createEmulator } = require('../../emulator/server');

interface Emulator {
	url: string;
	close(): Promise<void>;
	webhooks: Array<{ status: string; done: Promise<unknown> }>;
	state: { calypso: { subscriptions: Record<string, IDataObject>; widgets: Record<string, IDataObject> } };
}

let emu: Emulator;
let receiver: Server;
let receiverUrl: string;
/** What the receiver does with a delivery; set per test. */
let onDelivery: (headers: IncomingHttpHeaders, body: Buffer) => Promise<number>;

beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			onDelivery(req.headers, Buffer.concat(chunks)).then(
				(status) => res.writeHead(status).end(),
				() => res.writeHead(500).end(),
			);
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
	nock.enableNetConnect();
});
// A new emulator per test, closed only once every delivery it started has ended: no test sees
// another's webhooks or retries.
beforeEach(async () => {
	emu = await createEmulator({ port: 0, providers: ['calypso'], config: { calypso: { retryDelaysMs: [50, 50] } } });
	onDelivery = async () => 503;
	nock.cleanAll();
	nock.enableNetConnect(/127\.0\.0\.1/);
});
afterEach(async () => {
	await Promise.all(emu.webhooks.map((record) => record.done));
	await emu.close();
});

const credentials = () => ({
	calypsoApi: {
		publicKey: 'emulator-calypso-public',
		secretKey: 'emulator-calypso-secret',
		accountId: '0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c',
		apiHost: 'custom',
		customApiHost: emu.url,
		payLinkHost: emu.url,
	},
});

const triggerWorkflow = (id: string): WorkflowJson => ({
	id,
	nodes: [
		{ name: 'Calypso Pay Trigger', type: 'n8n-nodes-chat-payments.calypsoPayTrigger', webhookId: `${id}-hook`, parameters: { subscribeTo: 'allInvoiceEvents', options: {} } },
		{ name: 'Fulfil', type: 'n8n-nodes-base.noOp' },
	],
	connections: { 'Calypso Pay Trigger': { main: [[{ node: 'Fulfil', type: 'main', index: 0 }]] } },
});

async function control(path: string, body: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${emu.url}/_control/calypso/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(response.status).toBe(200);
	return (await response.json()) as IDataObject;
}

/** Runs the trigger for every delivery and answers the emulator what n8n would. */
function deliverTo(workflow: WorkflowJson, staticData: IDataObject) {
	const runs: WebhookRunResult[] = [];
	onDelivery = async (headers, body) => {
		const result = await runWebhook({ workflow, nodeName: 'Calypso Pay Trigger', credentials: credentials(), staticData, baseUrl: receiverUrl, request: { headers: headers as Record<string, string>, rawBody: body } });
		runs.push(result);
		return result.response.statusCode ?? 200;
	};
	return runs;
}

describe('Calypso against the offline emulator', () => {
	it('subscribe → create widget → customer picks and pays → one run per event, even when delivered three times → unsubscribe', async () => {
		const wf = triggerWorkflow('wf-calypso-emulator');
		const staticData: IDataObject = {};
		const options = { credentials: credentials(), staticData, baseUrl: receiverUrl };
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'create', options)).result).toBe(true);
		const [subscription] = Object.values(emu.state.calypso.subscriptions);
		expect(subscription).toMatchObject({ notificationServiceTypes: ['INVOICE'], url: expect.stringMatching(new RegExp(`^${receiverUrl}/webhook/`)) });
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'checkExists', options)).result).toBe(true);
		const runs = deliverTo(wf, staticData);

		const created = await runWorkflow({
			workflow: {
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
					{ name: 'Widget', type: 'n8n-nodes-chat-payments.calypsoPay', parameters: { resource: 'widget', operation: 'create', cryptoCurrencies: ['USDT_TRX', 'BTC'], description: 'Order 1042', externalId: 'order-1042' } },
				],
				connections: { Start: { main: [[{ node: 'Widget', type: 'main', index: 0 }]] } },
			},
			credentials: credentials(),
		});
		expect(created.nodeError('Widget')?.message).toBeUndefined();
		const widget = created.output('Widget')[0].json;
		expect(widget.paymentLink).toBe(`${emu.url}/pay?widgetKey=${widget.widgetKey}`);
		expect((await fetch(String(widget.paymentLink))).status).toBe(200);

		const picked = await control('pick', { widgetKey: widget.widgetKey as string, currency: 'USDT_TRX', amount: '25' });
		const invoiceId = (picked.invoice as IDataObject).id;
		await control('pay', { invoiceId: invoiceId as string, mode: 'full', deliveries: 3 });
		await Promise.all(emu.webhooks.map((record) => record.done));

		expect(runs).toHaveLength(7);
		const events = runs.filter((run) => run.execution).map((run) => run.execution!.output('Fulfil')[0].json);
		expect(events.map((e) => [e.event, e.status, e.reference])).toEqual([
			['INVOICE_CREATE_UNLIMITED_INVOICE', 'pending', 'order-1042'],
			['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'paid', 'order-1042'],
			['INVOICE_PAID', 'paid', 'order-1042'],
		]);
		expect(events[2]).toMatchObject({ amount: { value: 25, offset: 1, currency: 'USDT_TRX' }, details: { invoiceId, invoiceState: 'PAID', confirmed: true } });
		expect(runs.filter((run) => !run.execution).map((run) => run.response.statusCode)).toEqual([200, 200, 200, 200]);

		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'delete', options)).result).toBe(true);
		expect(emu.state.calypso.subscriptions).toEqual({});
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'checkExists', options)).result).toBe(false);
	});

	it('a trigger without the subscription keys answers 401 and the emulator retries, then gives up', async () => {
		const wf = triggerWorkflow('wf-calypso-emulator-401');
		const staticData: IDataObject = {};
		await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'create', { credentials: credentials(), staticData, baseUrl: receiverUrl });
		const runs = deliverTo(wf, {});
		const created = await runWorkflow({
			workflow: {
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
					{ name: 'Invoice', type: 'n8n-nodes-chat-payments.calypsoPay', parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '0.5', currency: 'ETH', description: 'Order 7' } },
				],
				connections: { Start: { main: [[{ node: 'Invoice', type: 'main', index: 0 }]] } },
			},
			credentials: credentials(),
		});
		const invoice = created.output('Invoice')[0].json;
		expect(invoice).toMatchObject({ type: 'SINGLE', amount: 0.5, state: 'PENDING_PAYMENT' });
		await control('pay', { invoiceId: invoice.id as string, mode: 'full' });
		// INVOICE_CREATE_INVOICE (sent in the background), FUNDS_RECEIVED and PAID: 3 attempts each.
		await Promise.all(emu.webhooks.map((record) => record.done));
		expect(emu.webhooks.map((record) => record.status)).toEqual(['failed', 'failed', 'failed']);
		expect(runs.map((run) => [run.response.statusCode, run.execution])).toEqual(Array(9).fill([401, undefined]));
	});
});
