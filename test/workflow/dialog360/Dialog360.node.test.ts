// The 360dialog node through n8n-core's engine: real credential authentication, per-item
// requests, error items with Continue On Fail, no second request after a 401.
import type { IDataObject } from 'n8n-workflow';
import { dialog360Number, graphError, interceptDialog360, paymentsAnswer } from '../../fakes/dialog360';
import type { Responder } from '../../fakes/dialog360';
import type nockModule from 'nock';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';


const API_KEY = 'wf-360dialog-key-0001';
const CREDENTIALS = { dialog360Api: { apiKey: API_KEY, apiHost: 'https://waba-v2.360dialog.io', customApiHost: '', partnerWebhookSecret: '' } };

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const SEND: IDataObject = {
	resource: 'paymentRequest',
	operation: 'send',
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
			{ name: 'Pay', type: 'n8n-nodes-chat-payments.dialog360', parameters, ...(onError ? { onError } : {}) } as never,
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

async function run(respond: Responder, parameters: IDataObject, items: IDataObject[], onError?: string) {
	const { calls } = interceptDialog360(nock, respond);
	const result = await runWorkflow({ workflow: workflow(parameters, onError), credentials: CREDENTIALS, nodeTypes: itemsNode(items) as never });
	return { result, calls };
}

describe('360dialog node in a workflow', () => {
	it('sends one authorized Cloud API message per item, each output paired with its item', async () => {
		const { result, calls } = await run(dialog360Number().respond, SEND, [
			{ phone: '+91 98765 00001', ref: 'WF-1', price: '10.50' },
			{ phone: '919876500002', ref: 'WF-2', price: 7 },
		]);
		expect(result.nodeError('Pay')).toBeUndefined();
		expect(calls.map((call) => [call.method, call.path, call.headers['d360-api-key'], call.body?.to])).toEqual([
			['POST', '/messages', API_KEY, '919876500001'],
			['POST', '/messages', API_KEY, '919876500002'],
		]);
		expect(((calls[0].body?.interactive as IDataObject).action as IDataObject).parameters).toMatchObject({
			reference_id: 'WF-1',
			payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'payu', configuration_name: 'cfg-payu' } }],
			total_amount: { value: 2100, offset: 100 },
		});
		expect(result.output('Pay')).toEqual([
			{ json: { referenceId: 'WF-1', to: '919876500001', wamid: 'wamid.WF-1', waId: '919876500001' }, pairedItem: { item: 0 } },
			{ json: { referenceId: 'WF-2', to: '919876500002', wamid: 'wamid.WF-2', waId: '919876500002' }, pairedItem: { item: 1 } },
		]);
	});

	it('sends a payment request once after a 401 (n8n would resend it if the node let it see the 401)', async () => {
		const { result, calls } = await run(() => graphError(401, 0, 'Invalid D360-API-KEY'), SEND, [{ phone: '919876500001', ref: 'WF-401', price: '1' }]);
		expect(calls).toHaveLength(1);
		const error = result.nodeError('Pay') as unknown as IDataObject;
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('360dialog error 0: Invalid D360-API-KEY');
		expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
	});

	it('with Continue On Fail, a 131047 becomes an error item with its code and hint, and the next item still goes', async () => {
		const number = dialog360Number();
		const respond: Responder = (call, index) =>
			index === 0 ? graphError(400, 131047, '(#131047) Re-engagement message', 'Message failed to send because more than 24 hours have passed') : number.respond(call, index);
		const { result, calls } = await run(
			respond,
			SEND,
			[
				{ phone: '919876500001', ref: 'WF-A', price: '1' },
				{ phone: '919876500002', ref: 'WF-B', price: '1' },
			],
			'continueRegularOutput',
		);
		expect(calls).toHaveLength(2);
		const [failed, sent] = result.output('Pay');
		expect(failed).toEqual({
			json: {
				referenceId: 'WF-A',
				to: '919876500001',
				error: '360dialog error 131047: (#131047) Re-engagement message',
				description: expect.stringContaining('Send an approved template with an ORDER_DETAILS button instead'),
				httpStatus: 400,
				providerCode: '131047',
			},
			pairedItem: { item: 0 },
		});
		expect(sent).toEqual({ json: { referenceId: 'WF-B', to: '919876500002', wamid: 'wamid.WF-B', waId: '919876500002' }, pairedItem: { item: 1 } });
	});

	const payment = { reference_id: 'WF-1', status: 'captured', currency: 'INR', amount: { value: 2100, offset: 100 }, transactions: [{ id: 'pay_1', status: 'success', type: 'payu' }] };

	it.each([
		[{}, '/v1/payments/cfg-payu/WF-1'],
		[{ lookupPath: '/v1/payments' }, '/v1/payments/cfg-payu/WF-1'],
		[{ lookupPath: '/payments' }, '/payments/cfg-payu/WF-1'],
	])('Payment → Get with Options %j asks %s and returns the status, the transactions and the normalized status', async (options, path) => {
		const get = { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg-payu', referenceId: '={{ $json.ref }}', options };
		const { result, calls } = await run(() => paymentsAnswer(payment), get, [{ ref: 'WF-1' }]);
		expect(calls.map((call) => [call.method, call.path, call.headers['d360-api-key']])).toEqual([['GET', path, API_KEY]]);
		expect(result.output('Pay')).toEqual([
			{
				json: {
					referenceId: 'WF-1',
					paymentConfiguration: 'cfg-payu',
					status: 'captured',
					normalizedStatus: 'paid',
					amount: { value: 2100, offset: 100, currency: 'INR' },
					transactions: payment.transactions,
					payment,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Payment → Get with Continue On Fail: a lookup 360dialog refuses becomes the package\'s one error item, and the next item is looked up', async () => {
		const number = dialog360Number({ payments: [{ ...payment, reference_id: 'WF-2' }] });
		const get = { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg-payu', referenceId: '={{ $json.ref }}', options: {} };
		const { result } = await run(number.respond, get, [{ ref: 'WF-404' }, { ref: 'WF-2' }], 'continueRegularOutput');
		const [missing, found] = result.output('Pay');
		expect(missing).toEqual({
			json: {
				error: '360dialog error 100: Payment does not exist',
				description: '360dialog says (code 100): OAuthException — Payment does not exist. Check the path, the IDs you gave and the API host of the credential.',
				httpStatus: 404,
				providerCode: '100',
			},
			pairedItem: { item: 0 },
		});
		expect(found).toMatchObject({ json: { referenceId: 'WF-2', status: 'captured' }, pairedItem: { item: 1 } });
	});
});

describe('360dialog sends that fail: one request each, and error items that keep what makes a retry safe', () => {
	const HOST = 'https://waba-v2.360dialog.io';
	const NOT_RESENT =
		'The node did not resend it, so the customer never gets the same message twice. Check whether it went out (status webhook or 360dialog Client Hub) before sending again; resend a payment request with a new reference_id.';
	const order = [{ ref: 'WF-9', phone: '919876500009', price: '10' }];
	async function send(options: IDataObject) {
		return await runWorkflow({
			workflow: workflow({ ...SEND, options }, 'continueRegularOutput'),
			credentials: CREDENTIALS,
			nodeTypes: itemsNode(order) as never,
		});
	}

	it('no answer within Timeout (Seconds): the item says the outcome is unknown and how to check', async () => {
		const scope = nock(HOST).post('/messages').delay(5_000).reply(200, {});
		const result = await send({ timeout: 1 });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Pay')).toEqual([
			{
				json: {
					referenceId: 'WF-9',
					to: '919876500009',
					error: '360dialog did not answer within 1 s: whether the message was sent is unknown',
					description: `360dialog may or may not have received it. ${NOT_RESENT}`,
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
	});

	it('a dropped connection: the same, never n8n\'s "You can retry the request immediately"', async () => {
		const scope = nock(HOST).post('/messages').replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
		const result = await send({});
		expect(scope.isDone()).toBe(true);
		expect(result.output('Pay')).toEqual([
			{
				json: {
					referenceId: 'WF-9',
					to: '919876500009',
					error: 'The request to 360dialog did not complete: read ECONNRESET',
					description: `360dialog may or may not have received it. ${NOT_RESENT}`,
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
	});

	it('HTTP 500: one request; the item carries the status, the code, the reference and the unknown outcome', async () => {
		const { result, calls } = await run(() => graphError(500, 1, 'An unknown error occurred'), { ...SEND, options: {} }, order, 'continueRegularOutput');
		expect(calls).toHaveLength(1);
		expect(result.output('Pay')).toEqual([
			{
				json: {
					referenceId: 'WF-9',
					to: '919876500009',
					error: '360dialog error 1: An unknown error occurred',
					description: `360dialog says (code 1): OAuthException — An unknown error occurred. The message may or may not have been sent. ${NOT_RESENT}`,
					httpStatus: 500,
					providerCode: '1',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('360dialog Payment → Get is tried again with back-off, and succeeds', () => {
	const HOST = 'https://waba-v2.360dialog.io';
	const PATH = '/v1/payments/cfg-payu/WF-1';
	const get = { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg-payu', referenceId: 'WF-1', options: {} };
	const found = { payments: [{ reference_id: 'WF-1', status: 'captured', transactions: [] }] };

	it.each([
		['a 503', (scope: nockModule.Interceptor) => scope.reply(503, { error: { message: 'maintenance', code: 1 } })],
		['a 429 with Retry-After', (scope: nockModule.Interceptor) => scope.reply(429, {}, { 'Retry-After': '1' })],
		['a dropped connection', (scope: nockModule.Interceptor) => scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))],
		['broken JSON', (scope: nockModule.Interceptor) => scope.reply(200, '{"payments":[{"reference_id"', { 'content-type': 'application/json' })],
	])('after %s', async (_, fault) => {
		fault(nock(HOST).get(PATH));
		const answered = nock(HOST).get(PATH).reply(200, found);
		const result = await runWorkflow({ workflow: workflow(get), credentials: CREDENTIALS, nodeTypes: itemsNode([{}]) as never });
		expect(answered.isDone()).toBe(true);
		expect(result.output('Pay')[0].json).toMatchObject({ referenceId: 'WF-1', status: 'captured', normalizedStatus: 'paid' });
	});
});

