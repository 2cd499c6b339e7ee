// The journey of docs/providers.md §4.4 (create an unlimited linked widget, send its link, follow its invoices) as
// n8n workflows run by n8n-core's engine, with the real credential signing every request.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type nockModule from 'nock';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson, WorkflowNodeJson } from '../harness';
import { CALYPSO_API, CALYPSO_CREDENTIALS, calypsoAccount, calypsoError, interceptCalypso } from '../../fakes/calypso';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

const CREDENTIALS = { calypsoApi: CALYPSO_CREDENTIALS };

/** A fresh Calypso account for one test, reached through nock. */
function calypsoForTest() {
	const account = calypsoAccount();
	return { ...account, seen: interceptCalypso(nock, account.respond).calls };
}

const PAY = 'n8n-nodes-chat-payments.calypsoPay';
const connect = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main' as const, index: 0 }]] } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const createWidget: WorkflowNodeJson = {
	name: 'Create Widget',
	type: PAY,
	parameters: {
		resource: 'widget',
		operation: 'create',
		cryptoCurrencies: ['USDT', 'USDT_TRX'],
		otherCryptoCurrencies: '={{ $json.extraCurrencies }}',
		description: '=Order {{ $json.orderId }}',
		externalId: '={{ $json.orderId }}',
		additionalFields: { returnUrl: 'https://shop.example.com/thanks' },
	},
};

function chain(...nodes: WorkflowNodeJson[]): WorkflowJson {
	const all: WorkflowNodeJson[] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, ...nodes];
	const connections = all.slice(1).reduce((acc, node, i) => ({ ...acc, ...connect(all[i].name, node.name) }), {});
	return { nodes: all, connections };
}

const order = { orderId: 'order-1042', extraCurrencies: 'ETH, btc' };

describe('Calypso Pay in a workflow', () => {
	it('creates a widget from the chat order, gives its payment link, and reads it back with its invoices', async () => {
		const calypso = calypsoForTest();
		const getWidget: WorkflowNodeJson = {
			name: 'Get Widget',
			type: PAY,
			parameters: { resource: 'widget', operation: 'get', widgetKey: '={{ $json.widgetKey }}', options: { includeInvoiceDetails: true } },
		};
		const run = await runWorkflow({ workflow: chain(createWidget, getWidget), credentials: CREDENTIALS, input: [order] });
		expect(run.status).toBe('success');
		expect(calypso.seen.map((s) => [s.method, s.path, s.refusal])).toEqual([
			['POST', '/api/v1/payment-widget/unlimited-linked/create', undefined],
			['POST', '/api/v1/payment-widget/unlimited-linked/find', undefined],
		]);
		const sent = calypso.seen[0].payload as IDataObject;
		expect(sent).toEqual({
			cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
			description: 'Order order-1042',
			externalId: 'order-1042',
			returnUrl: 'https://shop.example.com/thanks',
			idempotencyKey: expect.stringMatching(UUID),
		});
		const created = run.output('Create Widget')[0];
		expect(created).toMatchObject({
			json: { widgetKey: sent.idempotencyKey, paymentLink: `https://pay.calypso.finance/pay?widgetKey=${sent.idempotencyKey}`, externalId: 'order-1042' },
			pairedItem: { item: 0 },
		});
		expect(run.output('Get Widget')[0].json).toMatchObject({ widgetKey: sent.idempotencyKey, widgetState: 'IN_PROGRESS', invoiceDetails: [] });
	});

	it('creates a single invoice and reads it by its idempotency key', async () => {
		const calypso = calypsoForTest();
		const run = await runWorkflow({
			workflow: chain(
				{ name: 'Invoice', type: PAY, parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '={{ $json.total }}', currency: 'USDT_TRX', description: 'Order 7', externalId: 'order-7' } },
				{ name: 'Check', type: PAY, parameters: { resource: 'invoice', operation: 'get', lookupBy: 'idempotencyKey', invoiceIdempotencyKey: '={{ $json.idempotencyKey }}' } },
			),
			credentials: CREDENTIALS,
			input: [{ total: '25.000000000000000001' }],
		});
		expect(run.status).toBe('success');
		expect(calypso.seen[0].rawBody).toContain('"amount":"25.000000000000000001"');
		expect(run.output('Check')[0].json).toMatchObject({ id: 'inv-1', state: 'PENDING_PAYMENT', externalId: 'order-7' });
	});

	it('sends a create only once when Calypso refuses the signature (n8n re-sends 401s otherwise); no secret in the run', async () => {
		const calypso = calypsoForTest();
		const run = await runWorkflow({
			workflow: chain(createWidget),
			credentials: { calypsoApi: { ...CALYPSO_CREDENTIALS, secretKey: 'a-wrong-secret-value' } },
			input: [order],
		});
		expect(run.status).toBe('error');
		expect(calypso.seen).toHaveLength(1);
		expect(run.nodeError('Create Widget')?.message).toBe('Calypso error 003: Wrong sign');
		const data = JSON.stringify(run.run.data);
		expect(data).not.toContain('a-wrong-secret-value');
		expect(data).not.toContain(String(calypso.seen[0].headers.sign));
	});

	it('a lost answer (Retry On Fail on or not): the create is sent again with the same idempotency key and returns the widget the lost first try created', async () => {
		const calypso = calypsoForTest();
		calypso.loseAnswers.push('/api/v1/payment-widget/unlimited-linked/create');
		const node: WorkflowNodeJson = { ...createWidget, retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };
		const run = await runWorkflow({ workflow: chain(node), credentials: CREDENTIALS, input: [order] });
		expect(run.status).toBe('success');
		const [first, retry, readBack] = calypso.seen;
		expect([first.path, retry.path, readBack.path]).toEqual([
			'/api/v1/payment-widget/unlimited-linked/create',
			'/api/v1/payment-widget/unlimited-linked/create',
			'/api/v1/payment-widget/unlimited-linked/find',
		]);
		expect(retry.payload?.idempotencyKey).toBe(first.payload?.idempotencyKey);
		expect(Object.keys(calypso.widgets)).toEqual([first.payload?.idempotencyKey]);
		expect(run.output('Create Widget')[0].json).toMatchObject({ widgetKey: first.payload?.idempotencyKey, alreadyExisted: true });
	});

	it('a new execution of the same order gets a new key (no accidental read-back)', async () => {
		const calypso = calypsoForTest();
		await runWorkflow({ workflow: chain(createWidget), credentials: CREDENTIALS, input: [order] });
		await runWorkflow({ workflow: chain(createWidget), credentials: CREDENTIALS, input: [order] });
		expect(Object.keys(calypso.widgets)).toHaveLength(2);
	});

	it('refuses a bad amount before sending anything, and continues per item on fail', async () => {
		const calypso = calypsoForTest();
		const run = await runWorkflow({
			workflow: chain({
				name: 'Invoice',
				type: PAY,
				onError: 'continueRegularOutput',
				parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '={{ $json.total }}', currency: 'BTC', description: 'd' },
			}),
			credentials: CREDENTIALS,
			input: [{ total: '1,5' }, { total: '0.0005' }],
		});
		const output = run.output('Invoice');
		expect(output[0]).toEqual({
			json: {
				error: 'amount must be a plain positive decimal such as 0.015 (digits and one dot, no sign, exponent or separators), got "1,5" (use a dot for decimals)',
				description: 'Check field "amount" of input item 0.',
			},
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { id: 'inv-1', amount: '0.0005' }, pairedItem: { item: 1 } });
		expect(calypso.seen).toHaveLength(1);
	});

	it('an unlimited invoice, and with Continue On Fail a failed create\'s error item keeps Calypso\'s code and the key to retry with', async () => {
		const calypso = calypsoForTest();
		// Three 502s: the create is tried three times with its one key, then given up.
		calypso.failNext.push(calypsoError(502, '000', 'Bad gateway'), calypsoError(502, '000', 'Bad gateway'), calypsoError(502, '000', 'Bad gateway'));
		const run = await runWorkflow({
			workflow: chain({
				name: 'Invoice',
				type: PAY,
				onError: 'continueRegularOutput',
				parameters: { resource: 'invoice', operation: 'create', invoiceType: 'unlimited', currency: 'ETH', description: '=Tips {{ $json.n }}' },
			}),
			credentials: CREDENTIALS,
			input: [{ n: 1 }, { n: 2 }],
		});
		const keys = calypso.seen.map((call) => call.payload?.idempotencyKey);
		const [failedKey, createdKey] = [keys[0], keys[3]];
		expect(keys).toEqual([failedKey, failedKey, failedKey, createdKey]);
		expect(calypso.seen.map((call) => call.path)).toEqual(Array(4).fill('/api/v1/invoice/unlimited/create'));
		expect(run.output('Invoice')).toEqual([
			{
				json: {
					error: 'Calypso error 000: Bad gateway',
					description: `Calypso failed to process the request; try again later. It may have been created anyway: retry with Idempotency Key = ${failedKey} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`,
					httpStatus: 502,
					providerCode: '000',
					idempotencyKey: failedKey,
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ id: 'inv-1', type: 'UNLIMITED', description: 'Tips 2', idempotencyKey: createdKey }), pairedItem: { item: 1 } },
		]);
	});
});

describe('Calypso creates that fail: sent again only with their one idempotency key, and error items that keep it', () => {
	const WIDGET_CREATE = '/api/v1/payment-widget/unlimited-linked/create';
	const widgetWithin = (options: INodeParameters): WorkflowNodeJson => ({ ...createWidget, onError: 'continueRegularOutput', parameters: { ...createWidget.parameters, options } });
	const invoiceCreate: WorkflowNodeJson = {
		name: 'Invoice',
		type: PAY,
		onError: 'continueRegularOutput',
		parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '0.5', currency: 'ETH', description: 'Order 7', options: {} },
	};
	const advice = (key: string) =>
		`It may have been created anyway: retry with Idempotency Key = ${key} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`;

	it.each([
		['widget', () => widgetWithin({}), WIDGET_CREATE, 'Create Widget'],
		['single invoice', () => invoiceCreate, '/api/v1/invoice/single/create', 'Invoice'],
	])('%s, HTTP 500 every time: three requests with one key, and the error item gives the key', async (_, node, path, name) => {
		const calypso = calypsoForTest();
		calypso.failNext.push(...Array.from({ length: 3 }, () => calypsoError(500, '000', 'Internal server error')));
		const run = await runWorkflow({ workflow: chain(node()), credentials: CREDENTIALS, input: [order] });
		const key = String(calypso.seen[0].payload?.idempotencyKey);
		expect(calypso.seen.map((call) => [call.path, call.payload?.idempotencyKey])).toEqual(Array(3).fill([path, key]));
		expect(run.output(name)).toEqual([
			{
				json: {
					error: 'Calypso error 000: Internal server error',
					description: `Calypso failed to process the request; try again later. ${advice(key)}`,
					httpStatus: 500,
					providerCode: '000',
					idempotencyKey: key,
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('widget, no answer within Timeout (Seconds): three requests with one key, and the error item gives the key', async () => {
		const keys: string[] = [];
		const scope = nock(CALYPSO_API).post(WIDGET_CREATE).times(3).delay(5_000).reply(200, {});
		scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => keys.push(JSON.parse(body).payload.idempotencyKey));
		const run = await runWorkflow({ workflow: chain(widgetWithin({ timeout: 1 })), credentials: CREDENTIALS, input: [order] });
		expect(scope.isDone()).toBe(true);
		expect(keys).toEqual([keys[0], keys[0], keys[0]]);
		expect(run.output('Create Widget')).toEqual([
			{
				json: {
					error: 'Calypso did not answer within 1 s',
					description: `Reason: timeout of 1000ms exceeded. No answer from Calypso. Check the API host in the Calypso credential and the network. ${advice(keys[0])}`,
					idempotencyKey: keys[0],
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(run.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
	});

	it('an invoice whose answer was lost: created once, read back by its key', async () => {
		const calypso = calypsoForTest();
		calypso.loseAnswers.push('/api/v1/invoice/single/create');
		const run = await runWorkflow({ workflow: chain(invoiceCreate), credentials: CREDENTIALS, input: [order] });
		expect(Object.keys(calypso.invoices)).toEqual(['inv-1']);
		expect(run.output('Invoice')[0].json).toMatchObject({ id: 'inv-1', alreadyExisted: true });
	});
});

describe('Calypso reads are tried again with back-off, and succeed', () => {
	const getInvoice = chain({ name: 'Get', type: PAY, parameters: { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: 'inv-7' } });
	const invoice = { id: 'inv-7', state: 'PAID', amount: '0.5', currency: 'ETH' };

	it.each([
		['a 500', (scope: nockModule.Interceptor) => scope.reply(500, { errorCode: '000', message: 'Internal server error' })],
		['a 429 with Retry-After', (scope: nockModule.Interceptor) => scope.reply(429, {}, { 'Retry-After': '1' })],
		['a dropped connection', (scope: nockModule.Interceptor) => scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))],
		['broken JSON', (scope: nockModule.Interceptor) => scope.reply(200, '{"id":"inv-7","sta', { 'content-type': 'application/json' })],
	])('after %s', async (_, fault) => {
		fault(nock(CALYPSO_API).post('/api/v1/invoice'));
		const answered = nock(CALYPSO_API).post('/api/v1/invoice').reply(200, invoice);
		const run = await runWorkflow({ workflow: getInvoice, credentials: CREDENTIALS });
		expect(answered.isDone()).toBe(true);
		expect(run.output('Get')[0].json).toEqual(invoice);
	});
});

