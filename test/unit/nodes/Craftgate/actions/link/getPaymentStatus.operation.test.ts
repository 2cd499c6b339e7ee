import type { IDataObject } from 'n8n-workflow';
import { FakeCraftgate, ok, payment, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

const parameters = (options: IDataObject = {}): IDataObject => ({ resource: 'link', operation: 'getPaymentStatus', linkId: '12', options });

/** Get Payment Status of link 12 (`product`) in a Craftgate account also holding `otherLinks` and `payments`. */
async function status(product: IDataObject, payments: IDataObject[], options?: IDataObject, otherLinks: IDataObject[] = []) {
	const fake = new FakeCraftgate({ products: [product, ...otherLinks], payments });
	const { output, error } = await runCraftgate(parameters(options), { fake });
	if (error) throw error;
	const [item] = output;
	return { json: item.json, calls: fake.calls, pairedItem: item.pairedItem };
}

const sold = { ...PRODUCT, soldCount: 1 };
/** Link 10: an earlier order in the same chat that reused order id ord-1 and was paid. */
const earlierLink = { ...PRODUCT, id: 10, price: 20, soldCount: 1 };

describe('Get Payment Status', () => {
	afterEach(() => jest.useRealTimers());

	it('searches PAY_BY_LINK payments, then other links, by the link\'s order id', async () => {
		const { calls, pairedItem } = await status(PRODUCT, []);
		expect(calls.map((c) => c.path)).toEqual(['/craftlink/v1/products/12', '/payment-reporting/v1/payments', '/craftlink/v1/products']);
		expect(calls[1].url.search).toBe('?paymentSource=PAY_BY_LINK&orderId=ord-1&page=0&size=50');
		expect(calls[2].url.search).toBe('?orderId=ord-1&page=0&size=10');
		expect(pairedItem).toEqual({ item: 0 });
	});

	it('falls back to the conversation id, and makes no search when the link has no reference', async () => {
		const byConversation = await status({ ...PRODUCT, orderId: undefined }, []);
		expect(byConversation.calls[1].query).toMatchObject({ conversationId: 'conv-1' });
		expect(byConversation.calls[2].query).toMatchObject({ conversationId: 'conv-1' });
		expect(byConversation.json.matchedBy).toBe('conversationId');
		const none = await status({ ...PRODUCT, orderId: undefined, conversationId: undefined }, []);
		expect(none.calls).toHaveLength(1);
		expect(none.json).toMatchObject({ status: 'pending', matchedBy: null, payments: [], ambiguousMatch: false, otherLinkIds: [] });
	});

	it('paid from the sold count alone', async () => {
		const { json } = await status(sold, []);
		expect(json).toMatchObject({ linkId: 12, status: 'paid', paid: true, soldCount: 1, successfulPaymentId: null, ambiguousMatch: false });
	});

	it('paid with the successful payment when the link is the only one with its order id', async () => {
		const { json } = await status(sold, [payment({ id: 1, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051' } }), payment({ id: 2 })]);
		expect(json).toMatchObject({ status: 'paid', paid: true, successfulPaymentId: 2, paymentCount: 2, ambiguousMatch: false, otherLinkIds: [] });
		expect((json.payments as IDataObject[]).map((p) => p.id)).toEqual([1, 2]);
	});

	it('never paid while the link\'s sold count is 0, whatever payment carries its order id', async () => {
		const { json } = await status(PRODUCT, [payment({ id: 2 })]);
		expect(json).toMatchObject({ status: 'pending', paid: false, soldCount: 0, successfulPaymentId: null, ambiguousMatch: true, paymentCount: 1 });
	});

	it('a new link reusing a paid order id (another link has it) is pending, with the other link\'s payment listed as ambiguous', async () => {
		const { json } = await status(PRODUCT, [payment({ id: 1001, price: 20 })], {}, [earlierLink]);
		expect(json).toMatchObject({ status: 'pending', paid: false, successfulPaymentId: null, ambiguousMatch: true, otherLinkIds: [10], paymentCount: 1 });
		expect((json.payments as IDataObject[]).map((p) => p.id)).toEqual([1001]);
	});

	it('another link\'s declined payment under the shared order id does not make this link failed', async () => {
		const declined = payment({ id: 1002, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051' } });
		const { json } = await status(PRODUCT, [declined], {}, [{ ...earlierLink, soldCount: 0 }]);
		expect(json).toMatchObject({ status: 'pending', paid: false, lastError: null, ambiguousMatch: true, otherLinkIds: [10] });
	});

	it('a paid link sharing its order id is paid from its sold count, naming no payment', async () => {
		const { json } = await status(sold, [payment({ id: 1001, price: 20 }), payment({ id: 1003 })], {}, [earlierLink]);
		expect(json).toMatchObject({ status: 'paid', paid: true, successfulPaymentId: null, ambiguousMatch: true, otherLinkIds: [10] });
	});

	it('a link whose order id only resembles another\'s is not ambiguous', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const account = fake.respond;
		// A search that also answers near matches: only an equal order id counts.
		fake.respond = (call) =>
			call.path === '/craftlink/v1/products' ? ok({ page: 0, size: 10, totalSize: 2, items: [PRODUCT, { ...PRODUCT, id: 13, orderId: 'ord-10' }] }) : account(call);
		const { output } = await runCraftgate(parameters(), { fake });
		expect(output[0].json).toMatchObject({ ambiguousMatch: false, otherLinkIds: [] });
	});

	it('failed when only failed attempts exist, with the newest error', async () => {
		const { json } = await status(PRODUCT, [
			payment({ id: 7, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' } }),
			payment({ id: 5, paymentStatus: 'FAILURE', paymentError: { errorCode: '10012' } }),
		]);
		expect(json).toMatchObject({ status: 'failed', paid: false, successfulPaymentId: null, lastError: { errorGroup: 'NOT_SUFFICIENT_FUNDS' }, ambiguousMatch: false });
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
		const { json } = await status(sold, [payment()], { includePayments: false });
		expect(json).not.toHaveProperty('payments');
		expect(json).toMatchObject({ status: 'paid', paymentCount: 1 });
	});
});
