// The journey of docs/providers.md §4.4 (create an unlimited linked widget, send its link, follow its invoices) as
// n8n workflows run by n8n-core's engine, with the real credential signing every request.
import type { IDataObject } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson, WorkflowNodeJson } from '../harness';
import { CALYPSO_CREDENTIALS, calypsoAccount, calypsoError, interceptCalypso } from '../../fakes/calypso';

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

	it('with "Retry On Fail", the retry sends the same idempotency key and returns the widget the lost first try created', async () => {
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
		calypso.failNext.push(calypsoError(502, '000', 'Bad gateway'));
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
		const [failedKey, createdKey] = calypso.seen.map((call) => call.payload?.idempotencyKey);
		expect(calypso.seen.map((call) => [call.path, call.payload?.amount])).toEqual([
			['/api/v1/invoice/unlimited/create', undefined],
			['/api/v1/invoice/unlimited/create', undefined],
		]);
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
