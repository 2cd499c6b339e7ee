// The three outputs, in order Paid, Failed, Timed Out: one item on the right output, paired with
// the node's one input item; the Timed Out item's shape.
import type { IDataObject } from 'n8n-workflow';
import { paymentCheck, type PaymentCheck } from '../../../../nodes/shared/payment/check';
import { createPaymentEvent, type PaymentEvent, type PaymentStatus } from '../../../../nodes/shared/webhook';
import {
	checkOutputs,
	eventOutputs,
	OUTPUT_NAMES,
	timedOutItem,
	timedOutJson,
	timedOutOutputs,
	type TimedOut,
} from '../../../../nodes/WaitForPayment/wait/outputs';

const CHECKED_AT = new Date('2030-01-01T10:00:00.000Z');

function event(status: PaymentStatus): PaymentEvent {
	return createPaymentEvent({
		provider: 'craftgate',
		event: 'payment.SUCCESS',
		status,
		reference: 'ord-1',
		transactionId: '584',
		amount: { value: 14990, offset: 100, currency: 'TRY' },
		occurredAt: null,
		details: { linkId: 12, confirmed: true, verifiedBy: 'api' },
		raw: { id: 584 },
		idParts: ['payment', 584, status],
		identifiedBy: [584],
	});
}

function check(status: PaymentStatus, withEvent = true): PaymentCheck {
	return paymentCheck(
		{
			provider: 'craftgate',
			reference: 'ord-1',
			status,
			providerStatus: 'ACTIVE',
			event: withEvent ? event(status) : null,
			details: { linkId: 12, soldCount: status === 'paid' ? 1 : 0 },
		},
		CHECKED_AT,
	);
}

/** Which outputs hold an item: [paid, failed, timedOut] counts. */
const counts = (outputs: unknown[][]) => outputs.map((items) => items.length);

const TIMED_OUT: TimedOut = {
	provider: 'craftgate',
	reference: 'ord-1',
	deadline: Date.UTC(2030, 0, 1, 10, 30, 0),
	lastCheck: check('pending', false),
	checkedAtDeadline: true,
	cleanUp: { action: 'deactivateLink', done: true },
};

it('names the outputs Paid, Failed and Timed Out, in that order', () => {
	expect(OUTPUT_NAMES).toEqual(['Paid', 'Failed', 'Timed Out']);
});

describe('eventOutputs (a callback)', () => {
	it('puts a paid event on Paid, with outcome paid, paired with item 0', () => {
		const outputs = eventOutputs(event('paid'), true);
		expect(counts(outputs)).toEqual([1, 0, 0]);
		expect(outputs[0][0]).toEqual({ json: { outcome: 'paid', ...event('paid') }, pairedItem: { item: 0 } });
	});

	it('puts a failed event on Failed, with outcome failed', () => {
		const outputs = eventOutputs(event('canceled'), false);
		expect(counts(outputs)).toEqual([0, 1, 0]);
		expect(outputs[1][0]).toEqual({ json: { outcome: 'failed', ...event('canceled') }, pairedItem: { item: 0 } });
	});
});

describe('checkOutputs (a status check)', () => {
	it('answers null for a pending payment: nothing is decided', () => {
		expect(checkOutputs(check('pending'))).toBeNull();
		expect(checkOutputs(check('other'))).toBeNull();
	});

	it('puts a paid check on Paid as its payment event, with outcome and the check', () => {
		const paid = check('paid');
		const outputs = checkOutputs(paid) ?? [];
		expect(counts(outputs)).toEqual([1, 0, 0]);
		expect(outputs[0][0]).toEqual({
			json: { outcome: 'paid', ...(event('paid') as unknown as IDataObject), check: paid as unknown as IDataObject },
			pairedItem: { item: 0 },
		});
	});

	it.each(['failed', 'canceled', 'expired', 'refunded'] as PaymentStatus[])('puts a %s check on Failed', (status) => {
		const outputs = checkOutputs(check(status)) ?? [];
		expect(counts(outputs)).toEqual([0, 1, 0]);
		expect(outputs[1][0].json).toMatchObject({ outcome: 'failed', status, eventId: `craftgate:payment:584:${status}` });
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
	});

	it('without an event from the provider, gives the check\'s provider, reference and status', () => {
		const paid = check('paid', false);
		const outputs = checkOutputs(paid) ?? [];
		expect(outputs[0][0].json).toEqual({ outcome: 'paid', provider: 'craftgate', reference: 'ord-1', status: 'paid', check: paid });
	});

	it('adds the extra fields it is given (the clean-up report)', () => {
		const cleanUp = { action: 'deactivateLink', done: false, note: 'Paid while the link was being deactivated: kept' };
		const outputs = checkOutputs(check('paid'), { cleanUp }) ?? [];
		expect(outputs[0][0].json).toMatchObject({ outcome: 'paid', cleanUp });
	});
});

describe('the Timed Out item', () => {
	it('has the outcome, provider, reference, deadline (ISO 8601), what was last seen and the clean-up', () => {
		expect(timedOutJson(TIMED_OUT)).toEqual({
			outcome: 'timedOut',
			provider: 'craftgate',
			reference: 'ord-1',
			deadline: '2030-01-01T10:30:00.000Z',
			checkedAtDeadline: true,
			lastCheck: TIMED_OUT.lastCheck,
			cleanUp: { action: 'deactivateLink', done: true },
		});
	});

	it('says null when nothing was read, and keeps the clean-up note', () => {
		const json = timedOutJson({ ...TIMED_OUT, reference: null, lastCheck: null, checkedAtDeadline: false, cleanUp: { action: 'none', done: false, note: 'why' } });
		expect(json).toMatchObject({ reference: null, lastCheck: null, checkedAtDeadline: false, cleanUp: { action: 'none', done: false, note: 'why' } });
	});

	it('goes on the third output, paired with item 0', () => {
		const outputs = timedOutOutputs(TIMED_OUT);
		expect(counts(outputs)).toEqual([0, 0, 1]);
		expect(outputs[2][0]).toEqual({ json: timedOutJson(TIMED_OUT), pairedItem: { item: 0 } });
		expect(timedOutItem(TIMED_OUT)).toEqual(outputs[2][0]);
	});
});
