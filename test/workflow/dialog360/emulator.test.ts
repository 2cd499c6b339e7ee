// The 360dialog nodes against the offline emulator, whose order rules are written independently of
// the package: the whole journey — the trigger takes the number's webhook, the payment request goes
// out, the customer pays, the emulator's webhook reaches the trigger (through a local receiver, as n8n
// would get it), the lookup confirms it, the order status moves on, a refused move comes back as 2046,
// and deactivation puts the old webhook back.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { nock, runWebhook, runWebhookLifecycle, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';

const { createEmulator } = require('../../emulator/server');


interface Emulator {
	url: string;
	close(): Promise<void>;
	reset(): void;
	config: { dialog360: IDataObject };
	state: { dialog360: { webhook: { url: string | null; headers: IDataObject | null }; orders: Record<string, IDataObject> } };
}

interface Delivery {
	headers: IncomingHttpHeaders;
	body: Buffer;
}

let emu: Emulator;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
const API_KEY = 'emulator-360dialog-key';
const WEBHOOK_ID = '9d7c6b5a-4e3f-4a1b-8c9d-0e1f2a3b4c5d';

beforeAll(async () => {
	emu = await createEmulator({ port: 0, providers: ['dialog360'], config: { dialog360: { asyncErrorDelayMs: 0, retryDelaysMs: [] } } });
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			deliveries.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await emu.close();
	await new Promise((resolve) => receiver.close(resolve));
	nock.enableNetConnect();
});
beforeEach(() => {
	nock.cleanAll();
	nock.enableNetConnect(/127\.0\.0\.1/);
	emu.reset();
	deliveries.length = 0;
});

const credentials = (extra: IDataObject = {}) => ({ dialog360Api: { apiKey: API_KEY, apiHost: 'custom', customApiHost: emu.url, partnerWebhookSecret: '', ...extra } });

async function control(path: string, body: IDataObject = {}): Promise<IDataObject> {
	const res = await fetch(`${emu.url}/_control/dialog360/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return (await res.json()) as IDataObject;
}

async function setWebhook(url: string, headers?: IDataObject): Promise<void> {
	await fetch(`${emu.url}/v1/configs/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'D360-API-KEY': API_KEY }, body: JSON.stringify({ url, headers }) });
}

function chain(node: IDataObject): WorkflowJson {
	return {
		nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, { name: 'Node', ...node } as never],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

const payment = (referenceId: string, extra: IDataObject = {}): IDataObject => ({
	type: 'n8n-nodes-chat-payments.dialog360',
	parameters: {
		resource: 'paymentRequest',
		operation: 'send',
		to: '+91 98765 43210',
		referenceId,
		goodsType: 'physical-goods',
		shipped: true,
		beneficiary: { details: { name: 'Asha Rao', addressLine1: '12 Park Street', city: 'Kolkata', state: 'West Bengal', country: 'India', postalCode: '700016' } },
		paymentGateway: 'razorpay',
		paymentConfiguration: 'cfg-emu',
		options: { razorpayReceipt: `rcpt-${referenceId}`, razorpayNotes: { note: [{ key: 'crm', value: 'lead-7' }] } },
		bodyText: 'Tap Review and Pay',
		itemsFromCatalog: false,
		items: {
			item: [
				{ retailerId: 'SKU-1', name: 'Bread', amount: '14.00', saleAmount: '10.00', quantity: 2, countryOfOrigin: 'India', importerName: 'Bakers Ltd', importerAddressLine1: '1 MG Road', importerCity: 'Bengaluru', importerZoneCode: 'KA', importerPostalCode: '560001', importerCountryCode: 'IN' },
			],
		},
		taxAmount: '1.80',
		expiration: 'inMinutes',
		expiresInMinutes: 30,
		expirationDescription: 'Pay within 30 minutes',
		additionalFields: { shippingAmount: '0.50', discountAmount: '1.00', discountDescription: 'Welcome' },
		...extra,
	},
});

const getPayment = (referenceId: string, options: IDataObject = {}): IDataObject => ({
	type: 'n8n-nodes-chat-payments.dialog360',
	parameters: { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg-emu', referenceId, options },
});

const orderStatus = (referenceId: string, parameters: IDataObject, options: IDataObject = {}): IDataObject => ({
	type: 'n8n-nodes-chat-payments.whatsAppOrderStatus',
	parameters: { resource: 'order', provider: 'dialog360', operation: 'updateStatus', to: '919876543210', referenceId, bodyText: 'Your order moved on', ...parameters, options },
});

const triggerWorkflow = (parameters: IDataObject = {}): WorkflowJson => ({
	id: 'wf-d360-emulator',
	nodes: [
		{ name: 'Trigger', type: 'n8n-nodes-chat-payments.dialog360Trigger', webhookId: WEBHOOK_ID, parameters: { paymentConfiguration: 'cfg-emu', ...parameters } },
		{ name: 'Next', type: 'n8n-nodes-base.noOp' },
	],
	connections: { Trigger: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
});

/** What the emulator delivered last, handed to the trigger as n8n would. */
async function lastDeliveryToTrigger(staticData: IDataObject, parameters: IDataObject = {}) {
	const last = deliveries.at(-1)!;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(last.headers)) if (typeof value === 'string') headers[name] = value;
	return await runWebhook({ workflow: triggerWorkflow(parameters), nodeName: 'Trigger', credentials: credentials(), staticData, request: { headers, rawBody: last.body } });
}

describe('360dialog nodes against the offline emulator', () => {
	it('the whole journey: webhook taken, request sent, paid, confirmed, shipped, a refused move reported, webhook given back', async () => {
		await setWebhook('https://crm.example.test/old-hook', { Authorization: 'crm' });
		const staticData: IDataObject = {};
		const lifecycle = (method: 'create' | 'delete' | 'checkExists', parameters: IDataObject = {}) =>
			runWebhookLifecycle(triggerWorkflow(parameters), 'Trigger', method, { credentials: credentials(), staticData, baseUrl: receiverUrl });

		expect((await lifecycle('create')).result).toBe(true);
		const { secretToken } = staticData['node:Trigger'] as IDataObject;
		expect(emu.state.dialog360.webhook).toEqual({ url: `${receiverUrl}/webhook/${WEBHOOK_ID}/webhook`, headers: { 'X-N8N-Webhook-Secret': secretToken } });
		expect((await lifecycle('checkExists')).result).toBe(true);

		const sent = await runWorkflow({ workflow: chain(payment('EMU-1')), credentials: credentials() });
		expect(sent.nodeError('Node')?.message).toBeUndefined();
		const [request] = sent.output('Node');
		expect(request.json).toMatchObject({ referenceId: 'EMU-1', to: '919876543210', wamid: expect.stringMatching(/^wamid\./) });
		expect(emu.state.dialog360.orders['EMU-1']).toMatchObject({ amount: { value: 2130, offset: 100 }, payment_configuration: 'cfg-emu', gateway: 'razorpay' });

		await control('pay', { reference_id: 'EMU-1', outcome: 'captured', transaction_id: 'pay_emu_1' });
		const paid = await lastDeliveryToTrigger(staticData, { options: { includeOrderErrors: true } });
		expect(paid.execution?.status).toBe('success');
		expect(paid.execution?.output('Next')[0].json).toMatchObject({
			eventId: `360dialog:${request.json.wamid}:captured:pay_emu_1`,
			status: 'paid',
			reference: 'EMU-1',
			transactionId: 'pay_emu_1',
			amount: { value: 2130, offset: 100, currency: 'INR' },
			details: { confirmed: true, lookupStatus: 'captured', webhookStatus: 'captured' },
		});

		const lookup = await runWorkflow({ workflow: chain(getPayment('EMU-1')), credentials: credentials() });
		expect(lookup.output('Node')[0].json).toMatchObject({ status: 'captured', normalizedStatus: 'paid', transactions: [{ id: 'pay_emu_1' }] });

		const shipped = await runWorkflow({ workflow: chain(orderStatus('EMU-1', { status: 'shipped' }, { currentStatus: 'pending' })), credentials: credentials() });
		expect(shipped.nodeError('Node')?.message).toBeUndefined();
		expect(emu.state.dialog360.orders['EMU-1'].status).toBe('shipped');

		// Canceling a paid order is sent (the node cannot know it is paid) and refused by WhatsApp later.
		const before = deliveries.length;
		const cancel = await runWorkflow({ workflow: chain(orderStatus('EMU-1', { operation: 'cancelOrder', cancelReason: 'Out of stock' })), credentials: credentials() });
		const cancelWamid = cancel.output('Node')[0].json.wamid;
		// 2047 comes back by webhook, after the send: wait for it with a deadline, not a fixed time.
		for (const deadline = Date.now() + 30_000; deliveries.length === before && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(deliveries.length).toBe(before + 1);
		const refused = await lastDeliveryToTrigger(staticData, { options: { includeOrderErrors: true } });
		expect(refused.execution?.output('Next')[0].json).toMatchObject({ event: 'order.error', details: { category: 'orderError', wamid: cancelWamid, errorCode: 2047 } });

		expect((await lifecycle('delete')).result).toBe(true);
		expect(emu.state.dialog360.webhook).toEqual({ url: 'https://crm.example.test/old-hook', headers: { Authorization: 'crm' } });
	});

	it('a webhook that claims captured is emitted as what the lookup says; the redelivery runs nothing', async () => {
		const staticData: IDataObject = {};
		await runWebhookLifecycle(triggerWorkflow(), 'Trigger', 'create', { credentials: credentials(), staticData, baseUrl: receiverUrl });
		await runWorkflow({ workflow: chain(payment('EMU-2')), credentials: credentials() });
		await control('claim', { reference_id: 'EMU-2', status: 'captured' });
		const claimed = await lastDeliveryToTrigger(staticData);
		expect(claimed.execution?.output('Next')[0].json).toMatchObject({ status: 'pending', details: { webhookStatus: 'captured', lookupStatus: 'new' } });
		await control('resend-last');
		const redelivered = await lastDeliveryToTrigger(staticData);
		expect(redelivered.execution).toBeUndefined();
		expect(redelivered.response).toMatchObject({ statusCode: 200, body: { duplicates: 1 } });
	});

	it('the partner signature option verifies the emulator\'s x-360dialog-signature', async () => {
		const staticData: IDataObject = {};
		const signed = credentials({ partnerWebhookSecret: 'emulator-360dialog-partner-secret' });
		const parameters = { options: { verifySignature: true } };
		await runWebhookLifecycle(triggerWorkflow(parameters), 'Trigger', 'create', { credentials: signed, staticData, baseUrl: receiverUrl });
		await runWorkflow({ workflow: chain(payment('EMU-3')), credentials: signed });
		await control('pay', { reference_id: 'EMU-3', outcome: 'failed' });
		const last = deliveries.at(-1)!;
		const headers = Object.fromEntries(Object.entries(last.headers).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
		const run = (credentialsMap: IDataObject) =>
			runWebhook({ workflow: triggerWorkflow(parameters), nodeName: 'Trigger', credentials: credentialsMap as never, staticData, request: { headers, rawBody: last.body } });
		expect((await run(signed)).execution?.output('Next')[0].json).toMatchObject({ status: 'failed' });
		expect((await run(credentials({ partnerWebhookSecret: 'another-secret' }))).response.statusCode).toBe(401);
	});

	it('the Lookup Path option reaches a lookup that only answers on /payments', async () => {
		emu.config.dialog360.lookupPaths = ['/payments'];
		try {
			await runWorkflow({ workflow: chain(payment('EMU-4')), credentials: credentials() });
			const get = (lookupPath: string) =>
				runWorkflow({ workflow: chain(getPayment('EMU-4', { lookupPath })), credentials: credentials() });
			expect(((await get('/v1/payments')).nodeError('Node') as unknown as IDataObject).httpCode).toBe('404');
			expect((await get('/payments')).output('Node')[0].json).toMatchObject({ status: 'new', normalizedStatus: 'pending' });
		} finally {
			emu.config.dialog360.lookupPaths = ['/v1/payments', '/payments'];
		}
	});

	it('the emulator refuses what 360dialog would refuse, and the node reports its code and hint', async () => {
		await control('fail-next', { status: 400, code: 131005 });
		const run = await runWorkflow({ workflow: chain(payment('EMU-5')), credentials: credentials() });
		const error = run.nodeError('Node') as unknown as IDataObject;
		expect(error.message).toBe('360dialog error 131005: (#131005) Access denied');
		expect(String(error.description)).toContain('accept them in the WhatsApp Manager');
	});
});
