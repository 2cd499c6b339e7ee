// The outcome a builder branches on, and the registry a node picks a provider's check from.
import { checkCalypsoPayment } from '../../../../../nodes/Calypso/helpers/checkPayment';
import { checkCraftgatePayment } from '../../../../../nodes/Craftgate/helpers/checkPayment';
import { checkDialog360Payment } from '../../../../../nodes/Dialog360/helpers/checkPayment';
import { outcomeOf, paymentCheck } from '../../../../../nodes/shared/payment/check';
import { checkerFor, checkers } from '../../../../../nodes/shared/payment/checkers';

describe('outcomeOf', () => {
	it.each([
		['paid', 'paid'],
		['failed', 'failed'],
		['canceled', 'failed'],
		['expired', 'failed'],
		['refunded', 'failed'],
		['pending', 'pending'],
		['other', 'pending'],
	] as const)('%s → %s', (status, outcome) => {
		expect(outcomeOf(status)).toBe(outcome);
	});
});

describe('paymentCheck', () => {
	it('derives the outcome from the status and stamps the time of the check', () => {
		const now = new Date('2026-03-04T05:06:07.000Z');
		expect(paymentCheck({ provider: 'craftgate', reference: 'o-1', status: 'expired', providerStatus: 'ACTIVE', event: null, details: { linkId: 1 } }, now)).toEqual({
			outcome: 'failed',
			provider: 'craftgate',
			reference: 'o-1',
			status: 'expired',
			providerStatus: 'ACTIVE',
			checkedAt: '2026-03-04T05:06:07.000Z',
			event: null,
			details: { linkId: 1 },
		});
	});
});

describe('checkers', () => {
	it('has one check per provider with a status lookup, and none for Exotel', () => {
		expect(Object.keys(checkers).sort()).toEqual(['360dialog', 'calypso', 'craftgate']);
		expect(checkerFor('360dialog')).toBe(checkDialog360Payment);
		expect(checkerFor('craftgate')).toBe(checkCraftgatePayment);
		expect(checkerFor('calypso')).toBe(checkCalypsoPayment);
	});

	it('a check given another provider\'s payment refuses it', async () => {
		const ctx = { getNode: () => ({ name: 'Check Payment' }) } as never;
		await expect(checkCraftgatePayment(ctx, { provider: 'calypso', kind: 'widget', id: 'k' }, 1000)).rejects.toThrow('The Craftgate check was given a calypso payment');
	});
});
