// The Craftgate emulator, driven with requests signed by the package's credential and sent by
// n8n's own HTTP stack (OutboundHttp), so the emulator's independent signature check sees exactly
// the bytes n8n puts on the wire.
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { signCraftgateRequest } from '../../../nodes/Craftgate/transport/signing';
import { createEmulator, getJson, postJson, startReceiver } from './helpers';

const ACCOUNT = { apiKey: 'emulator-craftgate-api', secretKey: 'emulator-craftgate-secret', webhookKey: 'emulator-craftgate-hook' };

let emu: any;
beforeAll(async () => {
	emu = await createEmulator({ providers: ['craftgate'], config: { craftgate: { retryDelaysMs: [20, 20] } } });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.deepMerge(emu.config.craftgate, { merchantWebhookUrl: null, webhookEventType: 'API_AUTH', webhookOnFailure: true, retryDelaysMs: [20, 20] });
});

interface Answer {
	statusCode: number;
	body: any;
}

async function send(options: IHttpRequestOptions): Promise<Answer> {
	return (await Container.get(OutboundHttp)
		.requests()
		.request({ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as Answer;
}

function signed(method: IHttpRequestMethods, path: string, extra: { qs?: IDataObject; body?: IDataObject; secretKey?: string; apiKey?: string } = {}) {
	const credentials = { apiKey: extra.apiKey ?? ACCOUNT.apiKey, secretKey: extra.secretKey ?? ACCOUNT.secretKey };
	return signCraftgateRequest(credentials, { method, baseURL: emu.url, url: path, qs: extra.qs, body: extra.body });
}

const call = (method: IHttpRequestMethods, path: string, extra: Parameters<typeof signed>[2] = {}) => send(signed(method, path, extra));
const control = (path: string, body: unknown = {}) => postJson(`${emu.url}/_control/craftgate/${path}`, body);

const link = (fields: IDataObject = {}): IDataObject => ({
	name: 'MyCompany WhatsApp Order',
	description: 'Order ord-1',
	price: 149.9,
	currency: 'TRY',
	enabledInstallments: [1],
	orderId: 'ord-1',
	conversationId: 'conv-1',
	stock: 1,
	channel: 'WHATSAPP',
	...fields,
});

async function createLink(fields: IDataObject = {}) {
	const answer = await call('POST', '/craftlink/v1/products', { body: link(fields) });
	expect(answer.statusCode).toBe(200);
	return answer.body.data;
}

describe('request signature', () => {
	it('accepts a GET with a query and a POST with a body signed by the package', async () => {
		expect((await call('GET', '/craftlink/v1/products', { qs: { name: 'Çay & Simit Evi', page: 0, size: 1 } })).statusCode).toBe(200);
		expect((await call('POST', '/craftlink/v1/products', { body: link() })).statusCode).toBe(200);
	});

	it.each([
		['no signing headers', () => send({ method: 'GET', url: `${emu.url}/craftlink/v1/products` }), '1'],
		['a wrong secret key', () => call('GET', '/craftlink/v1/products', { secretKey: 'wrong-secret' }), '4'],
		['an unknown API key', () => call('GET', '/craftlink/v1/products', { apiKey: 'someone-else' }), '3'],
		['a body changed after signing', () => send({ ...signed('POST', '/craftlink/v1/products', { body: link() }), body: JSON.stringify(link({ price: 1 })) }), '4'],
		['a body re-serialised with spaces', () => {
			const request = signed('POST', '/craftlink/v1/products', { body: link() });
			return send({ ...request, body: JSON.stringify(link(), null, 1) });
		}, '4'],
		['a query changed after signing', () => {
			const request = signed('GET', '/craftlink/v1/products', { qs: { page: 0 } });
			return send({ ...request, url: request.url.replace('page=0', 'page=1') });
		}, '4'],
	])('answers 401 in Craftgate\'s error shape for %s', async (_name, request, errorCode) => {
		const answer = await request();
		expect(answer.statusCode).toBe(401);
		expect(answer.body).toEqual({ errors: { errorCode, errorDescription: expect.any(String) } });
		expect(Object.keys(emu.state.craftgate.products)).toHaveLength(0);
	});
});

describe('pay-by-link products', () => {
	it('creates a link with an id, a URL to send and a QR code URL', async () => {
		const product = await createLink();
		expect(product).toMatchObject({ id: 100, status: 'ACTIVE', soldCount: 0, price: 149.9, orderId: 'ord-1', stock: 1 });
		expect(product.url).toBe(`${emu.url}/l/${product.token}`);
		expect(product.qrCodeUrl).toBe(`${emu.url}/l/${product.token}/qr`);
		const page = await fetch(`${product.url}?lang=en`);
		expect(await page.text()).toContain('MyCompany WhatsApp Order');
	});

	it.each([
		['stock other than 1 with an order id', { stock: 2 }, 422, '5010'],
		['a price of 0', { price: 0 }, 400, '4000'],
		['decimals JPY does not have', { currency: 'JPY', price: 10.5 }, 400, '4000'],
		['an unknown currency', { currency: 'INR' }, 400, '4000'],
		['no installments', { enabledInstallments: [] }, 400, '4000'],
		['an expiry in the past', { expiresAt: '2000-01-01T00:00:00' }, 422, '5011'],
		['an expiry with a zone', { expiresAt: '2030-01-01T00:00:00Z' }, 400, '4000'],
	])('refuses %s', async (_name, fields, status, errorCode) => {
		const answer = await call('POST', '/craftlink/v1/products', { body: link(fields) });
		expect(answer.statusCode).toBe(status);
		expect(answer.body.errors.errorCode).toBe(errorCode);
	});

	it('gets, replaces (PUT), deactivates and deletes a link', async () => {
		const { id } = await createLink();
		expect((await call('GET', `/craftlink/v1/products/${id}`)).body.data.id).toBe(id);
		const updated = await call('PUT', `/craftlink/v1/products/${id}`, { body: link({ name: 'Renamed', status: 'PASSIVE', description: undefined }) });
		expect(updated.body.data).toMatchObject({ id, name: 'Renamed', status: 'PASSIVE' });
		expect(updated.body.data).not.toHaveProperty('description');
		const deleted = await call('DELETE', `/craftlink/v1/products/${id}`);
		expect(deleted.statusCode).toBe(200);
		const gone = await call('GET', `/craftlink/v1/products/${id}`);
		expect(gone.statusCode).toBe(404);
		expect(gone.body.errors).toEqual({ errorCode: '5015', errorDescription: 'Product not found' });
	});

	it('searches with filters and pages', async () => {
		for (let i = 0; i < 5; i++) await createLink({ orderId: `ord-${i}`, name: i % 2 ? 'Çay Evi' : 'Other', price: 10 + i });
		const byName = await call('GET', '/craftlink/v1/products', { qs: { name: 'çay evi' } });
		expect(byName.body.data.items.map((p: IDataObject) => p.orderId)).toEqual(['ord-1', 'ord-3']);
		const paged = await call('GET', '/craftlink/v1/products', { qs: { minPrice: 11, maxPrice: 14, page: 1, size: 2 } });
		expect(paged.body.data).toMatchObject({ page: 1, size: 2, totalSize: 4 });
		expect(paged.body.data.items.map((p: IDataObject) => p.price)).toEqual([13, 14]);
	});
});

describe('paying a link (control API) and payment lookups', () => {
	it('a successful payment raises soldCount, appears in reporting and is sent as a signed webhook', async () => {
		const receiver = await startReceiver([200]);
		try {
			expect((await control('config', { merchantWebhookUrl: receiver.url })).status).toBe(200);
			const product = await createLink();
			const paid = await control('pay', { productId: product.id, outcome: 'success' });
			expect(paid.status).toBe(200);
			expect(paid.json.payment).toMatchObject({ paymentStatus: 'SUCCESS', paymentSource: 'PAY_BY_LINK', orderId: 'ord-1', conversationId: 'conv-1', price: 149.9 });
			expect(paid.json.webhook.status).toBe('delivered');

			expect((await call('GET', `/craftlink/v1/products/${product.id}`)).body.data.soldCount).toBe(1);
			const search = await call('GET', '/payment-reporting/v1/payments', { qs: { paymentSource: 'PAY_BY_LINK', orderId: 'ord-1' } });
			expect(search.body.data.items).toHaveLength(1);
			const paymentId = paid.json.payment.id;
			expect((await call('GET', `/payment/v1/card-payments/${paymentId}`)).body.data.id).toBe(paymentId);
			expect((await call('GET', `/payment-reporting/v1/payments/${paymentId}`)).body.data).toMatchObject({ id: paymentId, refundStatus: 'NO_REFUND' });
			expect((await call('GET', `/payment/v1/checkout-payments/${paid.json.checkoutToken}`)).body.data.id).toBe(paymentId);

			const [hook] = await receiver.waitFor(1);
			const body = JSON.parse(hook.body);
			expect(body).toMatchObject({ eventType: 'API_AUTH', status: 'SUCCESS', payloadId: String(paymentId) });
			const expected = createHmac('sha256', ACCOUNT.webhookKey).update(`${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`).digest('base64');
			expect(hook.headers['x-cg-signature-v1']).toBe(expected);
		} finally {
			await receiver.close();
		}
	});

	it('a failed payment keeps soldCount, carries a payment error; CHECKOUTFORM_AUTH sends the checkout token', async () => {
		const receiver = await startReceiver([200]);
		try {
			await control('config', { merchantWebhookUrl: receiver.url, webhookEventType: 'CHECKOUTFORM_AUTH' });
			const product = await createLink();
			const failed = await control('pay', { productId: product.id, outcome: 'failure' });
			expect(failed.json.payment).toMatchObject({ paymentStatus: 'FAILURE', paymentError: { errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
			expect((await call('GET', `/craftlink/v1/products/${product.id}`)).body.data.soldCount).toBe(0);
			const [hook] = await receiver.waitFor(1);
			expect(JSON.parse(hook.body)).toMatchObject({ eventType: 'CHECKOUTFORM_AUTH', status: 'FAILURE', payloadId: failed.json.checkoutToken });
		} finally {
			await receiver.close();
		}
	});

	it('refuses to take payment on a passive, deleted, sold-out, expired or unknown link', async () => {
		const passive = await createLink({ orderId: 'p' });
		await call('PUT', `/craftlink/v1/products/${passive.id}`, { body: link({ orderId: 'p', status: 'PASSIVE' }) });
		expect((await control('pay', { productId: passive.id })).status).toBe(409);

		const deleted = await createLink({ orderId: 'd' });
		await call('DELETE', `/craftlink/v1/products/${deleted.id}`);
		expect((await control('pay', { productId: deleted.id })).status).toBe(410);

		const once = await createLink({ orderId: 'o' });
		expect((await control('pay', { productId: once.id })).status).toBe(200);
		expect((await control('pay', { productId: once.id })).status).toBe(409);

		const expiring = await createLink({ orderId: 'e' });
		await control('expire', { productId: expiring.id });
		expect((await control('pay', { productId: expiring.id })).json.error).toMatch(/expired/);

		expect((await control('pay', { productId: 424242 })).status).toBe(404);
		expect((await control('pay', { productId: once.id, outcome: 'maybe' })).status).toBe(400);
	});

	it('resends the last webhook byte for byte, and says when there is none', async () => {
		expect((await control('resend-last-webhook')).status).toBe(409);
		const receiver = await startReceiver([200]);
		try {
			await control('config', { merchantWebhookUrl: receiver.url });
			const product = await createLink();
			await control('pay', { productId: product.id });
			const again = await control('resend-last-webhook');
			expect(again.json.webhook.meta.resent).toBe(true);
			const [first, second] = await receiver.waitFor(2);
			expect(second.body).toBe(first.body);
			expect(second.headers['x-cg-signature-v1']).toBe(first.headers['x-cg-signature-v1']);
		} finally {
			await receiver.close();
		}
	});

	it('shows its state and sends no webhook without a merchant URL', async () => {
		const product = await createLink();
		const paid = await control('pay', { productId: product.id });
		expect(paid.json.webhook).toBeNull();
		const state = await getJson(`${emu.url}/_control/craftgate/state`);
		expect(state.json.payments).toHaveLength(1);
		expect(state.json.products[0].soldCount).toBe(1);
	});
});

describe('injected failures', () => {
	it('fail-next makes the next signed requests fail with a Craftgate error and store nothing', async () => {
		expect((await control('fail-next', { status: 422, count: 1, errorCode: '10051', errorDescription: 'Insufficient funds', errorGroup: 'NOT_SUFFICIENT_FUNDS' })).status).toBe(200);
		const failed = await call('POST', '/craftlink/v1/products', { body: link() });
		expect(failed.statusCode).toBe(422);
		expect(failed.body).toEqual({ errors: { errorCode: '10051', errorDescription: 'Insufficient funds', errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
		expect(Object.keys(emu.state.craftgate.products)).toHaveLength(0);
		expect((await call('POST', '/craftlink/v1/products', { body: link() })).statusCode).toBe(200);
		expect((await control('fail-next', { status: 200 })).status).toBe(400);
	});
});
