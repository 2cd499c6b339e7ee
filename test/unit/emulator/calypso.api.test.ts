// The Calypso emulator's API: request checks (Key/Sign over the raw bytes, envelope, timestamp,
// account), widgets, invoices and webhook subscriptions.
import { CALYPSO, hmacHex, useCalypsoEmulator, uuid, widgetPayload } from './calypsoHelpers';

const h = useCalypsoEmulator();
const LIST = '/api/v1/subscription/webhook';

function envelope(fields: Record<string, unknown> = {}) {
	return JSON.stringify({ timestamp: Date.now(), account: CALYPSO.accountId, ...fields });
}

const signedHeaders = (body: string, secret = CALYPSO.secretKey, key = CALYPSO.publicKey) => ({ Key: key, Sign: hmacHex(secret, body) });

describe('request check', () => {
	it('accepts a list call signed by the package: envelope without payload', async () => {
		const request = h.signed(LIST);
		expect(JSON.parse(String(request.body))).toEqual({ timestamp: expect.any(Number), account: CALYPSO.accountId });
		const answer = await h.send(request);
		expect(answer.statusCode).toBe(200);
		expect(answer.body).toEqual({ subscriptions: [] });
	});

	it('accepts an upper-case hex Sign over the exact bytes', async () => {
		const body = envelope();
		const answer = await h.raw(LIST, body, { Key: CALYPSO.publicKey, Sign: hmacHex(CALYPSO.secretKey, body).toUpperCase() });
		expect(answer.statusCode).toBe(200);
	});

	it.each([
		['no Key/Sign headers', () => h.raw(LIST, envelope(), {}), 401, '002'],
		['an unknown public key', () => h.call(LIST, undefined, { publicKey: 'someone-else' }), 401, '002'],
		['a wrong secret key', () => h.call(LIST, undefined, { secretKey: 'wrong-secret' }), 401, '003'],
		['a body changed after signing', () => {
			const request = h.signed('/api/v1/invoice', { id: 'inv-1' });
			return h.send({ ...request, body: String(request.body).replace('inv-1', 'inv-2') });
		}, 401, '003'],
		['a body re-serialised with spaces', () => {
			const request = h.signed(LIST);
			return h.send({ ...request, body: JSON.stringify(JSON.parse(String(request.body)), null, 1) });
		}, 401, '003'],
		['a timestamp in seconds', () => {
			const body = envelope({ timestamp: Math.floor(Date.now() / 1000) });
			return h.raw(LIST, body, signedHeaders(body));
		}, 400, '011'],
		['a timestamp 4 minutes old', () => h.call(LIST, undefined, { now: Date.now() - 4 * 60_000 }), 400, '011'],
		['another account', () => h.call(LIST, undefined, { accountId: '0x' + 'ab'.repeat(20) }), 400, '001'],
		['the 1.0 envelope', () => {
			const body = JSON.stringify({ nonce: Date.now(), timestamp: Date.now(), account: CALYPSO.accountId, request: {} });
			return h.raw(LIST, body, signedHeaders(body));
		}, 400, '001'],
		['a DELETE whose body was dropped', () => h.raw(LIST, '', signedHeaders(''), 'DELETE'), 400, '001'],
	])('refuses %s in Calypso\'s error shape', async (_name, request, status, errorCode) => {
		const answer = await request();
		expect(answer.statusCode).toBe(status);
		expect(answer.body).toEqual({ errorCode, message: expect.any(String) });
	});

	it('accepts a timestamp 2 minutes off', async () => {
		expect((await h.call(LIST, undefined, { now: Date.now() - 2 * 60_000 })).statusCode).toBe(200);
	});
});

describe('unlimited linked payment widgets', () => {
	it('creates a widget and finds it by its key, tolerating unknown fields', async () => {
		const created = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload({ useLiquidity: true }));
		expect(created.statusCode).toBe(200);
		expect(created.body).toMatchObject({
			idempotencyKey: uuid(1),
			cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
			widgetType: 'UNLIMITED_LINKED',
			widgetState: 'IN_PROGRESS',
			externalId: 'order-1042',
			invoices: [],
		});
		const found = await h.call('/api/v1/payment-widget/unlimited-linked/find', { requestId: uuid(1) });
		expect(found.body).toEqual(created.body);
	});

	it.each([
		['currencies as objects', { cryptoCurrencies: [{ name: 'USDT' }] }, 400, '001'],
		['no currencies', { cryptoCurrencies: [] }, 400, '001'],
		['a currency the account lacks', { cryptoCurrencies: ['DOGE'] }, 400, '014'],
		['no description', { description: '' }, 400, '001'],
		['a key that is not a UUID', { idempotencyKey: 'order-1' }, 400, '001'],
		['a logo URL that is not a URL', { logoUrl: 'logo.png' }, 400, '001'],
	])('refuses %s', async (_name, fields, status, errorCode) => {
		const answer = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload(fields));
		expect([answer.statusCode, answer.body.errorCode]).toEqual([status, errorCode]);
	});

	it('refuses a second widget with the same idempotency key (016) and an unknown key on find (404 004)', async () => {
		await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload());
		const again = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload({ description: 'other' }));
		expect([again.statusCode, again.body.errorCode]).toEqual([400, '016']);
		expect(Object.keys(h.emu.state.calypso.widgets)).toHaveLength(1);
		const missing = await h.call('/api/v1/payment-widget/unlimited-linked/find', { requestId: uuid(9) });
		expect([missing.statusCode, missing.body.errorCode]).toEqual([404, '004']);
	});
});

describe('invoices', () => {
	it('creates a single invoice from a decimal string and reads it by id and by key', async () => {
		const created = await h.call('/api/v1/invoice/single/create', { amount: '25.123456789', currency: 'USDT_TRX', description: 'Order 7', idempotencyKey: uuid(2), externalId: 'order-7' });
		expect(created.statusCode).toBe(200);
		expect(created.body).toMatchObject({ type: 'SINGLE', state: 'PENDING_PAYMENT', amount: 25.123456789, totalDebitAmount: 0, currency: 'USDT_TRX', externalId: 'order-7' });
		const byId = await h.call('/api/v1/invoice', { id: created.body.id });
		const byKey = await h.call('/api/v1/invoice', { idempotencyKey: uuid(2) });
		expect(byId.body).toEqual(created.body);
		expect(byKey.body).toEqual(created.body);
	});

	it('sends amounts as strings when numericAmounts is off', async () => {
		h.emu.config.calypso.numericAmounts = false;
		const created = await h.call('/api/v1/invoice/single/create', { amount: '0.000000000000000001', currency: 'ETH', description: 'd', idempotencyKey: uuid(3) });
		expect(created.body.amount).toBe('0.000000000000000001');
	});

	it.each([
		['a negative amount', { amount: '-1' }],
		['a zero amount', { amount: '0.00' }],
		['an amount with a comma', { amount: '1,5' }],
		['no idempotency key', { idempotencyKey: undefined }],
	])('refuses a single invoice with %s', async (_name, fields) => {
		const answer = await h.call('/api/v1/invoice/single/create', { amount: '1', currency: 'BTC', description: 'd', idempotencyKey: uuid(4), ...fields });
		expect([answer.statusCode, answer.body.errorCode]).toEqual([400, '001']);
	});

	it('creates an unlimited invoice; a lookup without id or key is 001, an unknown one 004', async () => {
		const created = await h.call('/api/v1/invoice/unlimited/create', { currency: 'ETH', description: 'Tips', idempotencyKey: uuid(5), fiatAvailable: true });
		expect(created.body).toMatchObject({ type: 'UNLIMITED', amount: null, fiatAvailable: true });
		expect((await h.call('/api/v1/invoice', {})).body.errorCode).toBe('001');
		expect((await h.call('/api/v1/invoice', { id: 'inv-999999' })).statusCode).toBe(404);
	});
});

describe('webhook subscriptions', () => {
	it('creates, lists (keys included) and deletes with a DELETE body; a second delete is 404 004', async () => {
		const created = await h.call('/api/v1/subscription/webhook/create', { requestId: uuid(6), notificationServiceTypes: ['INVOICE'], url: 'http://127.0.0.1:5678/webhook/x/webhook' });
		expect(created.body).toMatchObject({ requestId: uuid(6), url: 'http://127.0.0.1:5678/webhook/x/webhook', publicKey: expect.any(String), secretKey: expect.any(String) });
		const listed = await h.call(LIST);
		expect(listed.body.subscriptions).toEqual([created.body]);
		const deleted = await h.call(LIST, { requestId: uuid(6) }, { method: 'DELETE' });
		expect(deleted.statusCode).toBe(200);
		expect((await h.call(LIST)).body.subscriptions).toEqual([]);
		const again = await h.call(LIST, { requestId: uuid(6) }, { method: 'DELETE' });
		expect([again.statusCode, again.body.errorCode]).toEqual([404, '004']);
	});

	it.each([
		['no event list', { notificationEventTypes: [], notificationServiceTypes: [] }],
		['an unknown event', { notificationEventTypes: ['INVOICE_SOMETHING'] }],
		['an unknown group', { notificationServiceTypes: ['SHOP'] }],
		['a url that is not a URL', { url: 'n8n' }],
	])('refuses a subscription with %s', async (_name, fields) => {
		const answer = await h.call('/api/v1/subscription/webhook/create', { requestId: uuid(7), url: 'http://127.0.0.1:1/hook', notificationServiceTypes: ['INVOICE'], ...fields });
		expect([answer.statusCode, answer.body.errorCode]).toEqual([400, '001']);
	});
});

describe('injected failures', () => {
	it('fail-next answers the error to the next signed requests and stores nothing', async () => {
		expect((await h.control('fail-next', { status: 503, errorCode: '000' })).status).toBe(200);
		const failed = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload());
		expect(failed.statusCode).toBe(503);
		expect(failed.body).toEqual({ errorCode: '000', message: 'Internal server error' });
		expect(Object.keys(h.emu.state.calypso.widgets)).toHaveLength(0);
		expect((await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload())).statusCode).toBe(200);
		expect((await h.control('fail-next', { status: 200 })).status).toBe(400);
	});
});
