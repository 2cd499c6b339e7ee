import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../nodes/Calypso/CalypsoPay.node';
import { createCalypsoExecuteContext, ok, TEST_CREDENTIALS, type ExecuteOptions, type Responder } from './fakeCalypso';
import { invoice, UUID_V4, widget, WIDGET_KEY } from './fixtures';

const node = new CalypsoPay();

async function run(options: ExecuteOptions) {
	const context = createCalypsoExecuteContext(options);
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

async function failure(options: ExecuteOptions) {
	const context = createCalypsoExecuteContext(options);
	const error = await node.execute.call(context.ctx).then(
		() => undefined,
		(e: Error) => e,
	);
	return { ...context, error };
}

const create = (fields: IDataObject = {}): IDataObject => ({
	resource: 'widget',
	operation: 'create',
	cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
	otherCryptoCurrencies: '',
	description: 'Order 1042',
	externalId: 'order-1042',
	additionalFields: {},
	...fields,
});

/** Answers a create with the widget Calypso would make of the payload. */
const echoWidget: Responder = (call) => ok(widget({ ...call.payload }));

describe('Calypso Pay: description', () => {
	it('is usable as a tool, with a subtitle, one credential and the documented operations', () => {
		const d = node.description;
		expect(d.name).toBe('calypsoPay');
		expect(d.usableAsTool).toBe(true);
		expect(d.subtitle).toBeTruthy();
		expect(d.credentials).toEqual([{ name: 'calypsoApi', required: true }]);
		const operations = d.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => [p.displayOptions?.show?.resource, (p.options as Array<{ value: string }>).map((o) => o.value)])).toEqual([
			[['widget'], ['create', 'get']],
			[['invoice'], ['createSingle', 'createUnlimited', 'get']],
		]);
	});
});

describe('Widget → Create', () => {
	it('sends the payload with a generated UUID key and outputs the widget, its key and the payment link', async () => {
		const { calls, output } = await run({ parameters: create(), respond: echoWidget });
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://api.calypso.finance/api/v1/payment-widget/unlimited-linked/create' });
		const sent = calls[0].payload as IDataObject;
		expect(sent).toEqual({
			cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
			description: 'Order 1042',
			externalId: 'order-1042',
			idempotencyKey: expect.stringMatching(UUID_V4),
		});
		expect(output).toEqual([
			{
				json: {
					...widget({ ...sent }),
					widgetKey: sent.idempotencyKey,
					paymentLink: `https://pay.calypso.finance/pay?widgetKey=${sent.idempotencyKey}`,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(output[0].json.brandNewField).toEqual({ kept: true });
	});

	it('adds the other currencies after the chosen ones, upper-cased and without repeats, and the page URLs', async () => {
		const { calls } = await run({
			parameters: create({
				cryptoCurrencies: ['BTC'],
				otherCryptoCurrencies: 'usdc, TRX;btc',
				additionalFields: { returnUrl: 'https://shop.example.com/thanks', logoUrl: 'https://shop.example.com/logo.png' },
			}),
			respond: echoWidget,
		});
		expect(calls[0].payload).toMatchObject({
			cryptoCurrencies: ['BTC', 'USDC', 'TRX'],
			returnUrl: 'https://shop.example.com/thanks',
			logoUrl: 'https://shop.example.com/logo.png',
		});
		expect(calls[0].payload).not.toHaveProperty('supportUrl');
	});

	it('uses the key given (a UUID), and the credential\'s payment link host', async () => {
		const { calls, output } = await run({
			parameters: create({ additionalFields: { idempotencyKey: WIDGET_KEY.toUpperCase() } }),
			credentials: { ...TEST_CREDENTIALS, payLinkHost: 'https://pay.calypso.money/' },
			respond: echoWidget,
		});
		expect(calls[0].payload?.idempotencyKey).toBe(WIDGET_KEY);
		expect(output[0].json.paymentLink).toBe(`https://pay.calypso.money/pay?widgetKey=${WIDGET_KEY}`);
	});

	it('generates a new key per item', async () => {
		const { calls } = await run({ parameters: [create(), create({ description: 'Order 1043' })], respond: echoWidget });
		expect(calls[0].payload?.idempotencyKey).not.toBe(calls[1].payload?.idempotencyKey);
	});

	it.each([
		['no currency at all', { cryptoCurrencies: [], otherCryptoCurrencies: '' }, 'cryptoCurrencies', /at least one/],
		['a currency code with a space', { otherCryptoCurrencies: 'US DT$' }, 'cryptoCurrencies', /currency code/],
		['no description', { description: '  ' }, 'description', /Description is required/],
		['a key that is not a UUID', { additionalFields: { idempotencyKey: 'order-1042' } }, 'additionalFields.idempotencyKey', /UUID/],
		['a return URL that is not a URL', { additionalFields: { returnUrl: 'shop.example.com' } }, 'additionalFields.returnUrl', /http\(s\) URL/],
	])('refuses %s before sending anything', async (_name, fields, field, message) => {
		const { calls, error } = await failure({ parameters: create(fields), respond: echoWidget });
		expect(calls).toHaveLength(0);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(message);
		expect((error as NodeOperationError).description).toContain(field);
	});
});

describe('Widget → Get', () => {
	const withInvoices = widget({
		invoices: [
			{ invoiceId: 'inv-000001', cryptoCurrency: 'USDT_TRX', invoiceIdempotencyKey: 'k1', invoiceExternalId: 'order-1042' },
			{ invoiceId: 'inv-000002', cryptoCurrency: 'ETH', invoiceIdempotencyKey: 'k2', invoiceExternalId: 'order-1042' },
		],
	});

	it('finds the widget by its key (requestId) and adds the payment link', async () => {
		const { calls, output } = await run({ parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY, options: {} }, respond: () => ok(withInvoices) });
		expect(calls.map((c) => [c.path, c.payload])).toEqual([['/api/v1/payment-widget/unlimited-linked/find', { requestId: WIDGET_KEY }]]);
		expect(output[0].json).toMatchObject({ widgetKey: WIDGET_KEY, paymentLink: `https://pay.calypso.finance/pay?widgetKey=${WIDGET_KEY}`, invoices: withInvoices.invoices });
		expect(output[0].json).not.toHaveProperty('invoiceDetails');
	});

	it('reads every invoice of the widget on request', async () => {
		const { calls, output } = await run({
			parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY, options: { includeInvoiceDetails: true } },
			respond: (call) => (call.path === '/api/v1/invoice' ? ok(invoice({ id: call.payload?.id, totalDebitAmount: 12.5, state: 'PAID' })) : ok(withInvoices)),
		});
		expect(calls.slice(1).map((c) => c.payload)).toEqual([{ id: 'inv-000001' }, { id: 'inv-000002' }]);
		expect((output[0].json.invoiceDetails as IDataObject[]).map((i) => [i.id, i.state, i.totalDebitAmount])).toEqual([
			['inv-000001', 'PAID', 12.5],
			['inv-000002', 'PAID', 12.5],
		]);
	});

	it('reports an unknown widget as Calypso\'s 004 with a hint', async () => {
		const { error } = await failure({
			parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY },
			respond: () => ({ status: 404, body: { errorCode: '004', message: 'Requested object not found' } }),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Calypso error 004: Requested object not found');
		expect((error as NodeApiError).httpCode).toBe('404');
	});
});
