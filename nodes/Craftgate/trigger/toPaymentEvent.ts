import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { parseDecimalAmount } from '../../shared/money';
import { payloadText } from '../../shared/text';
import { createPaymentEvent, type PaymentEvent, type PaymentStatus } from '../../shared/webhook';
import {
	isFailedPayment,
	isSuccessfulPayment,
	linkReference,
	paymentFitsLink,
	type CraftgatePayment,
} from '../helpers/payments';
import type { CraftgateProduct } from '../helpers/product';
import { craftgateRequest } from '../transport';
import { PAYMENT_EVENT_TYPES } from './eventTypes';
import { PAYMENT_ID, type SignedFields } from './verify';

export interface EventOptions {
	events: string[];
	payByLinkOnly: boolean;
	matchLink: boolean;
}

/**
 * The payment behind a delivery, read from Craftgate (the signature covers only four fields,
 * so nothing else in the body is trusted). A payment id is digits, a checkout token a UUID
 * (checked before, see nonCanonicalField).
 */
export async function fetchPayment(this: IWebhookFunctions, payloadId: string): Promise<CraftgatePayment> {
	if (!PAYMENT_ID.test(payloadId)) {
		return (await craftgateRequest.call(this, {
			method: 'GET',
			path: `/payment/v1/checkout-payments/${encodeURIComponent(payloadId)}`,
		})) as CraftgatePayment;
	}
	// craftgateRequest only ever throws NodeApiError.
	const card = await craftgateRequest
		.call(this, { method: 'GET', path: `/payment/v1/card-payments/${payloadId}` })
		.catch((error: NodeApiError) => error);
	const payment = card instanceof NodeApiError ? await paymentFromReporting.call(this, card, payloadId) : card;
	// The event is this payment's only if Craftgate answered with this very payment.
	if (String((payment as CraftgatePayment | undefined)?.id) !== payloadId) {
		throw new NodeApiError(this.getNode(), {}, { message: `Craftgate answered the request for payment ${payloadId} with another payment` });
	}
	return payment as CraftgatePayment;
}

/** Not a card payment (e.g. a wallet or APM payment): the reporting API knows every payment. */
async function paymentFromReporting(this: IWebhookFunctions, cardError: NodeApiError, payloadId: string) {
	if (cardError.httpCode !== '404') throw cardError;
	return await craftgateRequest.call(this, { method: 'GET', path: `/payment-reporting/v1/payments/${payloadId}` });
}

/** Enough links for one order or conversation; more than this and no link is named. */
const LINK_PAGE_SIZE = 20;

export interface LinkMatch {
	linkId: number | null;
	/** Every link carrying the payment's reference; null when no link was looked up. */
	candidateLinkIds: number[] | null;
}

/**
 * The pay-by-link product a payment was made through. Payments carry no link id, and several
 * links may share the reference (a second order in one chat reusing the conversation id), so a
 * link is named only when it is the one carrying the reference at the payment's price and
 * currency. soldCount does not pick one: it may not count this payment yet when the webhook
 * arrives, and an older link's sale looks the same.
 */
export async function findLink(this: IWebhookFunctions, payment: CraftgatePayment): Promise<LinkMatch> {
	const reference = linkReference(payment as CraftgateProduct);
	if (!reference) return { linkId: null, candidateLinkIds: [] };
	const page = (await craftgateRequest.call(this, {
		method: 'GET',
		path: '/craftlink/v1/products',
		qs: { [reference.field]: reference.value, page: 0, size: LINK_PAGE_SIZE },
	})) as { items?: CraftgateProduct[]; totalSize?: number };
	const items = page.items ?? [];
	const candidates = items.filter((link) => link[reference.field] === reference.value);
	const fitting = candidates.filter((link) => paymentFitsLink(payment, link));
	const complete = Number(page.totalSize ?? items.length) <= items.length;
	return {
		linkId: complete && fitting.length === 1 ? fitting[0].id : null,
		candidateLinkIds: candidates.map((link) => link.id),
	};
}

/** A payment's normalized status: SUCCESS without an error is paid, FAILURE or an error failed. */
export function paymentStatus(payment: CraftgatePayment): PaymentStatus {
	if (isSuccessfulPayment(payment)) return 'paid';
	if (isFailedPayment(payment)) return 'failed';
	return 'pending';
}

/** Status of an event that is not a payment, from its signed `status`. */
function otherStatus(fields: SignedFields): PaymentStatus {
	if ((fields.eventType === 'REFUND' || fields.eventType === 'REFUND_TX') && fields.status === 'SUCCESS') return 'refunded';
	if (fields.eventType === 'MULTI_PAYMENT_EXPIRED') return 'expired';
	return 'other';
}

/** A payment's (or link's) price and currency in minor units, or null. */
export function amountOf(payment: { price?: number; currency?: string }): PaymentEvent['amount'] {
	if (payment.price === undefined || !payment.currency) return null;
	const currency = String(payment.currency);
	try {
		return { ...parseDecimalAmount(payment.price, currency, 'price'), currency };
	} catch {
		return null;
	}
}

function occurredAt(eventTimestamp: string): string | null {
	const value = Number(eventTimestamp);
	if (!Number.isFinite(value) || value <= 0) return null;
	// Craftgate sends epoch seconds; milliseconds are recognised all the same.
	return new Date(value < 1e11 ? value * 1000 : value).toISOString();
}

/** One normalized event for an authentic delivery, or none when the filters drop it. */
export async function toPaymentEvents(
	this: IWebhookFunctions,
	body: IDataObject,
	fields: SignedFields,
	options: EventOptions,
): Promise<PaymentEvent[]> {
	if (!options.events.includes(fields.eventType)) return [];
	const common = {
		provider: 'craftgate' as const,
		event: fields.eventType,
		occurredAt: occurredAt(fields.eventTimestamp),
		raw: body,
	};

	if (!PAYMENT_EVENT_TYPES.includes(fields.eventType)) {
		if (options.payByLinkOnly) return [];
		return [
			createPaymentEvent({
				...common,
				status: otherStatus(fields),
				reference: null,
				transactionId: fields.payloadId,
				amount: null,
				details: { payloadId: fields.payloadId, webhookStatus: fields.status, confirmed: false, verifiedBy: 'signature' },
				// The signed fields, each in its one canonical form (see nonCanonicalField).
				idParts: [fields.eventType, fields.payloadId, fields.status],
				identifiedBy: [fields.payloadId],
			}),
		];
	}

	const payment = await fetchPayment.call(this, fields.payloadId);
	const fromLink = payment.paymentSource === 'PAY_BY_LINK';
	if (options.payByLinkOnly && !fromLink) return [];
	const link: LinkMatch =
		fromLink && options.matchLink ? await findLink.call(this, payment) : { linkId: null, candidateLinkIds: null };
	return [
		paymentEventOf(payment, {
			...common,
			link,
			checkoutToken: PAYMENT_ID.test(fields.payloadId) ? null : fields.payloadId,
			webhookStatus: fields.status,
		}),
	];
}

/** Where a payment event comes from besides the payment: the delivery, or a status check. */
export interface PaymentEventSource {
	event: string;
	occurredAt: string | null;
	raw: IDataObject;
	link: LinkMatch;
	checkoutToken: string | null;
	/** The delivery's signed status; null for a status check. */
	webhookStatus: string | null;
}

/**
 * The event of a payment read back from Craftgate, as the trigger emits it and the status check
 * (helpers/checkPayment.ts) reports it: one shape and one eventId per payment and state.
 */
export function paymentEventOf(payment: CraftgatePayment, source: PaymentEventSource): PaymentEvent {
	const details: IDataObject = {
		linkId: source.link.linkId,
		candidateLinkIds: source.link.candidateLinkIds,
		paymentId: payment.id ?? null,
		checkoutToken: source.checkoutToken,
		paymentSource: payment.paymentSource ?? null,
		paymentStatus: payment.paymentStatus ?? null,
		paymentError: payment.paymentError ?? null,
		webhookStatus: source.webhookStatus,
		orderId: payment.orderId ?? null,
		conversationId: payment.conversationId ?? null,
		externalId: payment.externalId ?? null,
		paidPrice: payment.paidPrice ?? null,
		installment: (payment.installment as number | undefined) ?? null,
		confirmed: true,
		verifiedBy: 'api',
		payment,
	};
	const status = paymentStatus(payment);
	return createPaymentEvent({
		provider: 'craftgate',
		event: source.event,
		occurredAt: source.occurredAt,
		raw: source.raw,
		status,
		reference: payloadText(payment.orderId) ?? payloadText(payment.conversationId) ?? payloadText(payment.externalId),
		transactionId: payloadText(payment.id),
		amount: amountOf(payment),
		details,
		// From the payment Craftgate returned, not from the delivery: every event about one
		// payment in one state (API_AUTH, a late THREEDS_VERIFY, the checkout token's event, a
		// status check) has one id, so Remove Duplicates on eventId lets one of them through.
		idParts: ['payment', payment.id, status],
		identifiedBy: [payment.id],
	});
}
