// 360dialog WhatsApp Payment through n8n-core's engine: real credential authentication, per-item
// requests, error items with Continue On Fail, no second request after a 401.
import type { IDataObject } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { acceptMessages, API_KEY, CREDENTIALS, fakeDialog360 } from './fakeDialog360';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const SEND: IDataObject = {
	operation: 'sendPaymentRequest',
	to: '={{ $json.phone }}',
	orderInput: 'fields',
	referenceId: '={{ $json.ref }}',
	goodsType: 'digital-goods',
	paymentGateway: 'payu',
	paymentConfiguration: 'cfg-payu',
	bodyText: 'Tap Review and Pay',
	itemsFromCatalog: true,
	catalogId: 'catalog-1',
	items: { item: [{ retailerId: 'SKU-1', name: 'Bread', amount: '={{ $json.price }}', quantity: 2 }] },
	taxAmount: '0',
	expiration: 'none',
	additionalFields: {},
};

/** Start → Orders (a test-only node emitting the input items) → Pay. */
function workflow(parameters: IDataObject, onError?: string): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Orders', type: 'harness.items', parameters: {} },
			{ name: 'Pay', type: 'n8n-nodes-chat-payments.dialog360WhatsAppPayment', parameters, ...(onError ? { onError } : {}) } as never,
		],
		connections: {
			Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
		},
	};
}

const itemsNode = (items: IDataObject[]) => ({
	'harness.items': {
		description: {
			displayName: 'Items',
			name: 'items',
			group: ['transform'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: 'Items' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			return [items.map((json) => ({ json }))];
		},
	},
});

async function run(parameters: IDataObject, items: IDataObject[], onError?: string) {
	return await runWorkflow({ workflow: workflow(parameters, onError), credentials: CREDENTIALS, nodeTypes: itemsNode(items) as never });
}

describe('360dialog WhatsApp Payment in a workflow', () => {
	it('sends one authorized Cloud API message per item, each output paired with its item', async () => {
		const seen = fakeDialog360(acceptMessages);
		const result = await run(SEND, [
			{ phone: '+91 98765 00001', ref: 'WF-1', price: '10.50' },
			{ phone: '919876500002', ref: 'WF-2', price: 7 },
		]);
		expect(result.nodeError('Pay')).toBeUndefined();
		expect(seen.map((s) => [s.method, s.path, s.headers['d360-api-key'], s.body.to])).toEqual([
			['POST', '/messages', API_KEY, '919876500001'],
			['POST', '/messages', API_KEY, '919876500002'],
		]);
		expect(seen[0].body.interactive.action.parameters).toMatchObject({
			reference_id: 'WF-1',
			payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'payu', configuration_name: 'cfg-payu' } }],
			total_amount: { value: 2100, offset: 100 },
		});
		expect(result.output('Pay')).toEqual([
			{ json: { referenceId: 'WF-1', to: '919876500001', wamid: 'wamid.wf-0', waId: '919876500001' }, pairedItem: { item: 0 } },
			{ json: { referenceId: 'WF-2', to: '919876500002', wamid: 'wamid.wf-1', waId: '919876500002' }, pairedItem: { item: 1 } },
		]);
	});

	it('sends a payment request once after a 401 (n8n would resend it if the node let it see the 401)', async () => {
		const seen = fakeDialog360(() => [401, { error: { code: 0, message: 'Invalid D360-API-KEY', type: 'OAuthException' } }]);
		const result = await run(SEND, [{ phone: '919876500001', ref: 'WF-401', price: '1' }]);
		expect(seen).toHaveLength(1);
		const error = result.nodeError('Pay') as unknown as IDataObject;
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('360dialog error 0: Invalid D360-API-KEY');
		expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
	});

	it('with Continue On Fail, a 131047 becomes an error item with its hint and the next item still goes', async () => {
		const seen = fakeDialog360((entry, index) =>
			index === 0
				? [400, { error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047, error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed' }, fbtrace_id: 'x' } }]
				: acceptMessages(entry, index),
		);
		const result = await run(SEND, [{ phone: '919876500001', ref: 'WF-A', price: '1' }, { phone: '919876500002', ref: 'WF-B', price: '1' }], 'continueRegularOutput');
		expect(seen).toHaveLength(2);
		const [failed, sent] = result.output('Pay');
		expect(failed.json).toMatchObject({ referenceId: 'WF-A', httpCode: '400', dialog360Code: '131047', description: expect.stringContaining('ORDER_DETAILS button') });
		expect(sent.json).toMatchObject({ referenceId: 'WF-B', wamid: 'wamid.wf-1' });
	});

	it.each([
		['/v1/payments', '/v1/payments/cfg-payu/WF-1'],
		['/payments', '/payments/cfg-payu/WF-1'],
	])('Get Payment on %s returns the status, the transactions and the normalized status', async (lookupPath, path) => {
		const seen = fakeDialog360(() => [200, { payments: [{ reference_id: 'WF-1', status: 'captured', currency: 'INR', amount: { value: 2100, offset: 100 }, transactions: [{ id: 'pay_1', status: 'success', type: 'payu' }] }] }]);
		const result = await run({ operation: 'getPayment', paymentConfiguration: 'cfg-payu', referenceId: '={{ $json.ref }}', lookupPath }, [{ ref: 'WF-1' }]);
		expect(seen.map((s) => [s.method, s.path, s.headers['d360-api-key']])).toEqual([['GET', path, API_KEY]]);
		expect(result.output('Pay')[0].json).toMatchObject({ status: 'captured', normalizedStatus: 'paid', transactions: [{ id: 'pay_1' }], amount: { value: 2100, offset: 100, currency: 'INR' } });
	});
});
