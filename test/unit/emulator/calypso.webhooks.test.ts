// The Calypso emulator playing the customer: picking a currency in a widget opens an invoice,
// paying it sends signed webhooks to every matching subscription, with retries and redeliveries.
import type { IDataObject } from 'n8n-workflow';
import { getJson, startReceiver } from './helpers';
import { hmacHex, useCalypsoEmulator, uuid, widgetPayload } from './calypsoHelpers';

const h = useCalypsoEmulator();

async function subscribe(url: string, fields: Record<string, unknown> = { notificationServiceTypes: ['INVOICE'] }, n = 50) {
	const answer = await h.call('/api/v1/subscription/webhook/create', { requestId: uuid(n), url, ...fields });
	expect(answer.statusCode).toBe(200);
	return answer.body as { requestId: string; publicKey: string; secretKey: string };
}

async function widget(fields: IDataObject = {}) {
	const answer = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload(fields));
	expect(answer.statusCode).toBe(200);
	return answer.body;
}

describe('picking a currency in a widget', () => {
	it('opens an UNLIMITED_LINKED invoice with the widget\'s external id and announces it, signed with the subscription keys', async () => {
		const receiver = await startReceiver([200]);
		try {
			const sub = await subscribe(receiver.url);
			await widget();
			const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'USDT_TRX', amount: '25' });
			expect(picked.status).toBe(200);
			expect(picked.json.invoice).toMatchObject({ type: 'UNLIMITED_LINKED', currency: 'USDT_TRX', externalId: 'order-1042', amount: 25, state: 'PENDING_PAYMENT' });
			expect(picked.json.widget.invoices).toEqual([
				{ invoiceId: picked.json.invoice.id, cryptoCurrency: 'USDT_TRX', invoiceIdempotencyKey: picked.json.invoice.idempotencyKey, invoiceExternalId: 'order-1042' },
			]);
			const [hook] = await receiver.waitFor(1);
			const body = JSON.parse(hook.body);
			expect(body).toMatchObject({
				requestId: sub.requestId,
				id: 1,
				service: 'INVOICE',
				eventType: 'INVOICE_CREATE_UNLIMITED_INVOICE',
				data: { externalId: 'order-1042', parentExternalId: 'order-1042', currency: 'USDT_TRX', idempotencyKey: picked.json.invoice.idempotencyKey },
			});
			expect(body.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
			expect(hook.headers.key).toBe(sub.publicKey);
			expect(hook.headers.sign).toBe(hmacHex(sub.secretKey, hook.body));
			expect((await h.call('/api/v1/payment-widget/unlimited-linked/find', { requestId: uuid(1) })).body.invoices).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});

	it('refuses a currency the widget does not offer, and an unknown widget', async () => {
		await widget({ cryptoCurrencies: ['BTC'] });
		expect((await h.control('pick', { widgetKey: uuid(1), currency: 'ETH' })).status).toBe(400);
		expect((await h.control('pick', { widgetKey: uuid(2), currency: 'BTC' })).status).toBe(404);
	});
});

describe('paying an invoice', () => {
	async function pickedInvoice(amount?: string) {
		await widget();
		return (await h.control('pick', { widgetKey: uuid(1), currency: 'ETH', ...(amount ? { amount } : {}) })).json.invoice;
	}

	it('full: FUNDS_RECEIVED then PAID, in that order; the invoice and the widget are settled', async () => {
		const receiver = await startReceiver([200]);
		try {
			await subscribe(receiver.url, { notificationEventTypes: ['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PAID'] });
			const invoice = await pickedInvoice('0.5');
			const paid = await h.control('pay', { invoiceId: invoice.id, mode: 'full' });
			expect(paid.json.invoice).toMatchObject({ state: 'PAID', totalDebitAmount: 0.5, lastDepositHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
			const hooks = await receiver.waitFor(2);
			expect(hooks.map((hk) => JSON.parse(hk.body).eventType)).toEqual(['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PAID']);
			expect(JSON.parse(hooks[0].body).data).toMatchObject({ amount: 0.5, lastDepositHash: paid.json.invoice.lastDepositHash });
			expect((await h.call('/api/v1/invoice', { id: invoice.id })).body).toMatchObject({ state: 'PAID', totalDebitAmount: 0.5 });
			expect((await h.call('/api/v1/payment-widget/unlimited-linked/find', { requestId: uuid(1) })).body.widgetState).toBe('COMPLETED');
		} finally {
			await receiver.close();
		}
	});

	it.each([
		['under', 'UNDERPAY', 0.25],
		['over', 'OVERPAY', 0.75],
	])('%s: FUNDS_RECEIVED then PENDING_INTERVENTION (%s)', async (mode, interventionType, received) => {
		const receiver = await startReceiver([200]);
		try {
			await subscribe(receiver.url);
			const invoice = await pickedInvoice('0.5');
			await receiver.waitFor(1);
			const paid = await h.control('pay', { invoiceId: invoice.id, mode });
			expect(paid.json.invoice).toMatchObject({ state: 'PENDING_INTERVENTION', interventionType, totalDebitAmount: received });
			const hooks = await receiver.waitFor(3);
			expect(hooks.slice(1).map((hk) => JSON.parse(hk.body).eventType)).toEqual(['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PENDING_INTERVENTION']);
			expect(JSON.parse(hooks[2].body).level).toBe('WARNING');
		} finally {
			await receiver.close();
		}
	});

	it('an invoice without a fixed amount is paid by any amount given; twice is refused', async () => {
		const invoice = await pickedInvoice();
		expect((await h.control('pay', { invoiceId: invoice.id })).status).toBe(400);
		const paid = await h.control('pay', { invoiceId: invoice.id, amount: '0.123456789012345678' });
		expect(paid.json.invoice.state).toBe('PAID');
		h.emu.config.calypso.numericAmounts = false;
		expect((await h.call('/api/v1/invoice', { id: invoice.id })).body.totalDebitAmount).toBe('0.123456789012345678');
		expect((await h.control('pay', { invoiceId: invoice.id, amount: '1' })).status).toBe(409);
	});

	it('an API-created single invoice is announced (INVOICE_CREATE_INVOICE) and can be paid by its key', async () => {
		const receiver = await startReceiver([200]);
		try {
			await subscribe(receiver.url);
			const created = await h.call('/api/v1/invoice/single/create', { amount: '10', currency: 'USDT', description: 'Order 9', idempotencyKey: uuid(9), externalId: 'order-9' });
			const [announced] = await receiver.waitFor(1);
			expect(JSON.parse(announced.body)).toMatchObject({ eventType: 'INVOICE_CREATE_INVOICE', data: { externalId: 'order-9', idempotencyKey: uuid(9) } });
			const paid = await h.control('pay', { idempotencyKey: uuid(9), mode: 'full' });
			expect(paid.json.invoice).toMatchObject({ id: created.body.id, state: 'PAID' });
		} finally {
			await receiver.close();
		}
	});

	it('expire: ARCHIVED and INVOICE_EXPIRED', async () => {
		const receiver = await startReceiver([200]);
		try {
			await subscribe(receiver.url, { notificationEventTypes: ['INVOICE_EXPIRED'] });
			const invoice = await pickedInvoice('1');
			const expired = await h.control('expire', { invoiceId: invoice.id });
			expect(expired.json.invoice.state).toBe('ARCHIVED');
			const [hook] = await receiver.waitFor(1);
			expect(JSON.parse(hook.body).eventType).toBe('INVOICE_EXPIRED');
			expect(receiver.received).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});

describe('deliveries', () => {
	it('retries a delivery that is not answered 200, after each configured delay', async () => {
		const receiver = await startReceiver([500, 401, 200]);
		try {
			await subscribe(receiver.url);
			await widget();
			const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'BTC' });
			expect(picked.json.webhooks[0].status).toBe('delivered');
			expect(picked.json.webhooks[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 401, 200]);
			const bodies = receiver.received.map((r) => r.body);
			expect(new Set(bodies).size).toBe(1);
		} finally {
			await receiver.close();
		}
	});

	it('deliveries: N sends the same signed event N times even when answered 200', async () => {
		const receiver = await startReceiver([200]);
		try {
			await subscribe(receiver.url);
			await widget();
			const invoice = (await h.control('pick', { widgetKey: uuid(1), currency: 'BTC', amount: '1' })).json.invoice;
			await receiver.waitFor(1);
			await h.control('pay', { invoiceId: invoice.id, deliveries: 3 });
			const hooks = (await receiver.waitFor(7)).slice(1);
			expect(hooks.map((hk) => JSON.parse(hk.body).eventType)).toEqual([
				...Array(3).fill('INVOICE_FUNDS_RECEIVED_FOR_INVOICE'),
				...Array(3).fill('INVOICE_PAID'),
			]);
			expect(new Set(hooks.slice(0, 3).map((hk) => hk.body + hk.headers.sign)).size).toBe(1);
		} finally {
			await receiver.close();
		}
	});

	it('sends to every matching subscription only; redeliver-failed re-sends what failed, byte for byte', async () => {
		const ok = await startReceiver([200]);
		const down = await startReceiver([503]);
		const other = await startReceiver([200]);
		try {
			await subscribe(ok.url, { notificationServiceTypes: ['INVOICE'] }, 51);
			await subscribe(down.url, { notificationEventTypes: ['INVOICE_CREATE_UNLIMITED_INVOICE'] }, 52);
			await subscribe(other.url, { notificationServiceTypes: ['PAYOUT'] }, 53);
			await widget();
			const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'BTC' });
			expect(picked.json.webhooks.map((w: { status: string }) => w.status).sort()).toEqual(['delivered', 'failed']);
			expect(down.received).toHaveLength(3);
			expect(other.received).toHaveLength(0);
			const again = await h.control('redeliver-failed');
			expect(again.json.count).toBe(1);
			expect(down.received[3].body).toBe(down.received[0].body);
			expect(down.received[3].headers.sign).toBe(down.received[0].headers.sign);
			expect((await h.control('redeliver-failed')).json.count).toBe(1);
		} finally {
			await Promise.all([ok.close(), down.close(), other.close()]);
		}
	});

	it('with wait: false answers at once; state and subscriptions are inspectable', async () => {
		await subscribe('http://127.0.0.1:9/closed');
		await widget();
		const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'BTC', wait: false });
		expect(picked.json.webhooks).toBeNull();
		const state = await getJson(`${h.emu.url}/_control/calypso/state`);
		expect(state.json).toMatchObject({ widgets: [expect.any(Object)], invoices: [expect.any(Object)], events: [expect.objectContaining({ eventType: 'INVOICE_CREATE_UNLIMITED_INVOICE' })] });
		const subs = await getJson(`${h.emu.url}/_control/calypso/subscriptions`);
		expect(subs.json.subscriptions[0]).toMatchObject({ url: 'http://127.0.0.1:9/closed', secretKey: expect.any(String) });
	});

	it('serves the customer page of a widget link', async () => {
		await widget();
		const page = await fetch(`${h.emu.url}/pay?widgetKey=${uuid(1)}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Order 1042');
		expect((await fetch(`${h.emu.url}/pay?widgetKey=${uuid(2)}`)).status).toBe(404);
	});
});
