import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../../../nodes/Calypso/CalypsoPay.node';
import { CALYPSO_CREDENTIALS, ok, type Responder } from '../../../../../fakes/calypso';
import { calypsoExecuteContext, type ExecuteOptions } from '../../contexts';
import { UUID_V4, widget, WIDGET_KEY } from '../../fixtures';

const node = new CalypsoPay();

async function run(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

async function failure(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
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
			credentials: { ...CALYPSO_CREDENTIALS, payLinkHost: 'https://pay.calypso.money/' },
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
