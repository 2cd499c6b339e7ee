// The seed's journey (MindBehind createLink → wait for payment → deleteLink) as an n8n workflow,
// run by n8n-core's engine with the real credential signing every request.
import type { IDataObject } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { CREDENTIALS, fakeCraftgate } from './fakeCraftgate';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Each test file loads its own nock; un-patch http so the next file's copy starts clean.
afterAll(() => nock.restore());

const LINK = 'n8n-nodes-chat-payments.craftgateLink';
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
		{ name: 'Create Link', type: LINK, parameters: createParameters },
		{ name: 'Check Payment', type: LINK, parameters: { resource: 'link', operation: 'getPaymentStatus', linkId: '={{ $json.linkId }}' } },
		{ name: 'Delete Link', type: LINK, parameters: { resource: 'link', operation: 'delete', linkId: "={{ $('Create Link').item.json.linkId }}" } },
	],
	connections: { ...connect('Start', 'Create Link'), ...connect('Create Link', 'Check Payment'), ...connect('Check Payment', 'Delete Link') },
};

const chatOrder = { companyName: 'MyCompany WhatsApp Order', totalPrice: '149.90', currency: 'TRY', conversationId: 'conv-77' };

/** A stateful fake sandbox: links live between calls, payments can be added by the test. */
function sandbox() {
	const products: Record<string, IDataObject> = {};
	const payments: IDataObject[] = [];
	let nextId = 500;
	const fake = fakeCraftgate(({ method, path, body }) => {
		const url = new URL(path, 'https://x');
		const id = /^\/craftlink\/v1\/products\/(\d+)$/.exec(url.pathname)?.[1];
		if (method === 'POST' && url.pathname === '/craftlink/v1/products') {
			const product = { ...JSON.parse(body), id: nextId++, status: 'ACTIVE', soldCount: 0, token: 't', url: 'https://sandbox-pbl.craftgate.io/l/t' };
			products[product.id] = product;
			return [200, { data: product }];
		}
		if (id && method === 'GET') return products[id] ? [200, { data: products[id] }] : [404, { errors: { errorCode: '5015', errorDescription: 'Product not found' } }];
		if (id && method === 'DELETE') {
			delete products[id];
			return [200, ''];
		}
		if (method === 'GET' && url.pathname === '/craftlink/v1/products') {
			const items = Object.values(products).filter((p) => p.orderId === url.searchParams.get('orderId'));
			return [200, { data: { page: 0, size: 10, totalSize: items.length, items } }];
		}
		if (method === 'GET' && url.pathname === '/payment-reporting/v1/payments') {
			const items = payments.filter((p) => p.orderId === url.searchParams.get('orderId') && url.searchParams.get('paymentSource') === 'PAY_BY_LINK');
			return [200, { data: { page: 0, size: 50, totalSize: items.length, items } }];
		}
		return [404, { errors: { errorCode: '0', errorDescription: `unexpected ${method} ${path}` } }];
	});
	return { ...fake, products, payments };
}

describe('Craftgate Link in a workflow', () => {
	it('creates the link from the chat order (conversation id as order id), finds it unpaid and deletes it', async () => {
		const craftgate = sandbox();
		const run = await runWorkflow({ workflow: journey, credentials: CREDENTIALS, input: [chatOrder] });
		expect(run.status).toBe('success');
		expect(craftgate.seen.every((s) => s.signatureOk)).toBe(true);
		expect(craftgate.seen.map((s) => `${s.method} ${s.path.split('?')[0]}`)).toEqual([
			'POST /craftlink/v1/products',
			'GET /craftlink/v1/products/500',
			'GET /payment-reporting/v1/payments',
			'GET /craftlink/v1/products',
			'DELETE /craftlink/v1/products/500',
		]);
		const sent = JSON.parse(craftgate.seen[0].body);
		expect(sent).toMatchObject({ name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId: 'conv-77', conversationId: 'conv-77', stock: 1, channel: 'WHATSAPP', description: 'Order conv-77' });
		expect(sent.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		expect(run.output('Create Link')[0].json).toMatchObject({ linkId: 500, paymentUrl: 'https://sandbox-pbl.craftgate.io/l/t?lang=en' });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'pending', paid: false, matchedBy: 'orderId' });
		expect(run.output('Delete Link')).toEqual([{ json: { deleted: true, linkId: 500 }, pairedItem: { item: 0 } }]);
		expect(craftgate.products).toEqual({});
	});

	const checkPayment = (linkId: string): WorkflowJson => ({
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Check Payment', type: LINK, parameters: { resource: 'link', operation: 'getPaymentStatus', linkId } },
		],
		connections: connect('Start', 'Check Payment'),
	});

	it('reports paid once the link is sold, with its successful PAY_BY_LINK payment', async () => {
		const craftgate = sandbox();
		craftgate.products[42] = { id: 42, name: 'x', price: 10, currency: 'TRY', orderId: 'o-42', soldCount: 1, status: 'ACTIVE' };
		craftgate.payments.push({ id: 9, orderId: 'o-42', paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', paymentError: null });
		const run = await runWorkflow({ workflow: checkPayment('42'), credentials: CREDENTIALS });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'paid', paid: true, successfulPaymentId: 9, ambiguousMatch: false });
	});

	it('reports a second link in the same chat (same order id, not sold) pending, not paid by the first link\'s payment', async () => {
		const craftgate = sandbox();
		craftgate.products[42] = { id: 42, name: 'x', price: 10, currency: 'TRY', orderId: 'conv-77', soldCount: 1, status: 'ACTIVE' };
		craftgate.products[43] = { id: 43, name: 'y', price: 20, currency: 'TRY', orderId: 'conv-77', soldCount: 0, status: 'ACTIVE' };
		craftgate.payments.push({ id: 9, orderId: 'conv-77', price: 10, currency: 'TRY', paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', paymentError: null });
		const run = await runWorkflow({ workflow: checkPayment('43'), credentials: CREDENTIALS });
		expect(run.output('Check Payment')[0].json).toMatchObject({ status: 'pending', paid: false, successfulPaymentId: null, ambiguousMatch: true, otherLinkIds: [42] });
	});

	it('sends a create only once when Craftgate refuses the signature (n8n re-sends 401s otherwise)', async () => {
		const craftgate = sandbox();
		const run = await runWorkflow({
			workflow: journey,
			credentials: { craftgateApi: { ...CREDENTIALS.craftgateApi, secretKey: 'a-wrong-secret' } },
			input: [chatOrder],
		});
		expect(run.status).toBe('error');
		expect(craftgate.seen).toHaveLength(1);
		expect(run.nodeError('Create Link')?.message).toBe('Craftgate error 4: Signature is not valid');
		expect(JSON.stringify(run.run.data)).not.toContain('a-wrong-secret');
		expect(JSON.stringify(run.run.data)).not.toContain(String(craftgate.seen[0].headers['x-signature']));
	});

	it('refuses a price with too many decimals before anything is sent, and continues per item on fail', async () => {
		const craftgate = sandbox();
		const workflow: WorkflowJson = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Create Link', type: LINK, parameters: createParameters, onError: 'continueRegularOutput' },
			],
			connections: connect('Start', 'Create Link'),
		};
		const run = await runWorkflow({ workflow, credentials: CREDENTIALS, input: [{ ...chatOrder, totalPrice: '149.999' }, chatOrder] });
		const output = run.output('Create Link');
		expect(output[0]).toMatchObject({ json: { error: expect.stringMatching(/decimals/) }, pairedItem: { item: 0 } });
		expect(output[1]).toMatchObject({ json: { linkId: 500 }, pairedItem: { item: 1 } });
		expect(craftgate.seen).toHaveLength(1);
	});
});
