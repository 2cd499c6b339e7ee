import type { IDataObject } from 'n8n-workflow';
import type { PaymentStatus } from '../../shared/webhook';

/** The payment statuses 360dialog's lookup documents (docs/providers.md §2.6). */
export const DIALOG360_PAYMENT_STATUSES = ['new', 'pending', 'captured', 'canceled', 'failed'] as const;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether any of the transactions lists a refund. */
export function hasRefunds(transactions: unknown[]): boolean {
	return transactions.some((transaction) => isObject(transaction) && Array.isArray(transaction.refunds) && transaction.refunds.length > 0);
}

/**
 * 360dialog's payment status as the package's normalized one: captured is paid, or refunded once a
 * refund is listed (360dialog re-sends `captured` with refunds[]); new and pending wait for the
 * customer; anything unknown is `other`, never paid.
 */
export function normalizePaymentStatus(status: unknown, transactions: unknown[] = []): PaymentStatus {
	const value = typeof status === 'string' ? status.trim().toLowerCase() : '';
	if (value === 'captured') return hasRefunds(transactions) ? 'refunded' : 'paid';
	if (value === 'new' || value === 'pending') return 'pending';
	if (value === 'failed') return 'failed';
	if (value === 'canceled' || value === 'cancelled') return 'canceled';
	return 'other';
}
