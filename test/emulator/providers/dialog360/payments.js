'use strict';
// Orders opened by order_details messages and their payments, as the payment lookup
// (docs/providers.md §2.6) and the payment status webhook (§2.7) show them.
const crypto = require('node:crypto');

/** Payment status → the transaction status that goes with it. */
const TRANSACTION_STATUS = { captured: 'success', pending: 'pending', failed: 'failed', canceled: 'failed' };

const epochSeconds = () => Math.floor(Date.now() / 1000);

function newOrder(checked, message) {
	return {
		reference_id: checked.referenceId,
		wamid: message.wamid,
		to: message.to,
		status: 'pending',
		payment: 'new',
		payment_configuration: checked.configuration ?? null,
		gateway: checked.gateway ?? null,
		amount: checked.total,
		currency: 'INR',
		expires_at: checked.expiresAt,
		history: [{ status: 'pending', wamid: message.wamid, at: message.created_at }],
		transactions: [],
	};
}

/** Records a payment attempt with `outcome` and returns its transaction. */
function recordPayment(order, outcome, transactionId) {
	const now = epochSeconds();
	const transaction = {
		id: transactionId ?? `pay_${crypto.randomBytes(7).toString('hex')}`,
		type: order.gateway ?? 'razorpay',
		status: TRANSACTION_STATUS[outcome],
		created_timestamp: now,
		updated_timestamp: now,
		amount: order.amount,
		currency: order.currency,
		method: { type: 'upi' },
		refunds: null,
	};
	if (outcome === 'failed') transaction.error = { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' };
	order.payment = outcome;
	order.transactions.push(transaction);
	return transaction;
}

/** Refunds the captured transaction in full; returns it (with its refunds). */
function recordRefund(order) {
	const transaction = [...order.transactions].reverse().find((t) => t.status === 'success');
	if (!transaction) return null;
	const now = epochSeconds();
	transaction.refunds = [
		...(transaction.refunds ?? []),
		{ id: `rfnd_${crypto.randomBytes(7).toString('hex')}`, amount: order.amount, status: 'completed', speed_processed: 'normal', created_timestamp: now, updated_timestamp: now },
	];
	transaction.updated_timestamp = now;
	return transaction;
}

/** The payment object of the lookup answer. */
function lookupPayment(order) {
	return {
		reference_id: order.reference_id,
		status: order.payment,
		currency: order.currency,
		amount: order.amount,
		transactions: order.transactions,
	};
}

/** A payment status item for the webhook: `status` is what the webhook claims. */
function paymentStatusItem(order, status, transaction, { includePaymentConfiguration }) {
	const payment = {
		reference_id: order.reference_id,
		amount: order.amount,
		currency: order.currency,
		receipt: '',
		transaction,
	};
	if (includePaymentConfiguration) payment.payment_configuration = order.payment_configuration;
	return { id: order.wamid, recipient_id: order.to, type: 'payment', status, timestamp: String(epochSeconds()), payment };
}

module.exports = { newOrder, recordPayment, recordRefund, lookupPayment, paymentStatusItem, epochSeconds };
