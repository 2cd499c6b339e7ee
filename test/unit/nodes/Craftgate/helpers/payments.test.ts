import { linkPaymentStatus, linkReference, paymentFitsLink, type CraftgatePayment } from '../../../../../nodes/Craftgate/helpers/payments';

describe('payment status', () => {
	const link = { id: 1, soldCount: 0, orderId: 'o-1' };
	const status = (product: typeof link, payments: CraftgatePayment[], others: number[] = []) => linkPaymentStatus(product, payments, others);
	it('paid from soldCount alone, with the successful payment when it is unambiguous', () => {
		expect(status({ ...link, soldCount: 1 }, [])).toEqual({ status: 'paid', ambiguousMatch: false, successfulPayment: null, lastFailure: null });
		const paid = status({ ...link, soldCount: 1 }, [{ id: 1, paymentStatus: 'FAILURE' }, { id: 2, paymentStatus: 'SUCCESS' }]);
		expect(paid).toMatchObject({ status: 'paid', ambiguousMatch: false, successfulPayment: { id: 2 }, lastFailure: { id: 1 } });
	});
	it('never paid while soldCount is 0: a successful payment is then another link\'s, so ambiguous', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }, { paymentStatus: 'SUCCESS' }])).toEqual({
			status: 'pending',
			ambiguousMatch: true,
			successfulPayment: null,
			lastFailure: null,
		});
	});
	it('with another link sharing the reference: paid or pending from soldCount, never failed', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }], [2])).toMatchObject({ status: 'pending', ambiguousMatch: true, lastFailure: null });
		expect(status({ ...link, soldCount: 1 }, [{ id: 3, paymentStatus: 'SUCCESS' }], [2])).toMatchObject({ status: 'paid', ambiguousMatch: true, successfulPayment: null });
	});
	it('a SUCCESS carrying a paymentError is not paid', () => {
		expect(status(link, [{ paymentStatus: 'SUCCESS', paymentError: { errorCode: '10051' } }]).status).toBe('failed');
	});
	it('failed with only failed attempts, pending otherwise', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }]).status).toBe('failed');
		expect(status(link, [{ paymentStatus: 'WAITING' }, { paymentStatus: 'INIT_THREEDS' }]).status).toBe('pending');
		expect(status(link, []).status).toBe('pending');
	});
	it('a payment fits a link with the same price and currency', () => {
		const product = { id: 1, price: 149.9, currency: 'TRY' };
		expect(paymentFitsLink({ price: 149.9, currency: 'TRY' }, product)).toBe(true);
		expect(paymentFitsLink({ price: 20, currency: 'TRY' }, product)).toBe(false);
		expect(paymentFitsLink({ price: 149.9, currency: 'USD' }, product)).toBe(false);
		expect(paymentFitsLink({ currency: 'TRY' }, product)).toBe(false);
	});
	it('looks payments up by order id, else conversation id, else external id', () => {
		expect(linkReference({ id: 1, orderId: 'o', conversationId: 'c' })).toEqual({ field: 'orderId', value: 'o' });
		expect(linkReference({ id: 1, orderId: '', conversationId: 'c' })).toEqual({ field: 'conversationId', value: 'c' });
		expect(linkReference({ id: 1, externalId: 'e' })).toEqual({ field: 'externalId', value: 'e' });
		expect(linkReference({ id: 1 })).toBeUndefined();
	});
});
