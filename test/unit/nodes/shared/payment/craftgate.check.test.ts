// The Craftgate status check: a link read as paid (sold count), failed (a declined payment that can
// only be this link's), expired, deactivated or pending, from a context without node parameters,
// with the trigger's own event for the same payment.
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { checkCraftgatePayment } from '../../../../../nodes/Craftgate/helpers/checkPayment';
import type { PaymentTarget } from '../../../../../nodes/shared/payment/check';
import { craftgateError, FAKE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, payment, PRODUCT } from '../../../../fakes/craftgate';
import { resetRedeliveryMemory } from '../../../helpers/webhookContext';
import { deliverToTrigger } from '../../Craftgate/contexts';
import { requestContext } from './contexts';

const TARGET: PaymentTarget = { provider: 'craftgate', linkId: '12' };
const declined = (fields: IDataObject = {}) =>
	payment({ id: 585, paymentStatus: 'FAILURE', paymentError: { errorCode: '10051', errorDescription: 'Insufficient funds', errorGroup: 'NOT_SUFFICIENT_FUNDS' }, ...fields });
/** A link of another order in the same chat, carrying the same order id. */
const otherLink = { ...PRODUCT, id: 10, price: 20 };

async function check(fake: FakeCraftgate, target: PaymentTarget = TARGET) {
	const ctx = requestContext({ craftgateApi: FAKE_CREDENTIALS }, fake.httpHelper(FAKE_CREDENTIALS));
	return await checkCraftgatePayment(ctx, target, 8_000, 1).then(
		(result) => ({ result, error: undefined }),
		(error: Error) => ({ result: undefined, error }),
	);
}

const account = (product: IDataObject, payments: IDataObject[] = [], others: IDataObject[] = []) => new FakeCraftgate({ products: [product, ...others], payments });

beforeEach(() => resetRedeliveryMemory());

describe('Craftgate status check', () => {
	it('reads the link, its payments and the links sharing its order id, each with the timeout given', async () => {
		const fake = account(PRODUCT);
		const { result } = await check(fake);
		expect(fake.calls.map((call) => call.path)).toEqual(['/craftlink/v1/products/12', '/payment-reporting/v1/payments', '/craftlink/v1/products']);
		expect(fake.calls.map((call) => call.options?.timeout)).toEqual([8_000, 8_000, 8_000]);
		expect(fake.calls.every((call) => call.signatureOk)).toBe(true);
		expect(result).toMatchObject({
			provider: 'craftgate',
			outcome: 'pending',
			status: 'pending',
			providerStatus: 'ACTIVE',
			reference: 'ord-1',
			event: null,
			details: { linkId: 12, soldCount: 0, linkStatus: 'ACTIVE', expired: false, matchedBy: 'orderId', paymentCount: 0, ambiguousMatch: false },
		});
	});

	it('paid from the sold count, with the successful payment as the trigger would emit it (same eventId)', async () => {
		const fake = account({ ...PRODUCT, soldCount: 1 }, [declined(), payment()]);
		const { result } = await check(fake);
		expect(result).toMatchObject({ outcome: 'paid', status: 'paid', details: { successfulPaymentId: 584 } });
		expect(result?.event).toMatchObject({
			eventId: 'craftgate:payment:584:paid',
			provider: 'craftgate',
			event: 'payment.SUCCESS',
			status: 'paid',
			reference: 'ord-1',
			transactionId: '584',
			amount: { value: 14990, offset: 100, currency: 'TRY' },
			details: { linkId: 12, paymentId: 584, paymentStatus: 'SUCCESS', webhookStatus: null, confirmed: true, verifiedBy: 'api' },
		});

		const body = { eventType: 'API_AUTH', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '584' };
		const signature = createHmac('sha256', FAKE_KEYS.webhookSecret).update(`${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`).digest('base64');
		const { events } = await deliverToTrigger({
			fake,
			body,
			headers: { 'X-CG-SIGNATURE-V1': signature },
			nodeId: 'craftgate-check-same-id',
			nodeParameters: { events: ['API_AUTH'], options: {} },
		});
		expect(events.map((event) => event.eventId)).toEqual([result?.event?.eventId]);
		expect(events[0]).toMatchObject({ status: 'paid', reference: 'ord-1', transactionId: '584', amount: result?.event?.amount });
	});

	it('paid from the sold count alone (no payment found) reports the link itself', async () => {
		const { result } = await check(account({ ...PRODUCT, soldCount: 1 }));
		expect(result).toMatchObject({ outcome: 'paid', status: 'paid' });
		expect(result?.event).toMatchObject({ eventId: 'craftgate:link:12:paid', event: 'link.sold', status: 'paid', transactionId: null, reference: 'ord-1', details: { linkId: 12, confirmed: true } });
	});

	it('never paid while the sold count is 0, whatever payment carries the order id', async () => {
		const { result } = await check(account(PRODUCT, [payment()]));
		expect(result).toMatchObject({ outcome: 'pending', status: 'pending', event: null, details: { ambiguousMatch: true } });
	});

	it('failed with the declined payment (the trigger\'s eventId) when no other link shares the order id', async () => {
		const { result } = await check(account(PRODUCT, [declined()]));
		expect(result).toMatchObject({ outcome: 'failed', status: 'failed', details: { lastError: { errorCode: '10051' } } });
		expect(result?.event).toMatchObject({ eventId: 'craftgate:payment:585:failed', status: 'failed', event: 'payment.FAILURE', transactionId: '585' });
	});

	it('a declined payment under an order id another link shares leaves the link pending', async () => {
		const { result } = await check(account(PRODUCT, [declined()], [otherLink]));
		expect(result).toMatchObject({ outcome: 'pending', status: 'pending', event: null, details: { ambiguousMatch: true, otherLinkIds: [10] } });
	});

	it('an expired, unpaid link failed with status expired (even after a declined attempt)', async () => {
		const expired = { ...PRODUCT, expiresAt: '2020-01-01T10:00:00' };
		for (const payments of [[], [declined()]]) {
			const { result } = await check(account(expired, payments));
			expect(result).toMatchObject({ outcome: 'failed', status: 'expired', providerStatus: 'ACTIVE', details: { expired: true } });
			expect(result?.event).toMatchObject({ eventId: 'craftgate:link:12:expired', event: 'link.expired', status: 'expired' });
		}
	});

	it('reads the expiry in the target\'s time zone', async () => {
		const inOneHourUtc = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19);
		const istanbul = await check(account({ ...PRODUCT, expiresAt: inOneHourUtc }));
		expect(istanbul.result?.status).toBe('expired');
		const utc = await check(account({ ...PRODUCT, expiresAt: inOneHourUtc }), { ...TARGET, expiryTimeZone: 'UTC' });
		expect(utc.result?.status).toBe('pending');
	});

	it('a deactivated (PASSIVE), unpaid link failed with status canceled; paid stays paid', async () => {
		const passive = await check(account({ ...PRODUCT, status: 'PASSIVE' }));
		expect(passive.result).toMatchObject({ outcome: 'failed', status: 'canceled', providerStatus: 'PASSIVE' });
		expect(passive.result?.event).toMatchObject({ eventId: 'craftgate:link:12:canceled', event: 'link.passive' });
		const paid = await check(account({ ...PRODUCT, status: 'PASSIVE', soldCount: 1 }, [payment()]));
		expect(paid.result).toMatchObject({ outcome: 'paid', status: 'paid' });
	});

	it('a Craftgate error is a NodeApiError with its code, naming the item, without the keys', async () => {
		const fake = new FakeCraftgate({ respond: () => craftgateError(404, '5015', `Product not found (api key ${FAKE_KEYS.apiKey}, secret ${FAKE_KEYS.secretKey})`) });
		const { error } = await check(fake);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context).toMatchObject({ providerCode: '5015', itemIndex: 1 });
		const text = JSON.stringify({ message: error?.message, description: (error as NodeApiError).description, context: (error as NodeApiError).context });
		for (const secret of Object.values(FAKE_KEYS)) expect(text).not.toContain(secret);
		expect(fake.calls).toHaveLength(1);
	});

	it('a link id that is not Craftgate\'s is refused before anything is sent', async () => {
		const fake = account(PRODUCT);
		const { error } = await check(fake, { provider: 'craftgate', linkId: '12/../../payments' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe('Check field "linkId" of input item 1.');
		expect(fake.calls).toHaveLength(0);
	});
});
