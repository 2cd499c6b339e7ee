// The Calypso status check: an invoice by id, or a widget by key with each of its invoices, read
// as paid (funds confirmed by totalDebitAmount), failed (declined, expired) or pending, from a
// context without node parameters.
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { checkCalypsoPayment } from '../../../../../nodes/Calypso/helpers/checkPayment';
import type { PaymentTarget } from '../../../../../nodes/shared/payment/check';
import { CALYPSO_CREDENTIALS, calypsoError, calypsoHttpHelper, ok, secretsIn, type Responder } from '../../../../fakes/calypso';
import { invoice, widget, WIDGET_KEY } from '../../Calypso/fixtures';
import { NODE, requestContext } from './contexts';

const INVOICE: PaymentTarget = { provider: 'calypso', kind: 'invoice', id: 'inv-000001' };
const WIDGET: PaymentTarget = { provider: 'calypso', kind: 'widget', id: WIDGET_KEY };

async function check(respond: Responder, target: PaymentTarget) {
	const { http, calls } = calypsoHttpHelper(NODE, respond, CALYPSO_CREDENTIALS);
	const ctx = requestContext({ calypsoApi: CALYPSO_CREDENTIALS }, http);
	const outcome = await checkCalypsoPayment(ctx, target, 11_000, 2).then(
		(result) => ({ result, error: undefined }),
		(error: Error) => ({ result: undefined, error }),
	);
	return { ...outcome, calls, timeouts: http.mock.calls.map((call) => (call[1] as { timeout?: number }).timeout) };
}

/** Calypso holding `found` as the widget and `invoices` by id. */
const widgetAccount =
	(found: IDataObject, invoices: IDataObject[]): Responder =>
	(call) => {
		if (call.path === '/api/v1/payment-widget/unlimited-linked/find') return ok(found);
		const wanted = invoices.find((entry) => entry.id === call.payload?.id);
		return wanted ? ok(wanted) : calypsoError(404, '004', 'Requested object not found');
	};

const listed = (...ids: string[]) => ids.map((id) => ({ invoiceId: id, cryptoCurrency: 'USDT_TRX', invoiceIdempotencyKey: `key-${id}`, invoiceExternalId: 'order-1042' }));

describe('Calypso status check: an invoice', () => {
	it('reads the invoice by id, with the timeout given', async () => {
		const { result, calls, timeouts } = await check(() => ok(invoice()), INVOICE);
		expect(calls.map((call) => [call.path, call.payload])).toEqual([['/api/v1/invoice', { id: 'inv-000001' }]]);
		expect(timeouts).toEqual([11_000]);
		expect(result).toMatchObject({ provider: 'calypso', outcome: 'pending', status: 'pending', providerStatus: 'PENDING_PAYMENT', reference: 'order-1042', event: null });
		expect(result?.details).toMatchObject({ invoiceId: 'inv-000001', invoiceState: 'PENDING_PAYMENT', invoiceType: 'UNLIMITED_LINKED', externalId: 'order-1042' });
		expect(result?.details).not.toHaveProperty('invoice');
	});

	it.each([
		['PAID fixed amount', 'paid', 'paid', { type: 'SINGLE', amount: 25.5, state: 'PAID', totalDebitAmount: 25.5, lastDepositHash: '0xabc' }],
		['COMPLETED', 'paid', 'paid', { type: 'SINGLE', amount: 25.5, state: 'COMPLETED', totalDebitAmount: 25.5, lastDepositHash: '0xabc' }],
		['widget invoice that received money', 'paid', 'paid', { state: 'PENDING_PAYMENT', totalDebitAmount: 12.5, lastDepositHash: '0xdef' }],
		['fixed amount partly received, not PAID', 'pending', 'pending', { type: 'SINGLE', amount: 25.5, state: 'PENDING_PAYMENT', totalDebitAmount: 10, lastDepositHash: '0x1' }],
		['seen in the mempool', 'pending', 'pending', { state: 'MEM_POOL_FOUND', lastDepositHash: '0x2' }],
		['in compliance review', 'pending', 'pending', { state: 'PENDING_COMPLIANCE_CHECK', lastDepositHash: '0x3' }],
		['over- or underpaid', 'other', 'pending', { type: 'SINGLE', amount: 25.5, state: 'PENDING_INTERVENTION', totalDebitAmount: 10, interventionType: 'UNDERPAY', lastDepositHash: '0x4' }],
		['declined by compliance', 'failed', 'failed', { state: 'DECLINED', lastDepositHash: '0x5' }],
		['expired without money', 'expired', 'failed', { state: 'ARCHIVED' }],
		['in a state Calypso does not document', 'other', 'pending', { state: 'REFUND_REQUESTED', totalDebitAmount: 0 }],
	])('%s → status %s, outcome %s', async (_label, status, outcome, fields: IDataObject) => {
		const { result } = await check(() => ok(invoice(fields)), INVOICE);
		expect(result).toMatchObject({ status, outcome, providerStatus: fields.state });
		expect(result?.event).toMatchObject({ provider: 'calypso', status, event: `invoice.${fields.state}`, details: { confirmed: true, verifiedBy: 'api' } });
	});

	it('a paid invoice\'s event carries the amount received, the deposit and an id that a later deposit changes', async () => {
		const first = await check(() => ok(invoice({ type: 'UNLIMITED', state: 'PENDING_PAYMENT', totalDebitAmount: '12.50', currency: 'USDT', lastDepositHash: '0xdef' })), INVOICE);
		expect(first.result?.event).toMatchObject({
			eventId: 'calypso:invoice:inv-000001:paid:0xdef',
			reference: 'order-1042',
			transactionId: '0xdef',
			amount: { value: 125, offset: 10, currency: 'USDT' },
			details: { invoiceId: 'inv-000001', totalReceived: '12.50', lastDepositHash: '0xdef' },
		});
		const second = await check(() => ok(invoice({ type: 'UNLIMITED', state: 'PENDING_PAYMENT', totalDebitAmount: '20', currency: 'USDT', lastDepositHash: '0x999' })), INVOICE);
		expect(second.result?.event?.eventId).toBe('calypso:invoice:inv-000001:paid:0x999');
	});

	it('a Calypso error is a NodeApiError with its code, naming the item, without the keys', async () => {
		const { error, calls } = await check(() => calypsoError(404, '004', 'Requested object not found'), INVOICE);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context).toMatchObject({ providerCode: '004', itemIndex: 2 });
		expect(secretsIn(error, calls)).toEqual([]);
	});

	it('an empty id is refused before anything is sent', async () => {
		const { error, calls } = await check(() => ok(invoice()), { ...INVOICE, id: '  ' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(calls).toHaveLength(0);
	});
});

describe('Calypso status check: a payment widget', () => {
	it('finds the widget by its key and reads each of its invoices', async () => {
		const invoices = [invoice({ id: 'inv-1', state: 'ARCHIVED' }), invoice({ id: 'inv-2' })];
		const { result, calls } = await check(widgetAccount(widget({ invoices: listed('inv-1', 'inv-2') }), invoices), WIDGET);
		expect(calls.map((call) => call.payload)).toEqual([{ requestId: WIDGET_KEY }, { id: 'inv-1' }, { id: 'inv-2' }]);
		expect(result).toMatchObject({ outcome: 'pending', status: 'pending', providerStatus: 'IN_PROGRESS', reference: 'order-1042', event: null });
		expect(result?.details).toMatchObject({
			widgetKey: WIDGET_KEY,
			widgetState: 'IN_PROGRESS',
			invoices: [
				{ invoiceId: 'inv-1', state: 'ARCHIVED', status: 'expired' },
				{ invoiceId: 'inv-2', state: 'PENDING_PAYMENT', status: 'pending' },
			],
		});
	});

	it('a widget nobody picked a currency on is pending, read with one request', async () => {
		const { result, calls } = await check(widgetAccount(widget(), []), WIDGET);
		expect(calls).toHaveLength(1);
		expect(result).toMatchObject({ outcome: 'pending', event: null, details: { invoiceId: null, invoices: [] } });
	});

	it('paid once one of its invoices received money, with that invoice\'s event', async () => {
		const invoices = [invoice({ id: 'inv-1', state: 'ARCHIVED' }), invoice({ id: 'inv-2', state: 'PAID', totalDebitAmount: 25, lastDepositHash: '0xabc' })];
		const { result } = await check(widgetAccount(widget({ widgetState: 'COMPLETED', invoices: listed('inv-1', 'inv-2') }), invoices), WIDGET);
		expect(result).toMatchObject({ outcome: 'paid', status: 'paid', providerStatus: 'COMPLETED', details: { invoiceId: 'inv-2', invoiceState: 'PAID', totalReceived: '25' } });
		expect(result?.event).toMatchObject({ eventId: 'calypso:invoice:inv-2:paid:0xabc', status: 'paid', reference: 'order-1042' });
	});

	it('failed when an invoice was declined', async () => {
		const { result } = await check(widgetAccount(widget({ invoices: listed('inv-1') }), [invoice({ id: 'inv-1', state: 'DECLINED', lastDepositHash: '0x5' })]), WIDGET);
		expect(result).toMatchObject({ outcome: 'failed', status: 'failed' });
	});

	it('failed with status expired once the widget is ARCHIVED without a payment', async () => {
		const { result } = await check(widgetAccount(widget({ widgetState: 'ARCHIVED', invoices: listed('inv-1') }), [invoice({ id: 'inv-1', state: 'ARCHIVED' })]), WIDGET);
		expect(result).toMatchObject({ outcome: 'failed', status: 'expired', providerStatus: 'ARCHIVED' });
		expect(result?.event).toMatchObject({ eventId: `calypso:widget:${WIDGET_KEY}:expired`, event: 'widget.ARCHIVED', status: 'expired', reference: 'order-1042' });
	});

	it('an over- or underpaid invoice keeps the widget pending (a person must look), with its event', async () => {
		const odd = invoice({ id: 'inv-1', state: 'PENDING_INTERVENTION', interventionType: 'OVERPAY', totalDebitAmount: 40, lastDepositHash: '0x6' });
		const { result } = await check(widgetAccount(widget({ invoices: listed('inv-1') }), [odd]), WIDGET);
		expect(result).toMatchObject({ outcome: 'pending', status: 'other' });
		expect(result?.event?.status).toBe('other');
	});

	it('a widget invoice the widget lists but Calypso does not know is Calypso\'s 004', async () => {
		const { error } = await check(widgetAccount(widget({ invoices: listed('inv-9') }), []), WIDGET);
		expect((error as NodeApiError).context?.providerCode).toBe('004');
	});
});
