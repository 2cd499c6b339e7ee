// The 360dialog status check: its payment lookup read as paid / failed / pending, every status
// 360dialog documents and one it does not, from a context without node parameters.
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { checkDialog360Payment } from '../../../../../nodes/Dialog360/helpers/checkPayment';
import type { PaymentTarget } from '../../../../../nodes/shared/payment/check';
import { fakeDialog360, graphError, paymentsAnswer, TEST_CREDENTIALS, type Responder } from '../../../../fakes/dialog360';
import { requestContext } from './contexts';

const TARGET: PaymentTarget = { provider: '360dialog', paymentConfiguration: 'cfg-razorpay', referenceId: 'ORDER-77' };

const transaction = (fields: IDataObject = {}): IDataObject => ({
	id: 'pay_Q1',
	type: 'razorpay',
	status: 'success',
	created_timestamp: 1_700_000_000,
	updated_timestamp: 1_700_000_060,
	amount: { value: 46000, offset: 100 },
	currency: 'INR',
	method: { type: 'upi' },
	refunds: null,
	...fields,
});

const payment = (status: string, transactions: IDataObject[] = [], fields: IDataObject = {}): IDataObject => ({
	reference_id: 'ORDER-77',
	status,
	currency: 'INR',
	amount: { value: 46000, offset: 100 },
	transactions,
	...fields,
});

async function check(respond: Responder, target: PaymentTarget = TARGET, timeoutMs = 9_000) {
	const { http, calls } = fakeDialog360(respond);
	const ctx = requestContext({ dialog360Api: TEST_CREDENTIALS }, http);
	const outcome = await checkDialog360Payment(ctx, target, timeoutMs, 3).then(
		(result) => ({ result, error: undefined }),
		(error: Error) => ({ result: undefined, error }),
	);
	return { ...outcome, calls };
}

describe('360dialog status check', () => {
	it('asks the documented lookup path with the timeout given, as a read', async () => {
		const { result, calls } = await check(() => paymentsAnswer(payment('new')));
		expect(calls.map((call) => [call.method, call.path])).toEqual([['GET', '/v1/payments/cfg-razorpay/ORDER-77']]);
		expect(calls[0].options?.timeout).toBe(9_000);
		expect(result).toMatchObject({ provider: '360dialog', reference: 'ORDER-77', outcome: 'pending', status: 'pending', providerStatus: 'new', event: null });
		expect(Date.parse(result!.checkedAt)).not.toBeNaN();
	});

	it('uses the other lookup path when the target names it', async () => {
		const { calls } = await check(() => paymentsAnswer(payment('new')), { ...TARGET, lookupPath: '/payments' });
		expect(calls[0].path).toBe('/payments/cfg-razorpay/ORDER-77');
	});

	it.each([
		['captured', 'paid', 'paid', [transaction()]],
		['captured', 'refunded', 'failed', [transaction({ refunds: [{ id: 'rfnd_1', status: 'processed', amount: { value: 46000, offset: 100 } }] })]],
		['failed', 'failed', 'failed', [transaction({ status: 'failed', error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' } })]],
		['canceled', 'canceled', 'failed', []],
		['pending', 'pending', 'pending', [transaction({ status: 'pending' })]],
		['new', 'pending', 'pending', []],
		['authorized_later', 'other', 'pending', [transaction({ status: 'success' })]],
	])('360dialog %s → status %s, outcome %s', async (providerStatus, status, outcome, transactions) => {
		const { result } = await check(() => paymentsAnswer(payment(providerStatus, transactions)));
		expect(result).toMatchObject({ outcome, status, providerStatus });
	});

	it('a status it does not know is never paid, even with a successful transaction', async () => {
		const { result } = await check(() => paymentsAnswer(payment('CAPTURED_MAYBE', [transaction()])));
		expect(result).toMatchObject({ outcome: 'pending', status: 'other' });
	});

	it('reports a payment as the trigger\'s event shape, with an id of its own that changes with the state', async () => {
		const paid = await check(() => paymentsAnswer(payment('captured', [transaction({ status: 'pending', id: 'pay_A', updated_timestamp: 1 }), transaction()])));
		expect(paid.result?.event).toEqual({
			eventId: '360dialog:payment:cfg-razorpay:ORDER-77:captured:pay_Q1',
			provider: '360dialog',
			event: 'payment.captured',
			status: 'paid',
			reference: 'ORDER-77',
			transactionId: 'pay_Q1',
			amount: { value: 46000, offset: 100, currency: 'INR' },
			occurredAt: new Date(1_700_000_060 * 1000).toISOString(),
			details: expect.objectContaining({ category: 'payment', lookupStatus: 'captured', paymentConfiguration: 'cfg-razorpay', transactionStatus: 'success', gateway: 'razorpay', method: 'upi', confirmed: true, verifiedBy: 'api' }),
			raw: expect.objectContaining({ reference_id: 'ORDER-77', status: 'captured' }),
		});
		expect(paid.result?.details).toMatchObject({ paymentConfiguration: 'cfg-razorpay', referenceId: 'ORDER-77', transactionId: 'pay_Q1', amount: { value: 46000, offset: 100, currency: 'INR' } });
		const refunded = await check(() => paymentsAnswer(payment('captured', [transaction({ refunds: [{ id: 'rfnd_1', status: 'processed' }] })])));
		expect(refunded.result?.event?.eventId).toBe('360dialog:payment:cfg-razorpay:ORDER-77:captured:pay_Q1:refund-rfnd_1-processed');
		expect(refunded.result?.event?.status).toBe('refunded');
	});

	it('a provider error is a NodeApiError with 360dialog\'s code, naming the item, without the API key', async () => {
		const { error } = await check(() => graphError(403, 131005, 'Access denied for key test-d360-key-0001', 'D360-API-KEY test-d360-key-0001 may not read payments'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect((error as NodeApiError).context).toMatchObject({ providerCode: '131005', itemIndex: 3 });
		const text = JSON.stringify({ message: error?.message, description: (error as NodeApiError).description, context: (error as NodeApiError).context });
		expect(text).not.toContain(String(TEST_CREDENTIALS.apiKey));
	});

	it('an empty payments list says no payment is known for that reference', async () => {
		const { error } = await check(() => paymentsAnswer());
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toContain('no payment is known for reference_id "ORDER-77"');
	});

	it('a 5xx is tried again: a read', async () => {
		let answers = 0;
		const { result, calls } = await check(() => (answers++ === 0 ? { status: 503, body: { error: { message: 'busy', code: 1 } } } : paymentsAnswer(payment('captured', [transaction()]))));
		expect(calls).toHaveLength(2);
		expect(result?.outcome).toBe('paid');
	});

	it('refuses a reference that could not have been sent, before any request', async () => {
		const { error, calls } = await check(() => paymentsAnswer(payment('new')), { ...TARGET, referenceId: 'ORDER 77/..' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(calls).toHaveLength(0);
	});
});
