import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paymentCheck, type CheckPayment, type PaymentCheck } from '../../shared/payment/check';
import { payloadText } from '../../shared/text';
import { createPaymentEvent, type PaymentEvent } from '../../shared/webhook';
import { lookupPayment, type PaymentLookup } from '../transport';
import { isoFromEpochSeconds, refundParts } from '../trigger/toEvents';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOf(transaction: IDataObject): number {
	return Number(payloadText(transaction.updated_timestamp) ?? payloadText(transaction.created_timestamp) ?? 0) || 0;
}

/** The transaction that last changed (the later one on a tie, as 360dialog lists them in order). */
export function latestTransaction(transactions: IDataObject[]): IDataObject | undefined {
	return transactions.reduce<IDataObject | undefined>((latest, transaction) => (latest === undefined || timeOf(transaction) >= timeOf(latest) ? transaction : latest), undefined);
}

/**
 * The lookup's payment as the trigger's payment event, or null while 360dialog says `new` (the
 * request went out, no payment was started). Its id is the lookup's own (the trigger's comes from
 * the webhook's wamid, which a lookup never sees), stable while nothing changes: configuration,
 * reference, status, the latest transaction and its refunds.
 */
export function lookupEvent(lookup: PaymentLookup): PaymentEvent | null {
	if (lookup.status.trim().toLowerCase() === 'new') return null;
	const transaction = latestTransaction(lookup.transactions) ?? {};
	const transactionId = payloadText(transaction.id);
	return createPaymentEvent({
		provider: '360dialog',
		event: `payment.${lookup.status}`,
		status: lookup.normalizedStatus,
		reference: lookup.referenceId,
		transactionId,
		amount: lookup.amount,
		occurredAt: isoFromEpochSeconds(transaction.updated_timestamp) ?? isoFromEpochSeconds(transaction.created_timestamp),
		details: {
			category: 'payment',
			lookupStatus: lookup.status,
			paymentConfiguration: lookup.paymentConfiguration,
			transactionStatus: payloadText(transaction.status),
			gateway: payloadText(transaction.type),
			method: isObject(transaction.method) ? payloadText(transaction.method.type) : null,
			refunds: Array.isArray(transaction.refunds) ? transaction.refunds : [],
			transactions: lookup.transactions,
			confirmed: true,
			verifiedBy: 'api',
		},
		raw: lookup.raw,
		idParts: ['payment', lookup.paymentConfiguration, lookup.referenceId, lookup.status, transactionId, ...refundParts(transaction.refunds)],
		identifiedBy: [lookup.referenceId],
	});
}

/**
 * A lookup as a PaymentCheck: captured is paid (refunded once a refund is listed), failed and
 * canceled end it, new and pending wait, an unknown status is `other` and never paid.
 */
export function lookupPaymentCheck(lookup: PaymentLookup, now: Date = new Date()): PaymentCheck {
	return paymentCheck(
		{
			provider: '360dialog',
			reference: lookup.referenceId,
			status: lookup.normalizedStatus,
			providerStatus: lookup.status,
			event: lookupEvent(lookup),
			details: {
				paymentConfiguration: lookup.paymentConfiguration,
				referenceId: lookup.referenceId,
				transactionId: payloadText(latestTransaction(lookup.transactions)?.id),
				amount: lookup.amount,
				transactions: lookup.transactions,
			},
		},
		now,
	);
}

/** The 360dialog status check: its payment lookup (docs/providers.md §2.6), the Payment → Get operation's call. */
export const checkDialog360Payment: CheckPayment = async (ctx, target, timeoutMs, itemIndex) => {
	if (target.provider !== '360dialog') {
		throw new NodeOperationError(ctx.getNode(), `The 360dialog check was given a ${target.provider} payment`, { itemIndex });
	}
	const lookup = await lookupPayment.call(
		ctx,
		{ paymentConfiguration: target.paymentConfiguration, referenceId: target.referenceId, lookupPath: target.lookupPath },
		itemIndex,
		{ timeoutMs, retry: 'read' },
	);
	return lookupPaymentCheck(lookup);
};
