// The journey of docs/providers.md §1.5 (create a link → wait for payment → delete it) as an n8n
// workflow, run by n8n-core's engine with the real credential signing every request, against the
// fake Craftgate.
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { FAKE_CREDENTIALS, FakeCraftgate } from '../../fakes/craftgate';


beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const CRAFTGATE = 'n8n-nodes-chat-payments.craftgate';
const CREDENTIALS = { craftgateApi: FAKE_CREDENTIALS };
const connect = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main' as const, index: 0 }]] } });

const createParameters = {
	resource: 'link',
	operation: 'create',
	name: '={{ $json.companyName }}',
	price: '={{ $json.totalPrice }}',
	currency: '={{ $json.currency }}',
	description: '=Order {{ $json.orderId || $json.conversationId }}',
	expiry: 'inMinutes',
	expiresInMinutes: 30,
	expiryTimeZone: 'Europe/Istanbul',
	additionalFields: {
		orderId: '={{ $json.orderId || $json.conversationId }}',
		conversationId: '={{ $json.conversationId }}',
		channel: 'WHATSAPP',
	},
	options: { pageLanguage: 'en' },
};

const journey: WorkflowJson = {
	nodes: [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{ name: 'Create Link', type: CRAFTGATE, parameters: createParameters },
		{ name: 'Check Payment', type: CRAFTGATE, parameters: { resource: 'link', operation: 'getPaymentStatus', linkId: '={{ $json.linkId }}' } },
		{ name: 'Delete Link', type: CRAFTGATE, parameters: { resource: 'link', operation: 'delete', linkId: "={{ $('Create Link').item.json.linkId }}" } },
	],
	connections: { ...connect('Start', 'Create Link'), ...connect('Create Link', 'Check Payment'), ...connect('Check Payment', 'Delete Link') },
};

const chatOrder = { companyName: 'MyCompany WhatsApp Order', totalPrice: '149.90', currency: 'TRY', conversationId: 'conv-77' };

const checkPayment = (linkId: string): WorkflowJson => ({
	nodes: [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{ name: 'Check Payment', type: CRAFTGATE, parameters: { resource: 'link', operation: 'getPaymentStatus', linkId } },
	],
	connections: connect('Start', 'Check Payment'),
});

describe('Craftgate node in a workflow', () => {
	it('creates the link from the chat order (conversation id as order id), finds it unpaid and deletes it', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock);
		const run = await runWorkflow({ workflow: journey, credentials: CREDENTIALS, input: [chatOrder] });
		expect(run.status).toBe('success');
		expect(craftgate.calls.every((call) => call.signatureOk)).toBe(true);
		expect(craftgate.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'POST /craftlink/v1/products',
			'GET /craftlink/v1/products/500',
			'GET /payment-reporting/v1/payments',
			'GET /craftlink/v1/products',
			'DELETE /craftlink/v1/products/500',
		]);
		const sent = craftgate.calls[0].body;
		expect(sent).toMatchObject({ name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId: 'conv-77', conversationId: 'conv-77', stock: 1, channel: 'WHATSAPP', description: 'Order conv-77' });
		expect(sent?.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		expect(run.output('Create Link')[0].json).toMatchObject({ linkId: 500, paymentUrl: 'https://sandbox-pbl.craftgate.io/l/tok-500?lang=en' });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'pending', paid: false, matchedBy: 'orderId' });
		expect(run.output('Delete Link')).toEqual([{ json: { deleted: true, linkId: 500 }, pairedItem: { item: 0 } }]);
		expect(craftgate.products).toEqual({});
	});

	it('reports paid once the link is sold, with its successful PAY_BY_LINK payment', async () => {
		const craftgate = new FakeCraftgate({
			products: [{ id: 42, name: 'x', price: 10, currency: 'TRY', orderId: 'o-42', soldCount: 1, status: 'ACTIVE' }],
			payments: [{ id: 9, orderId: 'o-42', paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', paymentError: null }],
		});
		craftgate.intercept(nock);
		const run = await runWorkflow({ workflow: checkPayment('42'), credentials: CREDENTIALS });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'paid', paid: true, successfulPaymentId: 9, ambiguousMatch: false });
	});

	it('reports a second link in the same chat (same order id, not sold) pending, not paid by the first link\'s payment', async () => {
		const craftgate = new FakeCraftgate({
			products: [
				{ id: 42, name: 'x', price: 10, currency: 'TRY', orderId: 'conv-77', soldCount: 1, status: 'ACTIVE' },
				{ id: 43, name: 'y', price: 20, currency: 'TRY', orderId: 'conv-77', soldCount: 0, status: 'ACTIVE' },
			],
			payments: [{ id: 9, orderId: 'conv-77', price: 10, currency: 'TRY', paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', paymentError: null }],
		});
		craftgate.intercept(nock);
		const run = await runWorkflow({ workflow: checkPayment('43'), credentials: CREDENTIALS });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'pending', paid: false, successfulPaymentId: null, ambiguousMatch: true, otherLinkIds: [42] });
	});

	it('finds the links of an order with Get Many', async () => {
		const craftgate = new FakeCraftgate({
			products: [
				{ id: 42, name: 'x', orderId: 'conv-77' },
				{ id: 43, name: 'y', orderId: 'other' },
				{ id: 44, name: 'z', orderId: 'conv-77' },
			],
		});
		craftgate.intercept(nock);
		const workflow: WorkflowJson = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Find Links', type: CRAFTGATE, parameters: { resource: 'link', operation: 'getAll', returnAll: true, filters: { orderId: 'conv-77' } } },
			],
			connections: connect('Start', 'Find Links'),
		};
		const run = await runWorkflow({ workflow, credentials: CREDENTIALS });
		expect(run.output('Find Links').map((item) => item.json.linkId)).toEqual([42, 44]);
		expect(craftgate.calls[0].url.search).toBe('?orderId=conv-77&page=0&size=100');
	});

	it('sends a create only once when Craftgate refuses the signature (n8n re-sends 401s otherwise)', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock);
		const run = await runWorkflow({
			workflow: journey,
			credentials: { craftgateApi: { ...FAKE_CREDENTIALS, secretKey: 'a-wrong-secret' } },
			input: [chatOrder],
		});
		expect(run.status).toBe('error');
		expect(craftgate.calls).toHaveLength(1);
		expect(run.nodeError('Create Link')?.message).toBe('Craftgate error 4: Signature is not valid');
		expect(JSON.stringify(run.run.data)).not.toContain('a-wrong-secret');
		expect(JSON.stringify(run.run.data)).not.toContain(String(craftgate.calls[0].headers['x-signature']));
	});

	it('refuses a price with too many decimals before anything is sent, and continues per item on fail', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock);
		const workflow: WorkflowJson = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Create Link', type: CRAFTGATE, parameters: createParameters, onError: 'continueRegularOutput' },
			],
			connections: connect('Start', 'Create Link'),
		};
		const run = await runWorkflow({ workflow, credentials: CREDENTIALS, input: [{ ...chatOrder, totalPrice: '149.999' }, chatOrder] });
		const output = run.output('Create Link');
		expect(output[0]).toEqual({
			json: {
				error: 'price "149.999" has more decimals than TRY allows (at most 2 decimals); it is not rounded, enter it with at most 2 decimals',
				description: 'Check field "price" of input item 0.',
			},
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { linkId: 500 }, pairedItem: { item: 1 } });
		expect(craftgate.calls).toHaveLength(1);
	});
});
