import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../../../nodes/Calypso/CalypsoPay.node';
import { ok, type Responder } from '../../../../../fakes/calypso';
import { calypsoExecuteContext, type ExecuteOptions } from '../../contexts';
import { invoice, UUID_V4 } from '../../fixtures';

const node = new CalypsoPay();

async function run(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

const echoInvoice = (type: string): Responder => (call) => ok(invoice({ ...call.payload, type, id: 'inv-000009' }));

const single = (fields: IDataObject = {}): IDataObject => ({
	resource: 'invoice',
	operation: 'create',
	invoiceType: 'single',
	amount: '25.000000000000000001',
	currency: 'USDT_TRX',
	description: 'Order 7',
	externalId: 'order-7',
	additionalFields: {},
	...fields,
});

describe('Invoice → Create, Single: Fixed Amount', () => {
	it('sends the amount as the exact decimal text, with a generated key, and outputs the invoice with it', async () => {
		const { calls, output } = await run({ parameters: single(), respond: echoInvoice('SINGLE') });
		expect(calls[0].path).toBe('/api/v1/invoice/single/create');
		expect(calls[0].rawBody).toContain('"amount":"25.000000000000000001"');
		expect(calls[0].payload).toEqual({
			amount: '25.000000000000000001',
			currency: 'USDT_TRX',
			description: 'Order 7',
			externalId: 'order-7',
			idempotencyKey: expect.stringMatching(UUID_V4),
		});
		expect(output[0].json).toMatchObject({ id: 'inv-000009', type: 'SINGLE', idempotencyKey: calls[0].payload?.idempotencyKey });
	});

	it('takes a number from an expression in its shortest form and upper-cases a currency set by expression', async () => {
		const { calls } = await run({ parameters: single({ amount: 0.1, currency: 'usdc' }), respond: echoInvoice('SINGLE') });
		expect(calls[0].payload).toMatchObject({ amount: '0.1', currency: 'USDC' });
	});

	it('keeps the key in the output when Calypso does not echo it', async () => {
		const { calls, output } = await run({ parameters: single(), respond: () => ok({ id: 'inv-1', state: 'PENDING_PAYMENT' }) });
		expect(output[0].json).toEqual({ id: 'inv-1', state: 'PENDING_PAYMENT', idempotencyKey: calls[0].payload?.idempotencyKey });
	});

	it.each([
		['a negative amount', '-1', /plain positive decimal/],
		['zero', '0.000', /more than 0/],
		['a comma for decimals', '12,5', /use a dot/],
		['an exponent', '1e3', /plain positive decimal/],
		['thousands separators', '1,000.00', /plain positive decimal/],
		['nothing', '', /plain positive decimal/],
	])('refuses %s as amount before sending, naming the item and field', async (_name, amount, message) => {
		const context = calypsoExecuteContext({ parameters: single({ amount }) });
		const error = await node.execute.call(context.ctx).catch((e: Error) => e);
		expect(context.calls).toHaveLength(0);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect((error as NodeOperationError).description).toBe('Check field "amount" of input item 0.');
	});

	it('goes on with the next item when continueOnFail is on', async () => {
		const { calls, output } = await run({
			parameters: [single({ amount: 'abc' }), single()],
			respond: echoInvoice('SINGLE'),
			continueOnFail: true,
		});
		expect(calls).toHaveLength(1);
		expect(output[0]).toEqual({
			json: {
				error: 'amount must be a plain positive decimal such as 0.015 (digits and one dot, no sign, exponent or separators), got "abc"',
				description: 'Check field "amount" of input item 0.',
			},
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { id: 'inv-000009' }, pairedItem: { item: 1 } });
	});
});

describe('Invoice → Create, Unlimited', () => {
	it('sends currency, description, key and the optional fields, without an amount', async () => {
		const { calls, output } = await run({
			parameters: {
				resource: 'invoice',
				operation: 'create',
				invoiceType: 'unlimited',
				currency: 'ETH',
				description: 'Tips',
				externalId: '',
				additionalFields: { fiatAvailable: true, supportUrl: 'https://shop.example.com/help' },
			},
			respond: echoInvoice('UNLIMITED'),
		});
		expect(calls[0].path).toBe('/api/v1/invoice/unlimited/create');
		expect(calls[0].payload).toEqual({
			currency: 'ETH',
			description: 'Tips',
			supportUrl: 'https://shop.example.com/help',
			fiatAvailable: true,
			idempotencyKey: expect.stringMatching(UUID_V4),
		});
		expect(output[0].json.type).toBe('UNLIMITED');
	});
});

describe('Invoice → Create: what belongs to which type', () => {
	it('a fixed-amount invoice never sends Fiat Available; an unlimited one never sends an amount', async () => {
		const leftOver = { amount: '5', additionalFields: { fiatAvailable: true } };
		const { calls } = await run({
			parameters: [single(leftOver), single({ ...leftOver, invoiceType: 'unlimited' })],
			respond: echoInvoice('ANY'),
		});
		expect(calls.map((call) => [call.path, call.payload?.amount, call.payload?.fiatAvailable])).toEqual([
			['/api/v1/invoice/single/create', '5', undefined],
			['/api/v1/invoice/unlimited/create', undefined, true],
		]);
	});
});
