// Craftgate Link → Create and Calypso Pay's creates with Input Data Mode "Take From Input Items"
// (issue #13): each input item gives the object in the provider's own field names; the same
// checks run before anything is sent, and their messages name the input item and field.
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { CalypsoPay } from '../../../nodes/Calypso/CalypsoPay.node';
import { Craftgate } from '../../../nodes/Craftgate/Craftgate.node';
import { CALYPSO_CREDENTIALS, calypsoHttpHelper, ok, type Responder } from '../../fakes/calypso';
import { FAKE_CREDENTIALS, FakeCraftgate } from '../../fakes/craftgate';
import { createExecuteContext } from '../helpers/executeContext';

async function outcome(execution: Promise<INodeExecutionData[][]>) {
	return await execution.then(
		([output]) => ({ output, error: undefined }),
		(error: Error & { description?: string }) => ({ output: [] as INodeExecutionData[], error }),
	);
}

// ---------------------------------------------------------------- Craftgate

const LINK = { resource: 'link', operation: 'create', inputDataMode: 'autoMapInputData', expiryTimeZone: 'Europe/Istanbul', options: {} };

async function createLinks(items: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) {
	const fake = new FakeCraftgate();
	const { ctx } = createExecuteContext({
		parameters: { ...LINK, ...parameters },
		items: items.map((json) => ({ json })),
		continueOnFail,
		credentials: { craftgateApi: FAKE_CREDENTIALS },
		node: { name: 'Craftgate', type: 'n8n-nodes-chat-payments.craftgate' },
		http: fake.httpHelper(FAKE_CREDENTIALS),
	});
	return { fake, ...(await outcome(new Craftgate().execute.call(ctx))) };
}

describe('Craftgate: Payment Link → Create, Take From Input Items', () => {
	const properties = new Craftgate().description.properties.filter((property) => property.displayOptions?.show?.operation?.includes('create'));

	it('offers Input Data Mode (Define Below by default) and keeps the link fields for Define Below', () => {
		expect(properties.find((property) => property.name === 'inputDataMode')).toMatchObject({ default: 'defineBelow', noDataExpression: true });
		for (const name of ['name', 'price', 'currency', 'description', 'expiry', 'additionalFields']) {
			expect([name, properties.find((property) => property.name === name)?.displayOptions?.show?.inputDataMode]).toEqual([name, ['defineBelow']]);
		}
		const shownFromItems = properties.filter((property) => property.displayOptions?.show?.inputDataMode?.includes('autoMapInputData')).map((property) => property.name);
		expect(shownFromItems).toEqual(['inputItemsNotice', 'expiryTimeZone']);
	});

	it('creates one link per item from Craftgate\'s field names, with the stock rule, and ignores the item\'s other fields', async () => {
		const items = [
			{ name: 'Order 1', price: '149.90', currency: 'try', orderId: 'ord-1', stock: 5, customer: 'Ayşe' },
			{ name: 'Order 2', price: 20, currency: 'USD', description: 'Two mugs', enabledInstallments: [1, 3], conversationId: 'c-2', externalId: 'e-2', channel: 'WHATSAPP', stock: '4', multiPayment: true },
		];
		const { fake, output, error } = await createLinks(items);
		expect(error).toBeUndefined();
		expect(fake.calls.map((call) => JSON.parse(call.rawBody ?? ""))).toEqual([
			{ name: 'Order 1', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId: 'ord-1', stock: 1 },
			{
				name: 'Order 2',
				description: 'Two mugs',
				price: 20,
				currency: 'USD',
				enabledInstallments: [1, 3],
				conversationId: 'c-2',
				externalId: 'e-2',
				channel: 'WHATSAPP',
				stock: 4,
				multiPayment: true,
			},
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('reads expiresAt in the Expiry Time Zone when it has no zone', async () => {
		const { fake } = await createLinks([{ name: 'Order', price: '10', currency: 'TRY', expiresAt: '2099-06-30T18:00:00' }], { expiryTimeZone: 'UTC' });
		expect(JSON.parse(fake.calls[0].rawBody ?? "").expiresAt).toBe('2099-06-30T18:00:00');
	});

	it.each([
		['no name', { name: '' }, 'Title is required', 'name'],
		['a price with too many decimals', { price: '1.999' }, 'has more decimals than TRY allows', 'price'],
		['a price of 0', { price: 0 }, 'must be more than 0', 'price'],
		['an unknown currency', { currency: 'XXX' }, 'Currency "XXX" is not one Craftgate accepts', 'currency'],
		['installments that are no numbers', { enabledInstallments: 'one' }, 'Installments must be whole numbers', 'enabledInstallments'],
		['a stock of 0', { stock: 0 }, 'Stock must be a whole number of at least 1, got 0', 'stock'],
		['multiPayment as text', { multiPayment: 'yes' }, 'multiPayment must be true or false, got "yes"', 'multiPayment'],
		['an expiry in the past', { expiresAt: '2001-01-01T00:00:00' }, 'The link would already be expired', 'expiresAt'],
		['an expiry that is no date', { expiresAt: 'tomorrow' }, 'is not a date-time', 'expiresAt'],
	])('%s stops the node before the link is created, naming the item and the field', async (_, change, message, field) => {
		const { fake, error } = await createLinks([{ name: 'Order', price: '10', currency: 'TRY', ...change }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.description).toBe(`Check field "${field}" of input item 0.`);
		expect(fake.calls).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item is an error item and the others are created', async () => {
		const { fake, output } = await createLinks(
			[{ name: 'A', price: '1', currency: 'TRY' }, { name: 'B', price: 'x', currency: 'TRY' }, { name: 'C', price: '3', currency: 'TRY' }],
			{},
			true,
		);
		expect(fake.calls.map((call) => JSON.parse(call.rawBody ?? "").name)).toEqual(['A', 'C']);
		expect(output[1].json).toMatchObject({ description: 'Check field "price" of input item 1.' });
	});
});

// ---------------------------------------------------------------- Calypso

function calypsoContext(parameters: IDataObject, items: IDataObject[], respond: Responder, continueOnFail = false) {
	const node: INode = { id: 'calypso-1', name: 'Calypso Pay', type: 'n8n-nodes-chat-payments.calypsoPay', typeVersion: 1, position: [0, 0], parameters: {} };
	const { http, calls } = calypsoHttpHelper(node, respond);
	const ctx = {
		getInputData: () => items.map((json) => ({ json })),
		getNode: () => node,
		getExecutionId: () => 'execution-1',
		continueOnFail: () => continueOnFail,
		getCredentials: async () => ({ ...CALYPSO_CREDENTIALS }),
		getNodeParameter(name: string, _itemIndex: number, ...fallback: unknown[]) {
			let value: unknown = parameters;
			for (const key of name.split('.')) value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
			if (value !== undefined) return value;
			if (fallback.length > 0) return fallback[0];
			throw new NodeOperationError(node, `Could not get parameter "${name}"`);
		},
		helpers: { httpRequestWithAuthentication: http, returnJsonArray, constructExecutionMetaData },
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

const echo: Responder = (call) => ok({ ...call.payload, id: 'created-1' });
const KEY = '5b0ca8da-6af4-4a1c-9efd-5cbfc19ace09';

async function calypso(parameters: IDataObject, items: IDataObject[], continueOnFail = false) {
	const { ctx, calls } = calypsoContext({ inputDataMode: 'autoMapInputData', options: {}, ...parameters }, items, echo, continueOnFail);
	return { calls, ...(await outcome(new CalypsoPay().execute.call(ctx))) };
}

describe('Calypso Pay: Payment Widget → Create, Take From Input Items', () => {
	const widget = { resource: 'widget', operation: 'create' };

	it('offers Input Data Mode, Define Below by default, with the widget fields for Define Below only', () => {
		const properties = new CalypsoPay().description.properties.filter((property) => property.displayOptions?.show?.resource?.includes('widget'));
		expect(properties.find((property) => property.name === 'inputDataMode')).toMatchObject({ default: 'defineBelow' });
		for (const name of ['cryptoCurrencies', 'otherCryptoCurrencies', 'description', 'externalId', 'additionalFields']) {
			expect([name, properties.find((property) => property.name === name && property.displayOptions?.show?.operation?.includes('create'))?.displayOptions?.show?.inputDataMode]).toEqual([name, ['defineBelow']]);
		}
	});

	it('creates a widget per item from Calypso\'s field names, currencies as a list or as text, with the item\'s key', async () => {
		const { calls, output, error } = await calypso(widget, [
			{ description: 'Order 1', cryptoCurrencies: ['usdt', 'BTC'], externalId: 'order-1', idempotencyKey: KEY, returnUrl: 'https://shop.example/thanks', note: 'ignored' },
			{ description: 'Order 2', cryptoCurrencies: 'ETH, USDT_TRX' },
		]);
		expect(error).toBeUndefined();
		expect(calls.map((call) => call.payload)).toEqual([
			{ cryptoCurrencies: ['USDT', 'BTC'], description: 'Order 1', externalId: 'order-1', returnUrl: 'https://shop.example/thanks', idempotencyKey: KEY },
			{ cryptoCurrencies: ['ETH', 'USDT_TRX'], description: 'Order 2', idempotencyKey: expect.any(String) },
		]);
		expect(output[0].json).toMatchObject({ idempotencyKey: KEY, widgetKey: KEY });
	});

	it.each([
		['no description', { description: ' ' }, 'Description is required', 'description'],
		['no currencies', { cryptoCurrencies: [] }, 'choose at least one crypto currency', 'cryptoCurrencies'],
		['a currency code with a space', { cryptoCurrencies: ['US DT'] }, 'must be a Calypso currency code', 'cryptoCurrencies'],
		['a return URL that is no URL', { returnUrl: 'thanks' }, 'Return URL must be an http(s) URL', 'returnUrl'],
		['an idempotency key that is no UUID', { idempotencyKey: 'key-1' }, 'idempotencyKey must be a UUID', 'idempotencyKey'],
	])('%s stops the node before anything is sent, naming the field', async (_, change, message, field) => {
		const { calls, error } = await calypso(widget, [{ description: 'Order', cryptoCurrencies: ['BTC'], ...change }]);
		expect(error?.message).toContain(message);
		expect(error?.description).toBe(`Check field "${field}" of input item 0.`);
		expect(calls).toHaveLength(0);
	});
});

describe('Calypso Pay: Invoice → Create, Take From Input Items', () => {
	const invoice = (type: string) => ({ resource: 'invoice', operation: 'create', invoiceType: type });

	it('creates a fixed-amount invoice per item, the amount kept as text', async () => {
		const { calls, error } = await calypso(invoice('single'), [{ amount: '25.50', currency: 'usdt_trx', description: 'Order 7', externalId: 'order-7', logoUrl: 'https://shop.example/logo.png' }]);
		expect(error).toBeUndefined();
		expect(calls[0].path).toBe('/api/v1/invoice/single/create');
		expect(calls[0].payload).toEqual({
			amount: '25.50',
			currency: 'USDT_TRX',
			description: 'Order 7',
			externalId: 'order-7',
			logoUrl: 'https://shop.example/logo.png',
			idempotencyKey: expect.any(String),
		});
	});

	it('creates an unlimited invoice with fiatAvailable, without an amount', async () => {
		const { calls } = await calypso(invoice('unlimited'), [{ amount: '1', currency: 'ETH', description: 'Tips', fiatAvailable: true }]);
		expect(calls[0].path).toBe('/api/v1/invoice/unlimited/create');
		expect(calls[0].payload).toEqual({ currency: 'ETH', description: 'Tips', fiatAvailable: true, idempotencyKey: expect.any(String) });
	});

	it.each([
		['no amount', 'single', { amount: undefined }, 'amount', 'amount'],
		['an amount of 0', 'single', { amount: '0' }, 'amount', 'amount'],
		['no currency', 'single', { currency: '' }, 'currency must be a Calypso currency code', 'currency'],
		['no description', 'single', { description: '' }, 'Description is required', 'description'],
		['fiatAvailable as text', 'unlimited', { fiatAvailable: 'yes' }, 'fiatAvailable must be true or false, got "yes"', 'fiatAvailable'],
		['a support URL that is no URL', 'unlimited', { supportUrl: 'ftp://x' }, 'Support URL must be an http(s) URL', 'supportUrl'],
	])('%s (%s) stops the node before anything is sent, naming the field', async (_, type, change, message, field) => {
		const item: IDataObject = { amount: '1.5', currency: 'BTC', description: 'Order', ...change };
		for (const key of Object.keys(change)) if ((change as IDataObject)[key] === undefined) delete item[key];
		const { calls, error } = await calypso(invoice(type), [item]);
		expect(error?.message).toContain(message);
		expect(error?.description).toBe(`Check field "${field}" of input item 0.`);
		expect(calls).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item is an error item and the others are created', async () => {
		const { calls, output } = await calypso(invoice('single'), [{ amount: '1', currency: 'BTC', description: 'A' }, { amount: 'x', currency: 'BTC', description: 'B' }], true);
		expect(calls.map((call) => call.payload?.description)).toEqual(['A']);
		expect(output[1].json).toMatchObject({ description: 'Check field "amount" of input item 1.' });
	});
});
