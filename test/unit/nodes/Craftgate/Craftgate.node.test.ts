import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CraftgateLink } from '../../../../nodes/Craftgate/CraftgateLink.node';
import {
	craftgateError,
	createCraftgateExecuteContext,
	ok,
	TEST_CREDENTIALS,
	type CraftgateCall,
	type Responder,
} from '../../helpers/craftgateExecuteContext';
import { PRODUCT } from './fixtures';

const node = new CraftgateLink();

async function run(parameters: IDataObject | IDataObject[], respond?: Responder, extra: { continueOnFail?: boolean } = {}) {
	const context = createCraftgateExecuteContext({ parameters, respond, ...extra });
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

async function failure(parameters: IDataObject, respond?: Responder) {
	const context = createCraftgateExecuteContext({ parameters, respond });
	const error = await node.execute.call(context.ctx).then(
		() => undefined,
		(e: Error) => e,
	);
	return { ...context, error };
}

const create = (fields: IDataObject = {}): IDataObject => ({
	resource: 'link',
	operation: 'create',
	name: 'MyCompany WhatsApp Order',
	price: '149.90',
	currency: 'TRY',
	description: 'Order #ord-1',
	expiry: 'never',
	additionalFields: {},
	options: {},
	...fields,
});

function secretsIn(value: unknown): string[] {
	const text = JSON.stringify(value) + JSON.stringify((value as { cause?: unknown }).cause ?? null) + String((value as Error).message);
	return [String(TEST_CREDENTIALS.apiKey), String(TEST_CREDENTIALS.secretKey), String(TEST_CREDENTIALS.webhookSecret)].filter((s) => text.includes(s));
}

describe('Craftgate Link: description', () => {
	it('is usable as a tool, with a subtitle and one credential', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.subtitle).toBeTruthy();
		expect(node.description.credentials).toEqual([{ name: 'craftgateApi', required: true }]);
		const operation = node.description.properties.find((p) => p.name === 'operation');
		expect((operation?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
			['create', 'deactivate', 'delete', 'get', 'getPaymentStatus', 'search', 'update'],
		);
	});
});

describe('Create', () => {
	afterEach(() => jest.useRealTimers());

	it('refuses Retry On Fail before anything is sent: a retry could create a second link', async () => {
		const context = createCraftgateExecuteContext({ parameters: create(), respond: (call) => ok({ ...PRODUCT, ...call.body, id: 12 }), node: { retryOnFail: true } });
		const error = await node.execute.call(context.ctx).then(() => undefined, (e: Error) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Turn off "Retry On Fail" for this node');
		expect(context.calls).toHaveLength(0);
	});

	it('allows Retry On Fail for reads', async () => {
		const context = createCraftgateExecuteContext({
			parameters: { resource: 'link', operation: 'get', linkId: 12, options: {} },
			respond: () => ok({ ...PRODUCT, id: 12 }),
			node: { retryOnFail: true },
		});
		const [output] = await node.execute.call(context.ctx);
		expect(output[0].json).toMatchObject({ linkId: 12 });
	});

	it('POSTs the product signed, with price as a decimal, single payment, stock forced to 1 with an order id', async () => {
		const { calls, output } = await run(
			create({ additionalFields: { orderId: 'ord-1', conversationId: 'conv-1', stock: 5, channel: 'WHATSAPP' }, options: { pageLanguage: 'en' } }),
			(call) => ok({ ...PRODUCT, ...call.body, id: 12 }),
		);
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('POST');
		expect(calls[0].url.toString()).toBe('https://sandbox-api.craftgate.io/craftlink/v1/products');
		expect(calls[0].rawBody).toBe(
			'{"name":"MyCompany WhatsApp Order","description":"Order #ord-1","price":149.9,"currency":"TRY","enabledInstallments":[1],"orderId":"ord-1","conversationId":"conv-1","channel":"WHATSAPP","stock":1}',
		);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			linkId: 12,
			paymentUrl: 'https://sandbox-pbl.craftgate.io/l/tok-12?lang=en',
			url: 'https://sandbox-pbl.craftgate.io/l/tok-12',
			qrCodeUrl: 'https://sandbox-pbl.craftgate.io/qr/tok-12',
			status: 'ACTIVE',
		});
	});

	it('sends installments, multi payment and stock without an order id as given', async () => {
		const { calls } = await run(
			create({ description: '', additionalFields: { installments: '3,1,6', stock: 4, multiPayment: true, externalId: 'ext-9' } }),
			() => ok(PRODUCT),
		);
		expect(calls[0].body).toEqual({
			name: 'MyCompany WhatsApp Order',
			price: 149.9,
			currency: 'TRY',
			enabledInstallments: [1, 3, 6],
			externalId: 'ext-9',
			stock: 4,
			multiPayment: true,
		});
	});

	it('expires in N minutes, in Turkey time by default and in a chosen zone otherwise', async () => {
		jest.useFakeTimers({ now: new Date('2025-06-30T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
		const istanbul = await run(create({ expiry: 'inMinutes', expiresInMinutes: 30, expiryTimeZone: 'Europe/Istanbul' }), () => ok(PRODUCT));
		expect(istanbul.calls[0].body?.expiresAt).toBe('2025-06-30T15:30:00');
		const utc = await run(create({ expiry: 'inMinutes', expiresInMinutes: 30, expiryTimeZone: 'UTC' }), () => ok(PRODUCT));
		expect(utc.calls[0].body?.expiresAt).toBe('2025-06-30T12:30:00');
	});

	it('expires at a date: a zoned time is converted, a zone-less one kept', async () => {
		jest.useFakeTimers({ now: new Date('2025-06-30T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
		const zoned = await run(create({ expiry: 'at', expiresAt: '2025-07-01T09:00:00.000Z', expiryTimeZone: 'Europe/Istanbul' }), () => ok(PRODUCT));
		expect(zoned.calls[0].body?.expiresAt).toBe('2025-07-01T12:00:00');
		const local = await run(create({ expiry: 'at', expiresAt: '2025-07-01T09:00:00', expiryTimeZone: 'Europe/Istanbul' }), () => ok(PRODUCT));
		expect(local.calls[0].body?.expiresAt).toBe('2025-07-01T09:00:00');
	});

	it.each([
		[{ price: '12.345' }, /decimals/, 'price'],
		[{ price: '0' }, /more than 0/, 'price'],
		[{ price: 'abc' }, /plain decimal/, 'price'],
		[{ price: '10.5', currency: 'JPY' }, /decimals/, 'price'],
		[{ currency: 'XYZ' }, /not one Craftgate accepts/, 'currency'],
		[{ name: '  ' }, /Title is empty/, 'name'],
		[{ additionalFields: { installments: 'one' } }, /Installments/, 'installments'],
		[{ additionalFields: { stock: 0 } }, /Stock/, 'stock'],
		[{ expiry: 'at', expiresAt: '2000-01-01T00:00:00', expiryTimeZone: 'UTC' }, /already be expired/, 'expiresAt'],
		[{ expiry: 'inMinutes', expiresInMinutes: 10, expiryTimeZone: 'Asia/Nowhere' }, /IANA/, 'expiryTimeZone'],
		[{ options: { pageLanguage: 'english' } }, /two-letter/, 'pageLanguage'],
	])('refuses %j before sending anything', async (fields, message, field) => {
		const respond = jest.fn(() => ok(PRODUCT));
		const { error, calls } = await failure(create(fields), respond);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(message);
		expect((error as NodeOperationError).description).toContain(field);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		if (field !== 'pageLanguage') expect(calls).toHaveLength(0);
	});

	it('handles items independently, each paired, and continues on fail with the error', async () => {
		let created = 0;
		const { output, calls } = await run(
			[create(), create({ price: '-3' }), create({ name: 'Second' })],
			(call) => ok({ ...PRODUCT, id: ++created, name: call.body?.name }),
			{ continueOnFail: true },
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.error).toMatch(/negative/);
		expect(output[2].json.name).toBe('Second');
		expect(calls).toHaveLength(2);
	});
});

describe('Craftgate errors', () => {
	it('a 422 business error becomes a NodeApiError with Craftgate\'s code and description', async () => {
		const { error, calls } = await failure(create(), () => craftgateError(422, '5006', 'Product price is not valid'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Craftgate error 5006: Product price is not valid');
		expect((error as NodeApiError).httpCode).toBe('422');
		expect((error as NodeApiError).description).toMatch(/business rules/);
		expect(calls).toHaveLength(1);
	});

	it('a payment error names its group', async () => {
		const { error } = await failure(create(), () => craftgateError(422, '10051', 'Insufficient funds', 'NOT_SUFFICIENT_FUNDS'));
		expect((error as NodeApiError).description).toMatch(/NOT_SUFFICIENT_FUNDS/);
	});

	it('a refused signature (401) is reported once, never re-sent, with a credential hint', async () => {
		const context = createCraftgateExecuteContext({
			parameters: create(),
			credentials: { ...TEST_CREDENTIALS, secretKey: 'wrong-secret-value' },
		});
		const error = await node.execute.call(context.ctx).catch((e: Error) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).description).toMatch(/API key, the secret key and the environment/);
		expect(context.calls).toHaveLength(1);
		expect(context.calls[0].options.ignoreHttpStatusErrors).toBe(true);
	});

	it('keeps keys, secret and signature out of errors, also when the request never got an answer', async () => {
		let signature = '';
		const { error } = await failure(create(), (call: CraftgateCall) => {
			signature = String(call.headers['x-signature']);
			const networkError = new Error('connect ECONNREFUSED 127.0.0.1:443') as Error & IDataObject;
			networkError.code = 'ECONNREFUSED';
			networkError.config = { headers: call.headers, data: call.rawBody };
			throw networkError;
		});
		expect(error).toBeInstanceOf(NodeApiError);
		// n8n turns the ECONNREFUSED message into its own friendly text; the hint is ours.
		expect(error?.message).toMatch(/refused the connection|ECONNREFUSED/);
		expect((error as NodeApiError).description).toMatch(/No answer from Craftgate/);
		const serialized = JSON.stringify(error) + JSON.stringify((error as NodeApiError).cause ?? {}) + String((error as NodeApiError).description);
		for (const secret of [TEST_CREDENTIALS.apiKey, TEST_CREDENTIALS.secretKey, signature]) {
			expect(serialized).not.toContain(String(secret));
		}
		expect(secretsIn(error)).toEqual([]);
	});

	it('scrubs the API key Craftgate echoes back in its error text and in a network error', async () => {
		const echoed = await failure(create(), (call: CraftgateCall) =>
			craftgateError(401, '1', `Api key ${String(call.headers['x-api-key'])} is not valid`),
		);
		expect(echoed.error).toBeInstanceOf(NodeApiError);
		expect(echoed.error?.message).toBe('Craftgate error 1: Api key *** is not valid');
		expect(secretsIn(echoed.error)).toEqual([]);

		const network = await failure(create(), (call: CraftgateCall) => {
			throw new Error(`Invalid header value for x-api-key: ${String(call.headers['x-api-key'])}`);
		});
		expect(network.error?.message).toBe('Craftgate request failed: Invalid header value for x-api-key: ***');
		expect(secretsIn(network.error)).toEqual([]);
	});

	it('a 2xx answer without data is an error, not an empty link', async () => {
		const { error } = await failure(create(), () => ({ status: 200, body: {} }));
		expect(error?.message).toBe('Craftgate answered without data');
	});
});

describe('Get', () => {
	it('GETs the link by id and adds the page language to a URL that already has a query', async () => {
		const { calls, output } = await run(
			{ resource: 'link', operation: 'get', linkId: '12', options: { pageLanguage: 'en' } },
			() => ok({ ...PRODUCT, url: 'https://sandbox-pbl.craftgate.io/l/tok-12?ref=wa' }),
		);
		expect(calls[0].method).toBe('GET');
		expect(calls[0].path).toBe('/craftlink/v1/products/12');
		expect(calls[0].rawBody).toBeUndefined();
		expect(output[0].json.paymentUrl).toBe('https://sandbox-pbl.craftgate.io/l/tok-12?ref=wa&lang=en');
	});

	it('refuses a link id that is not a number', async () => {
		const { error, calls } = await failure({ resource: 'link', operation: 'get', linkId: '../payments' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(calls).toHaveLength(0);
	});

	it('a 404 says the id is unknown', async () => {
		const { error } = await failure({ resource: 'link', operation: 'get', linkId: '99' }, () => craftgateError(404, '5015', 'Product not found'));
		expect(error?.message).toBe('Craftgate error 5015: Product not found');
		expect((error as NodeApiError).description).toMatch(/does not know this id/);
	});
});

describe('Search', () => {
	const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ ...PRODUCT, id: from + i }));

	it('maps the filters to Craftgate\'s query parameters', async () => {
		const { calls } = await run(
			{
				resource: 'link',
				operation: 'search',
				returnAll: false,
				limit: 10,
				filters: {
					name: 'My Shop & Co',
					orderId: 'ord-1',
					currency: 'TRY',
					minPrice: '10',
					maxPrice: '200.50',
					minExpiresAt: '2025-07-01T00:00:00Z',
					channel: 'WHATSAPP',
				},
			},
			() => ok({ page: 0, size: 10, totalSize: 1, items: items(1, 1) }),
		);
		expect(calls[0].url.search).toBe(
			'?name=My%20Shop%20%26%20Co&orderId=ord-1&channel=WHATSAPP&currency=TRY&minPrice=10&maxPrice=200.5&minExpiresAt=2025-07-01T03%3A00%3A00&page=0&size=10',
		);
	});

	it('Return All pages until totalSize is reached', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'search', returnAll: true, filters: {} }, (call) => {
			const page = Number(call.query.page);
			return ok({ page, size: 100, totalSize: 150, items: page === 0 ? items(1, 100) : items(101, 50) });
		});
		expect(calls.map((c) => c.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
		expect(output).toHaveLength(150);
		expect(output[149].json.linkId).toBe(150);
		expect(output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a Limit stops early and asks only for what it needs', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'search', returnAll: false, limit: 5, filters: {} }, () =>
			ok({ page: 0, size: 5, totalSize: 300, items: items(1, 5) }),
		);
		expect(calls).toHaveLength(1);
		expect(calls[0].query.size).toBe('5');
		expect(output).toHaveLength(5);
	});

	it('stops on an empty page even without totalSize', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'search', returnAll: true, filters: {} }, (call) =>
			ok({ items: call.query.page === '0' ? items(1, 100) : [] }),
		);
		expect(calls).toHaveLength(2);
		expect(output).toHaveLength(100);
	});

	it('refuses a min price above the max price', async () => {
		const { error } = await failure({ resource: 'link', operation: 'search', returnAll: true, filters: { minPrice: '20', maxPrice: '10' } });
		expect(error?.message).toMatch(/Min Price is above Max Price/);
	});
});

describe('Update and Deactivate', () => {
	it('reads the link, applies only the changes and PUTs the whole product (price re-checked for the currency)', async () => {
		const { calls, output } = await run(
			{ resource: 'link', operation: 'update', linkId: '12', updateFields: { name: 'New title', price: '99.5', stock: 3 }, options: {} },
			(call) => (call.method === 'GET' ? ok(PRODUCT) : ok({ ...PRODUCT, ...call.body })),
		);
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /craftlink/v1/products/12', 'PUT /craftlink/v1/products/12']);
		expect(calls[1].body).toEqual({
			name: 'New title',
			description: 'Order #ord-1',
			channel: 'WHATSAPP',
			orderId: 'ord-1',
			conversationId: 'conv-1',
			price: 99.5,
			currency: 'TRY',
			stock: 1,
			enabledInstallments: [1],
			expiresAt: '2030-01-01T10:00:00',
			multiPayment: false,
			status: 'ACTIVE',
		});
		expect(output[0].json.name).toBe('New title');
	});

	it('clearing the order id lets the stock change; a new currency re-checks the current price', async () => {
		const { calls } = await run(
			{ resource: 'link', operation: 'update', linkId: '12', updateFields: { orderId: '', stock: 3 } },
			(call) => (call.method === 'GET' ? ok(PRODUCT) : ok(PRODUCT)),
		);
		expect(calls[1].body).not.toHaveProperty('orderId');
		expect(calls[1].body?.stock).toBe(3);
		const { error, calls: sent } = await failure(
			{ resource: 'link', operation: 'update', linkId: '12', updateFields: { currency: 'JPY' } },
			() => ok(PRODUCT),
		);
		expect(error?.message).toMatch(/JPY/);
		expect(sent.map((c) => c.method)).toEqual(['GET']);
	});

	it('refuses an update without changes', async () => {
		const { error, calls } = await failure({ resource: 'link', operation: 'update', linkId: '12', updateFields: {} });
		expect(error?.message).toMatch(/at least one field/);
		expect(calls).toHaveLength(0);
	});

	it('Deactivate PUTs status PASSIVE and keeps everything else', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'deactivate', linkId: '12' }, (call) =>
			call.method === 'GET' ? ok(PRODUCT) : ok({ ...PRODUCT, ...call.body }),
		);
		expect(calls[1].method).toBe('PUT');
		expect(calls[1].body).toMatchObject({ status: 'PASSIVE', name: PRODUCT.name, price: 149.9, orderId: 'ord-1' });
		expect(output[0].json).toMatchObject({ status: 'PASSIVE', alreadyPassive: false, linkId: 12 });
	});

	it('Deactivate of a passive link sends no PUT', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'deactivate', linkId: '12' }, () => ok({ ...PRODUCT, status: 'PASSIVE' }));
		expect(calls).toHaveLength(1);
		expect(output[0].json.alreadyPassive).toBe(true);
	});
});

describe('Delete', () => {
	it('DELETEs the link and answers {deleted: true}', async () => {
		const { calls, output } = await run({ resource: 'link', operation: 'delete', linkId: '12' }, () => ({ status: 200, body: '' }));
		expect(calls[0].method).toBe('DELETE');
		expect(calls[0].path).toBe('/craftlink/v1/products/12');
		expect(output[0].json).toEqual({ deleted: true, linkId: 12 });
	});
});
