import type { IDataObject } from 'n8n-workflow';
import { CraftgateLink } from '../../../../nodes/Craftgate/CraftgateLink.node';
import { createCraftgateExecuteContext, ok, type Responder } from '../../helpers/craftgateExecuteContext';
import { payment, PRODUCT } from './fixtures';

const node = new CraftgateLink();
const parameters = (options: IDataObject = {}): IDataObject => ({ resource: 'link', operation: 'getPaymentStatus', linkId: '12', options });

function craftgate(product: IDataObject, payments: IDataObject[]): Responder {
	return (call) => {
		if (call.path === '/craftlink/v1/products/12') return ok(product);
		if (call.path === '/payment-reporting/v1/payments') return ok({ page: 0, size: 50, totalSize: payments.length, items: payments });
		return { status: 404, body: { errors: { errorCode: '1', errorDescription: 'unexpected call' } } };
	};
}

async function status(product: IDataObject, payments: IDataObject[], options?: IDataObject) {
	const context = createCraftgateExecuteContext({ parameters: parameters(options), respond: craftgate(product, payments) });
	const [[item]] = await node.execute.call(context.ctx);
	return { json: item.json, calls: context.calls, pairedItem: item.pairedItem };
}

describe('Get Payment Status', () => {
	afterEach(() => jest.useRealTimers());

	it('searches PAY_BY_LINK payments by the link\'s order id', async () => {
		const { calls, pairedItem } = await status(PRODUCT, []);
		expect(calls.map((c) => c.path)).toEqual(['/craftlink/v1/products/12', '/payment-reporting/v1/payments']);
		expect(calls[1].url.search).toBe('?paymentSource=PAY_BY_LINK&orderId=ord-1&page=0&size=50');
		expect(pairedItem).toEqual({ item: 0 });
	});

	it('falls back to the conversation id, and makes no search when the link has no reference', async () => {
		const byConversation = await status({ ...PRODUCT, orderId: undefined }, []);
		expect(byConversation.calls[1].query).toMatchObject({ conversationId: 'conv-1' });
		expect(byConversation.json.matchedBy).toBe('conversationId');
		const none = await status({ ...PRODUCT, orderId: undefined, conversationId: undefined }, []);
		expect(none.calls).toHaveLength(1);
		expect(none.json).toMatchObject({ status: 'pending', matchedBy: null, payments: [] });
	});

	it('paid from the sold count alone', async () => {
		const { json } = await status({ ...PRODUCT, soldCount: 1 }, []);
		expect(json).toMatchObject({ linkId: 12, status: 'paid', paid: true, soldCount: 1 });
	});

	it('paid from a successful payment, returning it', async () => {
		const { json } = await status(PRODUCT, [payment({ id: 1, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051' } }), payment({ id: 2 })]);
		expect(json).toMatchObject({ status: 'paid', paid: true, successfulPaymentId: 2, paymentCount: 2 });
		expect((json.payments as IDataObject[]).map((p) => p.id)).toEqual([1, 2]);
	});

	it('failed when only failed attempts exist, with the newest error', async () => {
		const { json } = await status(PRODUCT, [
			payment({ id: 7, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' } }),
			payment({ id: 5, paymentStatus: 'FAILURE', paymentError: { errorCode: '10012' } }),
		]);
		expect(json).toMatchObject({ status: 'failed', paid: false, successfulPaymentId: null, lastError: { errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
	});

	it('pending (not paid yet) while nothing has happened or a 3-D Secure payment is under way', async () => {
		expect((await status(PRODUCT, [])).json.status).toBe('pending');
		expect((await status(PRODUCT, [payment({ paymentStatus: 'INIT_THREEDS' })])).json.status).toBe('pending');
	});

	it('says whether the link has expired, reading expiresAt in the expiry time zone', async () => {
		jest.useFakeTimers({ now: new Date('2025-06-30T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
		const product = { ...PRODUCT, expiresAt: '2025-06-30T14:30:00' };
		expect((await status(product, [])).json.expired).toBe(true);
		expect((await status(product, [], { expiryTimeZone: 'UTC' })).json.expired).toBe(false);
		expect((await status({ ...PRODUCT, expiresAt: undefined }, [])).json.expired).toBe(false);
	});

	it('can leave the payments out', async () => {
		const { json } = await status(PRODUCT, [payment()], { includePayments: false });
		expect(json).not.toHaveProperty('payments');
		expect(json.status).toBe('paid');
	});
});
