import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paymentCheck, type CheckPayment, type PaymentCheck } from '../../shared/payment/check';
import { optionalText } from '../../shared/text';
import type { RequestContext } from '../../shared/transport/request';
import { createPaymentEvent, type PaymentEvent, type PaymentStatus } from '../../shared/webhook';
import { craftgateRequest } from '../transport';
import { checkedLinkId, readLink, type LinkCall } from '../transport/links';
import { amountOf, paymentEventOf } from '../trigger/toPaymentEvent';
import { DEFAULT_EXPIRY_TIME_ZONE, instantOfLocalTime } from './expiry';
import { linkPaymentStatus, linkReference, type CraftgatePayment, type LinkPaymentAssessment, type ReferenceField } from './payments';
import type { CraftgateProduct } from './product';

/** Enough for a link's attempts; a link with more is paid or abandoned long before. */
const PAYMENT_PAGE_SIZE = 50;
/** Enough to tell whether another link shares the reference. */
const LINK_PAGE_SIZE = 10;

/** The PAY_BY_LINK payments carrying the link's reference (order, else conversation, else external id). */
export async function searchLinkPayments(
	this: RequestContext,
	product: CraftgateProduct,
	call: LinkCall,
): Promise<{ matchedBy: ReferenceField | null; payments: CraftgatePayment[] }> {
	const reference = linkReference(product);
	if (!reference) return { matchedBy: null, payments: [] };
	const result = (await craftgateRequest.call(this, {
		method: 'GET',
		path: '/payment-reporting/v1/payments',
		qs: { paymentSource: 'PAY_BY_LINK', [reference.field]: reference.value, page: 0, size: PAYMENT_PAGE_SIZE },
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: 'read',
	})) as { items?: CraftgatePayment[] };
	return { matchedBy: reference.field, payments: result.items ?? [] };
}

/** Other links carrying the same reference (exact match; a search may also answer near ones). */
async function otherLinksWithReference(this: RequestContext, product: CraftgateProduct, call: LinkCall): Promise<number[]> {
	const reference = linkReference(product);
	if (!reference) return [];
	const result = (await craftgateRequest.call(this, {
		method: 'GET',
		path: '/craftlink/v1/products',
		qs: { [reference.field]: reference.value, page: 0, size: LINK_PAGE_SIZE },
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: 'read',
	})) as { items?: CraftgateProduct[] };
	return (result.items ?? []).filter((link) => link.id !== product.id && link[reference.field] === reference.value).map((link) => link.id);
}

/** Whether the link's expiresAt (read in `timeZone`) has passed; null when it cannot be read. */
export function isExpired(product: CraftgateProduct, timeZone: string, now: Date): boolean | null {
	const expiresAt = optionalText(product.expiresAt);
	if (!expiresAt) return false;
	try {
		return instantOfLocalTime(expiresAt.slice(0, 19), timeZone).getTime() <= now.getTime();
	} catch {
		return null;
	}
}

/** What Craftgate says about a link's payment: the link, the payments found by its reference, and their reading. */
export interface LinkPaymentReport {
	product: CraftgateProduct;
	matchedBy: ReferenceField | null;
	payments: CraftgatePayment[];
	otherLinkIds: number[];
	assessment: LinkPaymentAssessment;
	expired: boolean | null;
}

/**
 * Reads a link, the PAY_BY_LINK payments carrying its reference and the other links sharing that
 * reference, and reads them with linkPaymentStatus (paid from soldCount alone; failed only from
 * payments that can only be this link's). Three reads, each tried again on a failure.
 */
export async function readLinkPaymentStatus(
	this: RequestContext,
	linkId: string,
	call: LinkCall & { timeZone?: string },
	now: Date = new Date(),
): Promise<LinkPaymentReport> {
	const product = await readLink.call(this, linkId, call);
	const { matchedBy, payments } = await searchLinkPayments.call(this, product, call);
	const otherLinkIds = await otherLinksWithReference.call(this, product, call);
	return {
		product,
		matchedBy,
		payments,
		otherLinkIds,
		assessment: linkPaymentStatus(product, payments, otherLinkIds),
		expired: isExpired(product, call.timeZone ?? DEFAULT_EXPIRY_TIME_ZONE, now),
	};
}

/** The facts of a report that Get Payment Status outputs and a check keeps in its details. */
export function linkStatusFacts(report: LinkPaymentReport): IDataObject {
	const { product, assessment } = report;
	return {
		soldCount: product.soldCount ?? 0,
		linkStatus: product.status ?? null,
		expiresAt: product.expiresAt ?? null,
		expired: report.expired,
		orderId: product.orderId ?? null,
		conversationId: product.conversationId ?? null,
		externalId: product.externalId ?? null,
		matchedBy: report.matchedBy,
		paymentCount: report.payments.length,
		ambiguousMatch: assessment.ambiguousMatch,
		otherLinkIds: report.otherLinkIds,
		successfulPaymentId: assessment.successfulPayment?.id ?? null,
		// The newest failure says why the latest attempt did not go through.
		lastError: (assessment.lastFailure?.paymentError as IDataObject | undefined) ?? null,
	};
}

/**
 * A link's status for a check: paid from soldCount; then what ended the link without a payment
 * (expired, or PASSIVE: deactivated, canceled), since nobody can pay it any more whatever was
 * tried before; then a declined attempt that can only be this link's (failed); else pending.
 */
export function linkCheckStatus(report: LinkPaymentReport): PaymentStatus {
	if (report.assessment.status === 'paid') return 'paid';
	if (report.expired === true) return 'expired';
	if (report.product.status === 'PASSIVE') return 'canceled';
	if (report.assessment.status === 'failed') return 'failed';
	return 'pending';
}

const LINK_EVENT: Partial<Record<PaymentStatus, string>> = { paid: 'link.sold', expired: 'link.expired', canceled: 'link.passive' };

/** An event about the link itself, when no payment of it can be named (paid by soldCount only, expired, deactivated). */
function linkEvent(report: LinkPaymentReport, status: PaymentStatus): PaymentEvent {
	const { product } = report;
	return createPaymentEvent({
		provider: 'craftgate',
		event: LINK_EVENT[status] ?? `link.${status}`,
		status,
		reference: linkReference(product)?.value ?? null,
		transactionId: null,
		amount: amountOf(product),
		occurredAt: null,
		details: { linkId: product.id, ...linkStatusFacts(report), confirmed: true, verifiedBy: 'api' },
		raw: product,
		idParts: ['link', product.id, status],
		identifiedBy: [product.id],
	});
}

function checkEvent(report: LinkPaymentReport, status: PaymentStatus): PaymentEvent | null {
	const { successfulPayment, lastFailure } = report.assessment;
	// The payments were searched by this link's reference, which no other link carries: they are its own.
	const link = { linkId: report.product.id, candidateLinkIds: [report.product.id] };
	const fromPayment = (payment: CraftgatePayment) =>
		paymentEventOf(payment, {
			event: `payment.${payment.paymentStatus ?? 'UNKNOWN'}`,
			occurredAt: null,
			raw: payment,
			link,
			checkoutToken: null,
			webhookStatus: null,
		});
	if (status === 'paid') return successfulPayment ? fromPayment(successfulPayment) : linkEvent(report, status);
	if (status === 'failed') return lastFailure ? fromPayment(lastFailure) : null;
	if (status === 'expired' || status === 'canceled') return linkEvent(report, status);
	return null;
}

/** A report as a PaymentCheck (see linkCheckStatus). */
export function linkPaymentCheck(report: LinkPaymentReport, now: Date = new Date()): PaymentCheck {
	const status = linkCheckStatus(report);
	return paymentCheck(
		{
			provider: 'craftgate',
			reference: linkReference(report.product)?.value ?? null,
			status,
			providerStatus: report.product.status ?? null,
			event: checkEvent(report, status),
			details: { linkId: report.product.id, ...linkStatusFacts(report) },
		},
		now,
	);
}

/** The Craftgate status check: a link by id (docs/providers.md §1.5: soldCount is the safe signal). */
export const checkCraftgatePayment: CheckPayment = async (ctx, target, timeoutMs, itemIndex) => {
	if (target.provider !== 'craftgate') {
		throw new NodeOperationError(ctx.getNode(), `The Craftgate check was given a ${target.provider} payment`, { itemIndex });
	}
	const now = new Date();
	const linkId = checkedLinkId(ctx, target.linkId, itemIndex);
	const report = await readLinkPaymentStatus.call(ctx, linkId, { itemIndex, timeoutMs, timeZone: target.expiryTimeZone }, now);
	return linkPaymentCheck(report, now);
};
