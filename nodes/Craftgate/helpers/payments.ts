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

/**
 * Which of the link's own references to look its payments up by. Craftgate does not document
 * which of them a link's payment inherits; the order id is the most specific, so it goes first.
 */
export function linkReference(product: CraftgateProduct): { field: ReferenceField; value: string } | undefined {
	for (const field of ['orderId', 'conversationId', 'externalId'] as const) {
		const value = product[field];
		if (typeof value === 'string' && value.trim() !== '') return { field, value };
	}
	return undefined;
}

/**
 * Paid when the link has been sold (soldCount) or a payment for it succeeded; failed when only
 * failed attempts exist; otherwise not paid yet (pending).
 */
export function linkPaymentStatus(product: CraftgateProduct, payments: CraftgatePayment[]): LinkPaymentStatus {
	if (Number(product.soldCount ?? 0) >= 1 || payments.some(isSuccessfulPayment)) return 'paid';
	if (payments.some(isFailedPayment)) return 'failed';
	return 'pending';
}
