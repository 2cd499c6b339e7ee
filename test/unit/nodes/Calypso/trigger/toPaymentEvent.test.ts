import { calypsoError, ok } from '../../../../fakes/calypso';
import { invoice } from '../fixtures';
import { invoiceDelivery, paidInvoice, receiveDelivery, SUBSCRIPTION } from '../contexts';

describe('the normalized event (confirmed with an invoice lookup)', () => {
	it('reads the invoice by the event\'s idempotency key and reports its state, the order reference and the amount received', async () => {
		const body = invoiceDelivery();
		const { events, calls } = await receiveDelivery({ body, respond: () => ok(paidInvoice({ amount: 25.5, totalDebitAmount: '25.500000' })) });
		expect(calls.map((c) => [c.path, c.payload])).toEqual([['/api/v1/invoice', { idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' }]]);
		expect(events[0]).toEqual({
			eventId: `calypso:${String(body.id)}`,
			provider: 'calypso',
			event: 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE',
			status: 'paid',
			reference: 'order-1042',
			transactionId: '0xabc',
			amount: { value: 255, offset: 10, currency: 'USDT_TRX' },
			occurredAt: '2026-01-02T10:11:12.345Z',
			details: expect.objectContaining({
				invoiceId: 'inv-000001',
				invoiceState: 'PAID',
				invoiceType: 'UNLIMITED_LINKED',
				externalId: 'order-1042',
				parentExternalId: 'order-1042',
				amount: '25.5',
				totalReceived: '25.500000',
				webhookStatus: 'paid',
				subscriptionRequestId: SUBSCRIPTION.requestId,
				confirmed: true,
				verifiedBy: 'api',
				invoice: expect.objectContaining({ state: 'PAID' }),
			}),
			raw: body,
		});
	});

	it('uses the event id for eventId, the same on every redelivery', async () => {
		const { events } = await receiveDelivery({ body: invoiceDelivery('INVOICE_PAID', {}, 4242) });
		expect(events[0].eventId).toBe('calypso:4242');
	});

	it.each([
		['no event id', undefined],
		['an empty event id', ''],
	])('answers 400 to a delivery with %s, never giving it an id other events could share', async (_name, id) => {
		const body = { ...invoiceDelivery('INVOICE_PAID'), id };
		const { response, result, calls } = await receiveDelivery({ body });
		expect(response).toMatchObject({ statusCode: 400, body: { error: 'Bad Request', message: 'The delivery has no event id' } });
		expect(result.workflowData).toBeUndefined();
		expect(calls).toHaveLength(0);
	});

	it('a widget invoice that has received money is paid on FUNDS_RECEIVED even before its state moves', async () => {
		const { events } = await receiveDelivery({ respond: () => ok(invoice({ state: 'PENDING_PAYMENT', type: 'UNLIMITED_LINKED', totalDebitAmount: 25.5 })) });
		expect(events[0].status).toBe('paid');
	});

	it('a fixed-amount invoice that Calypso has not marked paid stays pending, whatever the event claims', async () => {
		const { events } = await receiveDelivery({ respond: () => ok(invoice({ state: 'PENDING_PAYMENT', type: 'SINGLE', amount: 25.5, totalDebitAmount: 25.5 })) });
		expect(events[0]).toMatchObject({ status: 'pending', details: { webhookStatus: 'paid', confirmed: true } });
	});

	it('a late "created" event for a paid invoice is not a payment', async () => {
		const { events } = await receiveDelivery({ body: invoiceDelivery('INVOICE_CREATE_UNLIMITED_INVOICE') });
		expect(events[0].status).toBe('pending');
	});

	it.each([
		['PENDING_INTERVENTION', 'INVOICE_PENDING_INTERVENTION', { interventionType: 'UNDERPAY', totalDebitAmount: 10 }, 'other'],
		['DECLINED', 'INVOICE_COMPLIANCE_DECLINED', {}, 'failed'],
		['ARCHIVED', 'INVOICE_EXPIRED', { totalDebitAmount: 0 }, 'expired'],
		['MEM_POOL_FOUND', 'INVOICE_MEMPOOL_FOUND', { totalDebitAmount: 0 }, 'pending'],
		['COMPLETED', 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED', {}, 'paid'],
		['SOMETHING_NEW', 'INVOICE_PAID', { totalDebitAmount: 0, type: 'SINGLE' }, 'other'],
	])('invoice state %s on %s → %s', async (state, eventType, fields, status) => {
		const { events } = await receiveDelivery({ body: invoiceDelivery(eventType), respond: () => ok(invoice({ state, ...fields })) });
		expect(events[0].status).toBe(status);
	});

	it('falls back to the invoice id when the event has no idempotency key', async () => {
		const { calls } = await receiveDelivery({ body: invoiceDelivery('INVOICE_PAID', { idempotencyKey: undefined, invoiceId: 'inv-000077' }) });
		expect(calls[0].payload).toEqual({ id: 'inv-000077' });
	});

	it('a lookup Calypso fails (5xx) is answered 503 with a short body, asked once, and Calypso delivers again later', async () => {
		const { response, result, calls, logger } = await receiveDelivery({ respond: () => calypsoError(500, '000', 'Internal server error') });
		expect(calls).toHaveLength(1);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({
			statusCode: 503,
			body: { error: 'Service Unavailable', message: 'The event could not be confirmed with the payment provider now; deliver it again later' },
		});
		expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Calypso error 000: Internal server error'), expect.anything());
	});

	it('an invoice Calypso does not know (004) is answered 422 and starts nothing', async () => {
		const { response, result } = await receiveDelivery({ respond: () => calypsoError(400, '004', 'Requested object not found') });
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ statusCode: 422, body: { error: 'Unprocessable Entity' } });
	});

	it('a lookup that gets no answer is answered 503', async () => {
		const { response } = await receiveDelivery({ respond: () => ({ networkError: 'socket hang up', code: 'ECONNRESET' }) });
		expect(response).toMatchObject({ statusCode: 503, body: { error: 'Service Unavailable' } });
	});

	it('keeps an amount it cannot represent exactly as its decimal text', async () => {
		const { events } = await receiveDelivery({ respond: () => ok(paidInvoice({ currency: 'ETH', totalDebitAmount: '1.123456789012345678' })) });
		expect(events[0].amount).toBeNull();
		expect(events[0].details).toMatchObject({ amountDecimal: '1.123456789012345678', totalReceived: '1.123456789012345678' });
	});
});

describe('without invoice lookup: what the event says', () => {
	it.each([
		['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'paid'],
		['INVOICE_PAID', 'paid'],
		['INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED', 'paid'],
		['INVOICE_PENDING_INTERVENTION', 'other'],
		['INVOICE_EXPIRED', 'expired'],
		['INVOICE_COMPLIANCE_DECLINED', 'failed'],
		['INVOICE_MEMPOOL_FOUND', 'pending'],
		['INVOICE_PENDING_COMPLIANCE', 'pending'],
		['INVOICE_CREATE_INVOICE', 'pending'],
		['INVOICE_CREATE_UNLIMITED_INVOICE', 'pending'],
		['PAYOUT_CONFIRMED', 'other'],
	])('%s → %s, asking Calypso nothing', async (eventType, status) => {
		const { events, calls } = await receiveDelivery({ body: invoiceDelivery(eventType), options: { confirmWithInvoiceLookup: false } });
		expect(calls).toHaveLength(0);
		expect(events[0]).toMatchObject({ status, details: { confirmed: false, verifiedBy: 'signature' } });
	});

	it('takes the amount, currency and a numeric external id from the event', async () => {
		const { events } = await receiveDelivery({
			body: invoiceDelivery('INVOICE_PAID', { parentExternalId: 3, externalId: undefined, amount: 0.01, currency: 'ETH' }),
			options: { confirmWithInvoiceLookup: false },
		});
		expect(events[0]).toMatchObject({ reference: '3', amount: { value: 1, offset: 100, currency: 'ETH' } });
	});
});
