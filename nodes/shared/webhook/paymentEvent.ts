import type { IDataObject } from 'n8n-workflow';
import { WebhookPayloadError } from './payloadError';

export type PaymentProvider = 'exotel' | '360dialog' | 'craftgate' | 'calypso';

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'canceled' | 'expired' | 'refunded' | 'other';

/** The one shape every payment trigger emits (one output item per event). */
export interface PaymentEvent {
	/** Stable across redeliveries of the same event: `<provider>:<provider ids joined by ':'>`. */
	eventId: string;
	provider: PaymentProvider;
	/** The provider's own event name, e.g. `EX_PAYMENT_SUCCESS`, `INVOICE_PAID`. */
	event: string;
	status: PaymentStatus;
	/** The merchant's order reference (reference_id, orderId/conversationId, externalId). */
	reference: string | null;
	transactionId: string | null;
	amount: { value: number; offset: number; currency: string } | null;
	/** ISO 8601. */
	occurredAt: string | null;
	/** Provider identifiers worth having at hand (message sid/wamid, link id, invoice id...). */
	details: IDataObject;
	/** The provider's payload for this event, as received. */
	raw: IDataObject;
}

type IdPart = string | number | null | undefined;

function presentParts(parts: IdPart[]): string[] {
	return parts
		.filter((part): part is string | number => part !== null && part !== undefined)
		.map((part) => String(part))
		.filter((part) => part !== '');
}

/**
 * Builds a PaymentEvent, deriving eventId from `idParts`: `<provider>:<parts joined by ':'>`,
 * with null, undefined and empty parts skipped. Choose parts that are the same on every
 * redelivery of one event (ids and statuses, never receipt times).
 *
 * `identifiedBy` lists the parts that tell one payment or message from another (ids, not
 * statuses or codes). When none of them is present the event cannot have an id of its own: two
 * different payments would share one, and the second would be dropped as a redelivery. That is a
 * WebhookPayloadError (answered 400), never a shared id.
 */
export function createPaymentEvent(
	fields: Omit<PaymentEvent, 'eventId'> & { idParts: IdPart[]; identifiedBy: IdPart[] },
): PaymentEvent {
	const { idParts, identifiedBy, ...rest } = fields;
	if (presentParts(identifiedBy).length === 0) {
		throw new WebhookPayloadError(
			`The ${rest.provider} event "${rest.event}" carries no identifier (message, payment or transaction ID) to tell it from other events`,
		);
	}
	return { eventId: [rest.provider, ...presentParts(idParts)].join(':'), ...rest };
}
