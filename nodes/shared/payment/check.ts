import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../transport/request';
import type { PaymentEvent, PaymentProvider, PaymentStatus } from '../webhook/paymentEvent';

/** What a builder branches on: the three outputs of Check Payment and Wait for Payment. */
export type PaymentOutcome = 'paid' | 'failed' | 'pending';

/**
 * The normalized status as an outcome. Paid only when the provider says paid; failed, canceled,
 * expired and refunded end the payment without money kept; anything else is still pending.
 */
export function outcomeOf(status: PaymentStatus): PaymentOutcome {
	if (status === 'paid') return 'paid';
	if (status === 'failed' || status === 'canceled' || status === 'expired' || status === 'refunded') return 'failed';
	return 'pending';
}

/** One payment as the provider's own status reports it now. */
export interface PaymentCheck {
	outcome: PaymentOutcome;
	provider: PaymentProvider;
	/** The merchant's reference the payment was asked for with, when known. */
	reference: string | null;
	/** The normalized status (the triggers' `status`). */
	status: PaymentStatus;
	/** The provider's own status word (captured, ACTIVE/soldCount, PAID...). */
	providerStatus: string | null;
	/** ISO 8601 time of the check. */
	checkedAt: string;
	/**
	 * The payment in the shape the triggers emit (details.confirmed true, verifiedBy 'api'), when
	 * the provider reports one: a paid or failed payment, a link or invoice that ended (expired,
	 * deactivated), a payment seen but not settled. Null while nothing has happened yet (a
	 * 360dialog order still `new`, an unpaid link or invoice). Its eventId equals the trigger's
	 * for Craftgate payments (`craftgate:payment:<id>:<status>`); 360dialog and Calypso triggers
	 * name events by the delivery (wamid, Calypso's event id), which a lookup never sees, so a
	 * check's eventIds there are its own: `360dialog:payment:<configuration>:<reference>:<status>...`,
	 * `calypso:invoice:<id>:<status>...`.
	 */
	event: PaymentEvent | null;
	/** Provider ids and facts worth having at hand (link id, widget id, soldCount...). */
	details: IDataObject;
}

/**
 * What identifies one payment to check, per provider, as the Check Payment and Wait for Payment
 * nodes collect it (see targetFields.ts for the parameters and paymentTargetOf).
 * - 360dialog: the payment configuration and reference_id of the payment request.
 * - Craftgate: the link (pay-by-link product) id, digits.
 * - Calypso: `id` is a widget's key (its idempotency key, the end of its payment link) for
 *   `kind: 'widget'`, Calypso's invoice id for `kind: 'invoice'`: what Calypso Pay's Get
 *   operations take.
 */
export type PaymentTarget =
	| { provider: '360dialog'; paymentConfiguration: string; referenceId: string; lookupPath?: string }
	| { provider: 'craftgate'; linkId: string; expiryTimeZone?: string }
	| { provider: 'calypso'; kind: 'widget' | 'invoice'; id: string };

/**
 * A provider's status lookup, usable from an action's execute() and from a waiting node's
 * webhook(): it reads no node parameter. Reads are tried again (up to 3 attempts, see
 * providerRequest); provider errors are NodeApiErrors with the provider's code. `itemIndex`, when
 * given, is put on errors so n8n names the input item.
 */
export type CheckPayment = (ctx: RequestContext, target: PaymentTarget, timeoutMs: number, itemIndex?: number) => Promise<PaymentCheck>;

/** A PaymentCheck from what the provider said: the outcome follows the status, checkedAt is now. */
export function paymentCheck(fields: Omit<PaymentCheck, 'outcome' | 'checkedAt'>, now: Date = new Date()): PaymentCheck {
	return {
		outcome: outcomeOf(fields.status),
		provider: fields.provider,
		reference: fields.reference,
		status: fields.status,
		providerStatus: fields.providerStatus,
		checkedAt: now.toISOString(),
		event: fields.event,
		details: fields.details,
	};
}
