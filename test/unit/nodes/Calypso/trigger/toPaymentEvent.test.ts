import type { IDataObject } from 'n8n-workflow';
import { CalypsoTrigger } from '../../../../nodes/Calypso/CalypsoTrigger.node';
import { calypsoError, ok, type Responder } from './fakeCalypso';
import { invoice } from './fixtures';
import { calypsoContext, N8N_URL, SUBSCRIPTION, webhookSign } from './triggerContext';

const trigger = new CalypsoTrigger();
let nextNode = 0;
let nextEvent = 100;

function delivery(eventType = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE', data: IDataObject = {}, id = ++nextEvent): IDataObject {
	return {
		requestId: SUBSCRIPTION.requestId,
		id,
		createdDate: '2026-01-02T10:11:12.345678',
		level: 'SUCCESS',
		service: 'INVOICE',
		eventType,
		data: {
			parentExternalId: 'order-1042',
			externalId: 'order-1042',
			amount: 25.5,
			currency: 'USDT_TRX',
			message: 'Order 1042',
			createdDate: '2026-01-02T10:11:10.000000',
			type: eventType,
			idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
			...data,
		},
	};
}

interface ReceiveOptions {
	body?: IDataObject;
	rawBody?: string;
	/** The Key header; null leaves it out. */
	key?: string | null;
	/** The Sign header (default: the right one for rawBody); null leaves it out. */
	sign?: string | null;
	options?: IDataObject;
	nodeParameters?: IDataObject;
	staticData?: IDataObject;
	respond?: Responder;
	nodeId?: string;
}

const paidInvoice = (fields: IDataObject = {}) => invoice({ state: 'PAID', amount: 25.5, totalDebitAmount: 25.5, lastDepositHash: '0xabc', ...fields });

async function receive(o: ReceiveOptions = {}) {
	const body = o.body ?? delivery();
	const rawBody = o.rawBody ?? JSON.stringify(body);
	const headers: Record<string, string> = {};
	const key = o.key === undefined ? SUBSCRIPTION.publicKey : o.key;
	const sign = o.sign === undefined ? webhookSign(rawBody) : o.sign;
	if (key !== null) headers.Key = key;
	if (sign !== null) headers.Sign = sign;
	const context = calypsoContext({
		body,
		rawBody,
		headers,
		nodeId: o.nodeId ?? `calypso-trigger-${++nextNode}`,
		nodeParameters: o.nodeParameters ?? { subscribeTo: 'allInvoiceEvents', options: o.options ?? {} },
		staticData: o.staticData ?? { ...SUBSCRIPTION, url: N8N_URL },
		respond: o.respond ?? (() => ok(paidInvoice())),
	});
	const result = await trigger.webhook.call(context.ctx);
	const events = (result.workflowData?.[0] ?? []).map((item) => item.json);
	return { ...context, result, events };
}

describe('authenticity', () => {
	it('emits one event for a delivery signed with the subscription keys', async () => {
		const { events, response } = await receive();
		expect(events).toHaveLength(1);
		expect(response.ended).toBe(false);
	});

	it.each<[string, ReceiveOptions]>([
		['a Sign made with the API secret instead of the subscription secret', { sign: webhookSign(JSON.stringify(delivery(undefined, {}, 5)), 'unit-calypso-secret-value'), body: delivery(undefined, {}, 5) }],
		['a Sign over other bytes', { sign: webhookSign('{"id":1}') }],
		['no Sign', { sign: null }],
		['another Key', { key: 'someone-else' }],
		['no Key', { key: null }],
		['no keys stored (never activated)', { staticData: {} }],
	])('answers 401 and starts nothing for %s, without asking Calypso', async (_name, options) => {
		const { result, response, calls } = await receive(options);
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ error: 'Unauthorized' });
		expect(result.workflowData).toBeUndefined();
		expect(calls).toHaveLength(0);
	});

	it('verifies the raw bytes, not a re-serialization (spaces kept)', async () => {
		const body = delivery();
		const rawBody = JSON.stringify(body, null, 2);
		expect((await receive({ body, rawBody })).events).toHaveLength(1);
		expect((await receive({ body, rawBody, sign: webhookSign(JSON.stringify(body)) })).response.statusCode).toBe(401);
	});

	it('accepts an upper-case hex Sign', async () => {
		const rawBody = JSON.stringify(delivery());
		expect((await receive({ rawBody, body: JSON.parse(rawBody), sign: webhookSign(rawBody).toUpperCase() })).events).toHaveLength(1);
	});

	it('answers 400 to an authentic body it cannot read', async () => {
		const { response, result } = await receive({ rawBody: '{"id":5}', body: { id: 5 } });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ error: 'Bad Request', message: 'The delivery has no eventType' });
		expect(result.workflowData).toBeUndefined();
	});
});

describe('the normalized event (confirmed with an invoice lookup)', () => {
	it('reads the invoice by the event\'s idempotency key and reports its state, the order reference and the amount received', async () => {
		const { events, calls } = await receive({ respond: () => ok(paidInvoice({ amount: 25.5, totalDebitAmount: '25.500000' })) });
		expect(calls.map((c) => [c.path, c.payload])).toEqual([['/api/v1/invoice', { idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' }]]);
		const body = delivery();
		expect(events[0]).toEqual({
			eventId: expect.stringMatching(/^calypso:\d+$/),
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
			raw: { ...body, id: expect.any(Number) },
		});
	});

	it('uses the event id for eventId, the same on every redelivery', async () => {
		const { events } = await receive({ body: delivery('INVOICE_PAID', {}, 4242) });
		expect(events[0].eventId).toBe('calypso:4242');
	});

	it('a widget invoice that has received money is paid on FUNDS_RECEIVED even before its state moves', async () => {
		const { events } = await receive({ respond: () => ok(invoice({ state: 'PENDING_PAYMENT', type: 'UNLIMITED_LINKED', totalDebitAmount: 25.5 })) });
		expect(events[0].status).toBe('paid');
	});

	it('a fixed-amount invoice that Calypso has not marked paid stays pending, whatever the event claims', async () => {
		const { events } = await receive({ respond: () => ok(invoice({ state: 'PENDING_PAYMENT', type: 'SINGLE', amount: 25.5, totalDebitAmount: 25.5 })) });
		expect(events[0]).toMatchObject({ status: 'pending', details: { webhookStatus: 'paid', confirmed: true } });
	});

	it('a late "created" event for a paid invoice is not a payment', async () => {
		const { events } = await receive({ body: delivery('INVOICE_CREATE_UNLIMITED_INVOICE') });
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
		const { events } = await receive({ body: delivery(eventType), respond: () => ok(invoice({ state, ...fields })) });
		expect(events[0].status).toBe(status);
	});

	it('falls back to the invoice id when the event has no idempotency key', async () => {
		const { calls } = await receive({ body: delivery('INVOICE_PAID', { idempotencyKey: undefined, invoiceId: 'inv-000077' }) });
		expect(calls[0].payload).toEqual({ id: 'inv-000077' });
	});

	it('a failed lookup throws NodeApiError, so n8n answers 500 and Calypso delivers again later', async () => {
		await expect(receive({ respond: () => calypsoError(500, '000', 'Internal server error') })).rejects.toThrow('Calypso error 000: Internal server error');
	});

	it('keeps an amount it cannot represent exactly as its decimal text', async () => {
		const { events } = await receive({ respond: () => ok(paidInvoice({ currency: 'ETH', totalDebitAmount: '1.123456789012345678' })) });
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
		const { events, calls } = await receive({ body: delivery(eventType), options: { confirmWithInvoiceLookup: false } });
		expect(calls).toHaveLength(0);
		expect(events[0]).toMatchObject({ status, details: { confirmed: false, verifiedBy: 'signature' } });
	});

	it('takes the amount, currency and a numeric external id from the event', async () => {
		const { events } = await receive({
			body: delivery('INVOICE_PAID', { parentExternalId: 3, externalId: undefined, amount: 0.01, currency: 'ETH' }),
			options: { confirmWithInvoiceLookup: false },
		});
		expect(events[0]).toMatchObject({ reference: '3', amount: { value: 1, offset: 100, currency: 'ETH' } });
	});
});

describe('event filter and redeliveries', () => {
	it('ignores events not selected: 200, no execution, no lookup', async () => {
		const { result, response, calls } = await receive({
			body: delivery('INVOICE_CREATE_UNLIMITED_INVOICE'),
			nodeParameters: { subscribeTo: 'selectedEvents', events: ['INVOICE_PAID'], options: {} },
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(200);
		expect(calls).toHaveLength(0);
	});

	it('runs an event id once; a redelivery gets 200 and starts nothing', async () => {
		const body = delivery('INVOICE_PAID', {}, 777001);
		const first = await receive({ body, nodeId: 'dedup-node' });
		const again = await receive({ body, nodeId: 'dedup-node' });
		expect(first.events).toHaveLength(1);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
	});

	it('runs redeliveries again when "Ignore Redeliveries" is off', async () => {
		const body = delivery('INVOICE_PAID', {}, 777002);
		const options = { ignoreRedeliveries: false };
		expect((await receive({ body, nodeId: 'no-dedup', options })).events).toHaveLength(1);
		expect((await receive({ body, nodeId: 'no-dedup', options })).events).toHaveLength(1);
	});

	it('a forged redelivery of a known event id is still a 401', async () => {
		const body = delivery('INVOICE_PAID', {}, 777003);
		await receive({ body, nodeId: 'forged' });
		expect((await receive({ body, nodeId: 'forged', sign: 'ab'.repeat(64) })).response.statusCode).toBe(401);
	});
});
