// Generated invalid amounts and currencies: the money rules of nodes/shared/money.ts directly, then
// Craftgate Link → Create (price in the currency's minor units, Craftgate's currencies) and Calypso
// Pay Invoice → Create (exact crypto decimals, currency codes, idempotency keys) through the nodes
// against their fakes: a broken item sends nothing, and every error names the input item and field.
import fc from 'fast-check';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { InputRuleError } from '../../../nodes/shared/errors';
import { currencyDecimals, formatMinorAmount, parseDecimalAmount } from '../../../nodes/shared/money';
import { Craftgate } from '../../../nodes/Craftgate/Craftgate.node';
import { CRAFTGATE_CURRENCIES } from '../../../nodes/Craftgate/helpers/currencies';
import { CalypsoPay } from '../../../nodes/Calypso/CalypsoPay.node';
import { FAKE_CREDENTIALS, FakeCraftgate } from '../../fakes/craftgate';
import { CALYPSO_CREDENTIALS, calypsoAccount, calypsoHttpHelper } from '../../fakes/calypso';
import { createExecuteContext } from '../helpers/executeContext';
import {
	errorItemFor,
	expectNamesItemAndField,
	negativeDecimal,
	notADecimal,
	runs,
	someIndexes,
	tooManyDecimals,
	zeroDecimal,
} from './arbitraries';

const currency = fc.constantFrom(...CRAFTGATE_CURRENCIES);

describe('money: parseDecimalAmount', () => {
	it('reads every plain decimal within the currency\'s decimals exactly, and formats it back', () => {
		const exact = currency.chain((code) =>
			fc
				.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 10 ** currencyDecimals(code) - 1 }))
				.map(([whole, fraction]) => ({ code, whole, fraction })),
		);
		fc.assert(
			fc.property(exact, ({ code, whole, fraction }) => {
				const decimals = currencyDecimals(code);
				const text = decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(decimals, '0')}`;
				const amount = parseDecimalAmount(text, code, 'price');
				expect(amount).toEqual({ value: whole * 10 ** decimals + (decimals === 0 ? 0 : fraction), offset: 10 ** decimals });
				expect(formatMinorAmount(amount)).toBe(text);
			}),
			runs(300),
		);
	});

	it('refuses every malformed, over-precise or non-positive amount with an InputRuleError naming the field, never rounding', () => {
		const bad = currency.chain((code) =>
			fc.oneof(notADecimal, tooManyDecimals(currencyDecimals(code)), negativeDecimal, zeroDecimal).map((input) => ({ code, input })),
		);
		fc.assert(
			fc.property(bad, ({ code, input }) => {
				let thrown: unknown;
				try {
					parseDecimalAmount(input, code, 'price', { positive: true });
				} catch (error) {
					thrown = error;
				}
				expect(thrown).toBeInstanceOf(InputRuleError);
				expect((thrown as InputRuleError).field).toBe('price');
				expect((thrown as InputRuleError).message).toMatch(/^price /);
			}),
			runs(300),
		);
	});
});

interface Broken {
	what: string;
	field: string;
	parameters: IDataObject;
}

async function outcome(execution: Promise<INodeExecutionData[][]>): Promise<{ output?: INodeExecutionData[]; error?: any }> {
	try {
		const [output] = await execution;
		return { output };
	} catch (error) {
		return { error };
	}
}

/** `count` items, those at `broken` each broken one way. */
function batchOf(ways: fc.Arbitrary<Broken>) {
	return fc.integer({ min: 1, max: 6 }).chain((count) =>
		someIndexes(count).chain((indexes) =>
			fc
				.array(ways, { minLength: indexes.length, maxLength: indexes.length })
				.map((list) => ({ count, broken: new Map(indexes.map((index, i) => [index, list[i]])) })),
		),
	);
}

type Batch = { count: number; broken: Map<number, Broken> };
const validIndexes = (b: Batch) => Array.from({ length: b.count }, (_, i) => i).filter((i) => !b.broken.has(i));

describe('Craftgate Link → Create with generated invalid prices and currencies', () => {
	const base: IDataObject = {
		resource: 'link',
		operation: 'create',
		name: 'Chat order',
		description: '',
		expiry: 'never',
		additionalFields: {},
		options: {},
	};

	const brokenPrice: fc.Arbitrary<Broken> = currency.chain((code) =>
		fc
			.oneof(notADecimal, tooManyDecimals(currencyDecimals(code)), negativeDecimal, zeroDecimal)
			.map((price) => ({ what: `price ${JSON.stringify(price)} ${code}`, field: 'price', parameters: { price, currency: code } })),
	);
	const brokenCurrency: fc.Arbitrary<Broken> = fc
		.oneof(
			fc.constantFrom('', 'TL', 'US$', 'EURO', 'XBT', 'INR', 'BTC', 'try ', 'U SD'),
			fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ$ ') }),
		)
		.filter((code) => !(CRAFTGATE_CURRENCIES as readonly string[]).includes(code.trim().toUpperCase()))
		.map((code) => ({ what: `currency ${JSON.stringify(code)}`, field: 'currency', parameters: { price: '10.00', currency: code } }));
	const batch = batchOf(fc.oneof(brokenPrice, brokenCurrency));

	function start(generated: Batch, continueOnFail: boolean) {
		const fake = new FakeCraftgate();
		const items = Array.from({ length: generated.count }, (_, index) => ({
			price: '149.90',
			currency: 'TRY',
			name: `Chat order ${index}`,
			...generated.broken.get(index)?.parameters,
		}));
		const { ctx } = createExecuteContext({
			parameters: base,
			itemParameters: items,
			continueOnFail,
			credentials: { craftgateApi: FAKE_CREDENTIALS },
			http: fake.httpHelper(FAKE_CREDENTIALS),
		});
		const creates = () => fake.calls.filter((call) => call.method === 'POST').map((call) => String(call.body?.name));
		return { execution: new Craftgate().execute.call(ctx) as Promise<INodeExecutionData[][]>, creates };
	}

	it('sends nothing up to the first broken item, then stops naming it and its field', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, creates } = start(generated, false);
				const { error } = await outcome(execution);
				const [first, way] = [...generated.broken][0];
				// Items run one by one: those before the first broken one are created, nothing after.
				expect(creates()).toEqual(validIndexes(generated).filter((i) => i < first).map((i) => `Chat order ${i}`));
				expectNamesItemAndField(error, first, way.field);
			}),
			runs(200),
		);
	});

	it('with Continue On Fail creates only the valid items and pairs an error item, naming it and its field, with each broken one', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, creates } = start(generated, true);
				const { output, error } = await outcome(execution);
				expect(error).toBeUndefined();
				expect(creates()).toEqual(validIndexes(generated).map((i) => `Chat order ${i}`));
				for (const [index, way] of generated.broken) expectNamesItemAndField(errorItemFor(output!, index), index, way.field);
			}),
			runs(150),
		);
	});
});

describe('Calypso Pay Invoice → Create with generated invalid amounts, currencies and idempotency keys', () => {
	const base: IDataObject = {
		resource: 'invoice',
		operation: 'create',
		invoiceType: 'single',
		currency: 'USDT_TRX',
		description: 'Order',
		externalId: '',
		additionalFields: {},
	};

	const brokenAmount: fc.Arbitrary<Broken> = fc
		.oneof(notADecimal, negativeDecimal, zeroDecimal, fc.constantFrom('+5', ' 1 000', '0.000000000000000000', '1.', '.5'))
		.map((amount) => ({ what: `amount ${JSON.stringify(amount)}`, field: 'amount', parameters: { amount } }));
	const brokenCurrency: fc.Arbitrary<Broken> = fc
		.oneof(
			fc.constantFrom('', 'U', 'USDT-TRX', 'USDT TRX', '_USDT', 'ETH!', 'ÉTH', 'X'.repeat(31)),
			fc.string({ minLength: 2, maxLength: 8, unit: fc.constantFrom(...'ABC-./ $') }).filter((code) => /[-./ $]/.test(code.trim())),
		)
		.map((code) => ({ what: `currency ${JSON.stringify(code)}`, field: 'currency', parameters: { currency: code } }));
	const brokenKey: fc.Arbitrary<Broken> = fc
		.oneof(
			fc.constantFrom('order-1042', '123e4567-e89b-12d3-a456', '123e4567e89b12d3a456426614174000', 'not a uuid'),
			fc.uuid().map((uuid) => uuid.replace(/-/g, '_')),
			fc.uuid().map((uuid) => `${uuid}x`),
		)
		.map((key) => ({
			what: `idempotency key ${JSON.stringify(key)}`,
			field: 'additionalFields.idempotencyKey',
			parameters: { additionalFields: { idempotencyKey: key } },
		}));
	const batch = batchOf(fc.oneof(brokenAmount, brokenCurrency, brokenKey));

	function start(generated: Batch, continueOnFail: boolean) {
		const account = calypsoAccount();
		const items = Array.from({ length: generated.count }, (_, index) => ({
			amount: '25.5',
			description: `Order ${index}`,
			...generated.broken.get(index)?.parameters,
		}));
		const context = createExecuteContext({ parameters: base, itemParameters: items, continueOnFail, credentials: { calypsoApi: CALYPSO_CREDENTIALS } });
		const { http, calls } = calypsoHttpHelper(context.node, account.respond);
		context.http.mockImplementation(http);
		const ctx = Object.assign(context.ctx, { getExecutionId: () => 'execution-1' }) as IExecuteFunctions;
		const creates = () => calls.filter((call) => call.path.endsWith('/create')).map((call) => String(call.payload?.description));
		return { execution: new CalypsoPay().execute.call(ctx) as Promise<INodeExecutionData[][]>, creates };
	}

	it('sends nothing up to the first broken item, then stops naming it and its field', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, creates } = start(generated, false);
				const { error } = await outcome(execution);
				const [first, way] = [...generated.broken][0];
				expect(creates()).toEqual(validIndexes(generated).filter((i) => i < first).map((i) => `Order ${i}`));
				expectNamesItemAndField(error, first, way.field);
			}),
			runs(200),
		);
	});

	it('with Continue On Fail creates only the valid items and pairs an error item, naming it and its field, with each broken one', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, creates } = start(generated, true);
				const { output, error } = await outcome(execution);
				expect(error).toBeUndefined();
				expect(creates()).toEqual(validIndexes(generated).map((i) => `Order ${i}`));
				for (const [index, way] of generated.broken) expectNamesItemAndField(errorItemFor(output!, index), index, way.field);
			}),
			runs(150),
		);
	});
});
