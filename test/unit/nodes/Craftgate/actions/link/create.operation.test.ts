import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { craftgateError, FakeCraftgate, ok, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

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

/** A network failure as axios reports it, thrown by the fake instead of answering. */
function networkFailure(code: string, message: string): FakeCraftgate {
	return new FakeCraftgate({
		respond: () => {
			throw Object.assign(new Error(message), { code });
		},
	});
}

describe('Create', () => {
	afterEach(() => jest.useRealTimers());

	it('refuses Retry On Fail before anything is sent: a retry could create a second link', async () => {
		const { error, fake } = await runCraftgate(create(), { node: { retryOnFail: true } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Turn off "Retry On Fail" for this node');
		expect(fake.calls).toHaveLength(0);
	});

	it('POSTs the product signed, with price as a decimal, single payment, stock forced to 1 with an order id', async () => {
		const { fake, output } = await runCraftgate(
			create({ additionalFields: { orderId: 'ord-1', conversationId: 'conv-1', stock: 5, channel: 'WHATSAPP' }, options: { pageLanguage: 'en' } }),
		);
		expect(fake.calls).toHaveLength(1);
		expect(fake.calls[0]).toMatchObject({ method: 'POST', signatureOk: true });
		expect(fake.calls[0].url.toString()).toBe('https://sandbox-api.craftgate.io/craftlink/v1/products');
		expect(fake.calls[0].rawBody).toBe(
			'{"name":"MyCompany WhatsApp Order","description":"Order #ord-1","price":149.9,"currency":"TRY","enabledInstallments":[1],"orderId":"ord-1","conversationId":"conv-1","channel":"WHATSAPP","stock":1}',
		);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			linkId: 500,
			paymentUrl: 'https://sandbox-pbl.craftgate.io/l/tok-500?lang=en',
			url: 'https://sandbox-pbl.craftgate.io/l/tok-500',
			qrCodeUrl: 'https://sandbox-pbl.craftgate.io/qr/tok-500',
			status: 'ACTIVE',
		});
	});

	it('sends to the production host by default, and to a custom host without its trailing slash', async () => {
		const production = await runCraftgate(create(), { credentials: { apiKey: 'fake-api-key-value', secretKey: 'fake-secret-key-value' } });
		expect(production.fake.calls[0].url.origin).toBe('https://api.craftgate.io');
		const custom = await runCraftgate(create(), {
			credentials: { apiHost: 'custom', customApiHost: 'http://127.0.0.1:8090/', apiKey: 'fake-api-key-value', secretKey: 'fake-secret-key-value' },
		});
		expect(custom.fake.calls[0].url.toString()).toBe('http://127.0.0.1:8090/craftlink/v1/products');
		expect(custom.fake.calls[0].signatureOk).toBe(true);
	});

	it('sends installments, multi payment and stock without an order id as given', async () => {
		const { fake } = await runCraftgate(
			create({ description: '', additionalFields: { installments: '3,1,6', stock: 4, multiPayment: true, externalId: 'ext-9' } }),
		);
		expect(fake.calls[0].body).toEqual({
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
		const istanbul = await runCraftgate(create({ expiry: 'inMinutes', expiresInMinutes: 30, expiryTimeZone: 'Europe/Istanbul' }));
		expect(istanbul.fake.calls[0].body?.expiresAt).toBe('2025-06-30T15:30:00');
		const utc = await runCraftgate(create({ expiry: 'inMinutes', expiresInMinutes: 30, expiryTimeZone: 'UTC' }));
		expect(utc.fake.calls[0].body?.expiresAt).toBe('2025-06-30T12:30:00');
	});

	it('expires at a date: a zoned time is converted, a zone-less one kept', async () => {
		jest.useFakeTimers({ now: new Date('2025-06-30T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
		const zoned = await runCraftgate(create({ expiry: 'at', expiresAt: '2025-07-01T09:00:00.000Z', expiryTimeZone: 'Europe/Istanbul' }));
		expect(zoned.fake.calls[0].body?.expiresAt).toBe('2025-07-01T12:00:00');
		const local = await runCraftgate(create({ expiry: 'at', expiresAt: '2025-07-01T09:00:00', expiryTimeZone: 'Europe/Istanbul' }));
		expect(local.fake.calls[0].body?.expiresAt).toBe('2025-07-01T09:00:00');
	});

	it.each([
		[{ price: '12.345' }, /decimals/, 'price'],
		[{ price: '0' }, /more than 0/, 'price'],
		[{ price: 'abc' }, /plain decimal/, 'price'],
		[{ price: '10.5', currency: 'JPY' }, /decimals/, 'price'],
		[{ currency: 'XYZ' }, /not one Craftgate accepts/, 'currency'],
		[{ name: '  ' }, /^Title is required$/, 'name'],
		[{ additionalFields: { installments: 'one' } }, /Installments/, 'installments'],
		[{ additionalFields: { stock: 0 } }, /Stock/, 'stock'],
		[{ expiry: 'at', expiresAt: '2000-01-01T00:00:00', expiryTimeZone: 'UTC' }, /already be expired/, 'expiresAt'],
		[{ expiry: 'inMinutes', expiresInMinutes: 10, expiryTimeZone: 'Asia/Nowhere' }, /IANA/, 'expiryTimeZone'],
		[{ options: { pageLanguage: 'english' } }, /two-letter/, 'pageLanguage'],
	])('refuses %j naming the field', async (fields, message, field) => {
		const { error, fake } = await runCraftgate(create(fields));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(message);
		expect((error as NodeOperationError).description).toBe(`Check field "${field}" of input item 0.`);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		// The page language is applied to the answer, so only it comes after the request.
		expect(fake.calls).toHaveLength(field === 'pageLanguage' ? 1 : 0);
	});

	it('handles items independently, each paired, and continues on fail with the error', async () => {
		const { output, fake } = await runCraftgate(create(), {
			itemParameters: [{}, { price: '-3' }, { name: 'Second' }],
			continueOnFail: true,
		});
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({ error: 'price must not be negative, got "-3"', description: 'Check field "price" of input item 1.' });
		expect(output[2].json.name).toBe('Second');
		expect(fake.calls).toHaveLength(2);
	});
});

describe('Create whose outcome is unknown', () => {
	const withOrder = create({ additionalFields: { orderId: 'ord-1' } });

	it('a time-out says the link may exist and how to look for it before creating again, never "retry"', async () => {
		const { error, fake } = await runCraftgate(withOrder, { fake: networkFailure('ECONNABORTED', 'timeout of 30000ms exceeded') });
		expect(fake.calls).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Craftgate did not answer within 30 s');
		expect((error as NodeApiError).description).toBe(
			'Reason: timeout of 30000ms exceeded. Check the API Host in the Craftgate credential and the network. The payment link may have been created anyway: before creating it again, look for it with Get Many (filter Order ID = "ord-1") or in the Craftgate panel, and create it again only if none is found.',
		);
		expect((error as NodeApiError).context).toMatchObject({ referenceId: 'ord-1', outcomeUnknown: true });
	});

	it('a dropped connection says the same, in an error item with Continue On Fail', async () => {
		const { output } = await runCraftgate(withOrder, { fake: networkFailure('ECONNRESET', 'socket hang up'), continueOnFail: true });
		expect(output[0].json).toMatchObject({ error: 'No answer from Craftgate', referenceId: 'ord-1', outcomeUnknown: true });
		expect(output[0].json.description).toMatch(/^Reason: socket hang up\. .*look for it with Get Many \(filter Order ID = "ord-1"\)/);
		expect(JSON.stringify(output[0].json)).not.toMatch(/retry the request immediately/i);
	});

	it('without an order id, the link is looked for by its conversation id, else by its title', async () => {
		const byConversation = await runCraftgate(create({ additionalFields: { conversationId: 'conv-7' } }), { fake: networkFailure('ECONNRESET', 'socket hang up') });
		expect((byConversation.error as NodeApiError).description).toContain('filter Conversation ID = "conv-7"');
		const byTitle = await runCraftgate(create(), { fake: networkFailure('ECONNRESET', 'socket hang up') });
		expect((byTitle.error as NodeApiError).description).toContain('filter Name = "MyCompany WhatsApp Order"');
	});

	it('a server error on a create is unknown too; a refusal (4xx) is not', async () => {
		const failed = await runCraftgate(withOrder, { fake: new FakeCraftgate({ respond: () => craftgateError(500, '0', 'Internal error') }) });
		expect(failed.error?.message).toBe('Craftgate error 0: Internal error');
		expect((failed.error as NodeApiError).description).toContain('The payment link may have been created anyway');
		expect((failed.error as NodeApiError).context).toMatchObject({ providerCode: '0', outcomeUnknown: true, referenceId: 'ord-1' });

		const refused = await runCraftgate(withOrder, { fake: new FakeCraftgate({ respond: () => craftgateError(422, '5006', 'Product price is not valid') }) });
		expect((refused.error as NodeApiError).description).not.toContain('may have been created');
		expect((refused.error as NodeApiError).context.outcomeUnknown).toBeUndefined();
	});

	it('a refused connection never reached Craftgate: nothing can have been created', async () => {
		const { error } = await runCraftgate(withOrder, { fake: networkFailure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443') });
		expect(error?.message).toBe('No answer from Craftgate');
		expect((error as NodeApiError).description).toBe(
			'Reason: connect ECONNREFUSED 127.0.0.1:443. Check the API Host in the Craftgate credential and the network.',
		);
		expect((error as NodeApiError).context.outcomeUnknown).toBeUndefined();
	});

	it('a read that times out gives no create advice', async () => {
		const fake = networkFailure('ECONNABORTED', 'timeout of 30000ms exceeded');
		const { error } = await runCraftgate({ resource: 'link', operation: 'get', linkId: '12' }, { fake });
		expect(error?.message).toBe('Craftgate did not answer within 30 s');
		expect((error as NodeApiError).description).not.toContain('created');
	});
});

it('Create answers with the product Craftgate made (fixture product shape)', async () => {
	const fake = new FakeCraftgate({ respond: (call) => ok({ ...PRODUCT, ...call.body, id: 12 }) });
	const { output } = await runCraftgate(create(), { fake });
	expect(output[0].json).toMatchObject({ linkId: 12, id: 12, paymentUrl: PRODUCT.url });
});
