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
import type { SignedFields } from './verify';

export interface EventOptions {
	events: string[];
	payByLinkOnly: boolean;
	matchLink: boolean;
}

/**
 * The payment behind a delivery, read from Craftgate (the signature covers only four fields,
 * so nothing else in the body is trusted). Digits are a payment id, anything else a checkout token.
 */
export async function fetchPayment(this: IWebhookFunctions, payloadId: string): Promise<CraftgatePayment> {
	if (!/^\d+$/.test(payloadId)) {
		return (await craftgateRequest.call(this, {
			method: 'GET',
			path: `/payment/v1/checkout-payments/${encodeURIComponent(payloadId)}`,
		})) as CraftgatePayment;
	}
	// craftgateRequest only ever throws NodeApiError.
	const card = await craftgateRequest
		.call(this, { method: 'GET', path: `/payment/v1/card-payments/${payloadId}` })
		.catch((error: NodeApiError) => error);
	if (!(card instanceof NodeApiError)) return card as CraftgatePayment;
	// Not a card payment (e.g. a wallet or APM payment): the reporting API knows every payment.
	if (card.httpCode !== '404') throw card;
	return (await craftgateRequest.call(this, {
		method: 'GET',
		path: `/payment-reporting/v1/payments/${payloadId}`,
	})) as CraftgatePayment;
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

function paymentStatus(payment: CraftgatePayment): PaymentStatus {
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

function amountOf(payment: CraftgatePayment): PaymentEvent['amount'] {
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
		idParts: [fields.eventType, fields.payloadId, fields.status],
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
				details: { payloadId: fields.payloadId, webhookStatus: fields.status, verifiedBy: 'signature' },
				identifiedBy: [fields.payloadId],
			}),
		];
	}

	const payment = await fetchPayment.call(this, fields.payloadId);
	const fromLink = payment.paymentSource === 'PAY_BY_LINK';
	if (options.payByLinkOnly && !fromLink) return [];
	const link: LinkMatch =
		fromLink && options.matchLink ? await findLink.call(this, payment) : { linkId: null, candidateLinkIds: null };
	const details: IDataObject = {
		linkId: link.linkId,
		candidateLinkIds: link.candidateLinkIds,
		paymentId: payment.id ?? null,
		checkoutToken: /^\d+$/.test(fields.payloadId) ? null : fields.payloadId,
		paymentSource: payment.paymentSource ?? null,
		paymentStatus: payment.paymentStatus ?? null,
		paymentError: payment.paymentError ?? null,
		webhookStatus: fields.status,
		orderId: payment.orderId ?? null,
		conversationId: payment.conversationId ?? null,
		externalId: payment.externalId ?? null,
		paidPrice: payment.paidPrice ?? null,
		installment: (payment.installment as number | undefined) ?? null,
		verifiedBy: 'api',
		payment,
	};
	return [
		createPaymentEvent({
			...common,
			status: paymentStatus(payment),
			reference: payloadText(payment.orderId) ?? payloadText(payment.conversationId) ?? payloadText(payment.externalId),
			transactionId: payloadText(payment.id),
			amount: amountOf(payment),
			details,
			identifiedBy: [fields.payloadId, payment.id],
		}),
	];
}
