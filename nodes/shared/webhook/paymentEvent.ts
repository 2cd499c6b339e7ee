import type { IDataObject } from 'n8n-workflow';

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

/**
 * Builds a PaymentEvent, deriving eventId from `idParts`: `<provider>:<parts joined by ':'>`,
 * with null, undefined and empty parts skipped. Choose parts that are the same on every
 * redelivery of one event (ids and statuses, never receipt times).
 */
export function createPaymentEvent(
	fields: Omit<PaymentEvent, 'eventId'> & { idParts: Array<string | number | null | undefined> },
): PaymentEvent {
	const { idParts, ...rest } = fields;
	const parts = idParts
		.filter((part): part is string | number => part !== null && part !== undefined)
		.map((part) => String(part))
		.filter((part) => part !== '');
	return { eventId: [rest.provider, ...parts].join(':'), ...rest };
}
