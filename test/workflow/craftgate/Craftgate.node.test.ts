// The journey of docs/providers.md §1.5 (create a link → wait for payment → delete it) as an n8n
// workflow, run by n8n-core's engine with the real credential signing every request, against the
// fake Craftgate.
import type { INodeParameters } from 'n8n-workflow';
import type nockModule from 'nock';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { craftgateError, FAKE_CREDENTIALS, FakeCraftgate, SANDBOX } from '../../fakes/craftgate';


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

/** Start → one Craftgate node with Continue On Fail; its output is what the run gave. */
const single = (parameters: INodeParameters): WorkflowJson => ({
	nodes: [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{ name: 'Craftgate', type: CRAFTGATE, parameters, onError: 'continueRegularOutput' },
	],
	connections: connect('Start', 'Craftgate'),
});

/** The Create of the chat order with its order id, waiting at most `timeout` seconds. */
const createWithin = (timeout: number) => ({ ...createParameters, options: { pageLanguage: 'en', timeout } });

const NO_BLIND_RETRY = /retry the request immediately|Retry on Fail/i;
const LOOK_FOR_IT =
	'The payment link may have been created anyway: before creating it again, look for it with Get Many (filter Order ID = "conv-77") or in the Craftgate panel, and create it again only if none is found.';

describe('Craftgate Create that fails: sent once, and the error item keeps what makes a retry safe', () => {
	it('no answer within Timeout (Seconds): the outcome is unknown, and the item says what to search by', async () => {
		const scope = nock(SANDBOX).post('/craftlink/v1/products').delay(5_000).reply(200, { data: { id: 1 } });
		const run = await runWorkflow({ workflow: single(createWithin(1)), credentials: CREDENTIALS, input: [chatOrder] });
		expect(scope.isDone()).toBe(true);
		expect(run.output('Craftgate')).toEqual([
			{
				json: {
					error: 'Craftgate did not answer within 1 s',
					description: `Reason: timeout of 1000ms exceeded. Check the API Host in the Craftgate credential and the network. ${LOOK_FOR_IT}`,
					referenceId: 'conv-77',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(run.run.data)).not.toMatch(NO_BLIND_RETRY);
	});

	it('a dropped connection: the same, never n8n\'s "You can retry the request immediately"', async () => {
		const scope = nock(SANDBOX)
			.post('/craftlink/v1/products')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const run = await runWorkflow({ workflow: single(createWithin(30)), credentials: CREDENTIALS, input: [chatOrder] });
		expect(scope.isDone()).toBe(true);
		expect(run.output('Craftgate')).toEqual([
			{
				json: {
					error: 'No answer from Craftgate',
					description: `Reason: socket hang up. Check the API Host in the Craftgate credential and the network. ${LOOK_FOR_IT}`,
					referenceId: 'conv-77',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(run.run.data)).not.toMatch(NO_BLIND_RETRY);
	});

	it('HTTP 500: one request, the error item carries the status, Craftgate\'s code and the reference', async () => {
		const craftgate = new FakeCraftgate({ respond: () => craftgateError(500, '0', 'An unexpected error occurred') });
		craftgate.intercept(nock);
		const run = await runWorkflow({ workflow: single(createWithin(30)), credentials: CREDENTIALS, input: [chatOrder] });
		expect(craftgate.calls).toHaveLength(1);
		expect(run.output('Craftgate')).toEqual([
			{
				json: {
					error: 'Craftgate error 0: An unexpected error occurred',
					description: `Craftgate failed to process the request. ${LOOK_FOR_IT}`,
					httpStatus: 500,
					providerCode: '0',
					referenceId: 'conv-77',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a 200 with broken JSON: sent once (a create is never sent again), and the item says the link may exist', async () => {
		const scope = nock(SANDBOX).post('/craftlink/v1/products').reply(200, '{"data":{"id":5', { 'content-type': 'application/json' });
		const run = await runWorkflow({ workflow: single(createWithin(30)), credentials: CREDENTIALS, input: [chatOrder] });
		expect(scope.isDone()).toBe(true);
		expect(run.output('Craftgate')).toEqual([
			{
				json: {
					error: 'Craftgate answered without data',
					description: `POST /craftlink/v1/products returned HTTP 200 but no "data" object. ${LOOK_FOR_IT}`,
					httpStatus: 200,
					referenceId: 'conv-77',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a refusal (422): the outcome is known (no search advised), the reference is kept', async () => {
		const craftgate = new FakeCraftgate({ respond: () => craftgateError(422, '10100', 'stock must be 1') });
		craftgate.intercept(nock);
		const run = await runWorkflow({ workflow: single(createWithin(30)), credentials: CREDENTIALS, input: [chatOrder] });
		expect(run.output('Craftgate')[0].json).toEqual({
			error: 'Craftgate error 10100: stock must be 1',
			description: 'Payment error: the bank or Craftgate declined it.',
			httpStatus: 422,
			providerCode: '10100',
			referenceId: 'conv-77',
		});
	});
});

describe('Craftgate reads are tried again with back-off, and succeed', () => {
	const getLink = single({ resource: 'link', operation: 'get', linkId: '42' });
	const found = { data: { id: 42, name: 'x', url: 'https://pay/l/42', status: 'ACTIVE' } };

	it.each([
		['a 500', (scope: nockModule.Interceptor) => scope.reply(500, { errors: { errorCode: '0', errorDescription: 'down' } })],
		['a 429 with Retry-After', (scope: nockModule.Interceptor) => scope.reply(429, {}, { 'Retry-After': '1' })],
		['a dropped connection', (scope: nockModule.Interceptor) => scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))],
		['broken JSON', (scope: nockModule.Interceptor) => scope.reply(200, '{"data":{"id":42', { 'content-type': 'application/json' })],
	])('after %s', async (_, fault) => {
		fault(nock(SANDBOX).get('/craftlink/v1/products/42'));
		const answered = nock(SANDBOX).get('/craftlink/v1/products/42').reply(200, found);
		const run = await runWorkflow({ workflow: getLink, credentials: CREDENTIALS });
		expect(answered.isDone()).toBe(true);
		expect(run.output('Craftgate')[0].json).toMatchObject({ linkId: 42, url: 'https://pay/l/42' });
	});

	it('gives up after three attempts with Craftgate\'s error', async () => {
		const scope = nock(SANDBOX).get('/craftlink/v1/products/42').times(3).reply(503, { errors: { errorCode: '0', errorDescription: 'down' } });
		const run = await runWorkflow({ workflow: getLink, credentials: CREDENTIALS });
		expect(scope.isDone()).toBe(true);
		expect(run.output('Craftgate')[0].json).toEqual({
			error: 'Craftgate error 0: down',
			description: 'Craftgate failed to process the request.',
			httpStatus: 503,
			providerCode: '0',
		});
	});
});
