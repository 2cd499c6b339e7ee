import type { IDataObject } from 'n8n-workflow';
import type { CraftgateProduct } from './product';

/** The part of Craftgate's PaymentResponse this package reads. */
export interface CraftgatePayment extends IDataObject {
	id?: number;
	paymentStatus?: string;
	paymentSource?: string;
	paymentError?: IDataObject | null;
	orderId?: string;
	conversationId?: string;
	externalId?: string;
	price?: number;
	paidPrice?: number;
	currency?: string;
	createdDate?: string;
}

export type LinkPaymentStatus = 'paid' | 'pending' | 'failed';

/** What the official WooCommerce plugin checks: SUCCESS and no paymentError. */
export function isSuccessfulPayment(payment: CraftgatePayment): boolean {
	return payment.paymentStatus === 'SUCCESS' && !payment.paymentError;
}

/** FAILURE, or any status with a paymentError (a SUCCESS carrying an error is not a payment). */
export function isFailedPayment(payment: CraftgatePayment): boolean {
	return payment.paymentStatus === 'FAILURE' || !!payment.paymentError;
}

export type ReferenceField = 'orderId' | 'conversationId' | 'externalId';

/** The Get Many filter of each reference, as the editor names it. */
export const REFERENCE_FILTER_NAMES: Record<ReferenceField, string> = {
	orderId: 'Order ID',
	conversationId: 'Conversation ID',
	externalId: 'External ID',
};

/**
 * Which of a link's (or payment's) own references to look it up by. Craftgate does not document
 * which of them a link's payment inherits; the order id is the most specific, so it goes first.
 */
export function linkReference(fields: IDataObject): { field: ReferenceField; value: string } | undefined {
	for (const field of ['orderId', 'conversationId', 'externalId'] as const) {
		const value = fields[field];
		if (typeof value === 'string' && value.trim() !== '') return { field, value };
	}
	return undefined;
}

export interface LinkPaymentAssessment {
	status: LinkPaymentStatus;
	/** The payments found may be another link's: they are listed, but nothing is read from them. */
	ambiguousMatch: boolean;
	successfulPayment: CraftgatePayment | null;
	lastFailure: CraftgatePayment | null;
}

/** The newest payment (highest id) of a list, or null. */
function newest(payments: CraftgatePayment[]): CraftgatePayment | null {
	return payments.reduce<CraftgatePayment | null>(
		(latest, p) => (latest === null || Number(p.id ?? 0) > Number(latest.id ?? 0) ? p : latest),
		null,
	);
}

/**
 * Paid only when the link's own soldCount says so. Payments carry no link id, just the reference
 * they were searched by, which other links may share (a second order in one chat reusing the
 * conversation id). They count as this link's only when no other link carries the reference and
 * they show no more sales than the link has: a deleted link's payments stay searchable, and
 * Craftgate gives a link no creation time to tell older payments apart. Otherwise the status is
 * paid or pending from soldCount alone, never failed.
 */
export function linkPaymentStatus(
	product: CraftgateProduct,
	payments: CraftgatePayment[],
	otherLinkIds: number[],
): LinkPaymentAssessment {
	const soldCount = Number(product.soldCount ?? 0);
	const paid = soldCount >= 1;
	const successes = payments.filter(isSuccessfulPayment);
	if (otherLinkIds.length > 0 || successes.length > soldCount) {
		return { status: paid ? 'paid' : 'pending', ambiguousMatch: true, successfulPayment: null, lastFailure: null };
	}
	const failures = payments.filter(isFailedPayment);
	return {
		status: paid ? 'paid' : failures.length > 0 ? 'failed' : 'pending',
		ambiguousMatch: false,
		successfulPayment: newest(successes),
		lastFailure: newest(failures),
	};
}

/** Whether a payment is for the link's amount: same currency and price. */
export function paymentFitsLink(payment: CraftgatePayment, product: CraftgateProduct): boolean {
	return (
		payment.currency !== undefined &&
		payment.currency === product.currency &&
		payment.price !== undefined &&
		product.price !== undefined &&
		Number(payment.price) === Number(product.price)
	);
}
