import type { IDataObject } from 'n8n-workflow';
import { createPaymentEvent, WebhookPayloadError } from '../../shared/webhook';
import type { PaymentEvent, PaymentStatus } from '../../shared/webhook';

/** The trigger's event filter values. */
export type CallbackCategory = 'paymentSucceeded' | 'paymentOther' | 'messageStatus' | 'messageFailed';

/** The only documented payment status (docs/providers.md §3.7). */
const PAYMENT_SUCCESS_CODE = 30050;
const PAYMENT_SUCCESS_NAME = 'EX_PAYMENT_SUCCESS';
/** 30049 is "Payment Pending" on Exotel's newer (low-confidence) status list. */
const PAYMENT_CODES = new Set([30049, PAYMENT_SUCCESS_CODE]);

const DELIVERY_CODES = new Set([30001, 30002, 30003]);
const DELIVERY_NAMES = new Set(['EX_MESSAGE_SENT', 'EX_MESSAGE_DELIVERED', 'EX_MESSAGE_SEEN', 'EX_MESSAGE_READ']);
/** Exotel's error statuses start at 30004 (EX_SYSTEM_ERROR); the payment codes come after them. */
const FIRST_ERROR_CODE = 30004;
const LAST_ERROR_CODE = 30048;
const FAILURE_NAME = /ERROR|FAIL|INVALID|BLOCKED|UNSUPPORTED|INCAPABLE|RATE_LIMIT|TOO_MANY|MISSING|RESTRICTED|REJECT/;

/**
 * The longest sid, status name or transaction id a callback may carry (Exotel's sids have 32
 * characters, gateway transaction ids fewer). Anyone with the URL can post, so what becomes an
 * event id, and is remembered, is bounded.
 */
export const MAX_ID_PART_LENGTH = 128;

/** Inbound customer messages also reach the default callback URL; they are not status callbacks. */
const INBOUND_TYPES = new Set(['incoming_message', 'icm']);

/** `exo_status_code` arrives as a number or as text. */
export function statusCodeOf(value: unknown): number | null {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
	return null;
}

function textOf(value: unknown): string | null {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return null;
}

/** What a payment status other than success is, by its name only; never `paid`. */
function otherPaymentStatus(name: string): PaymentStatus {
	if (name.includes('PENDING')) return 'pending';
	if (name.includes('FAIL')) return 'failed';
	if (name.includes('CANCEL')) return 'canceled';
	if (name.includes('EXPIR')) return 'expired';
	if (name.includes('REFUND')) return 'refunded';
	return 'other';
}

/**
 * Sorts one callback. Paid only when the code or the name says EX_PAYMENT_SUCCESS and neither
 * says something else: an unknown or contradictory payment code is never reported as paid.
 */
export function classifyCallback(item: IDataObject): { category: CallbackCategory; status: PaymentStatus } {
	const code = statusCodeOf(item.exo_status_code);
	const name = (textOf(item.exo_detailed_status) ?? '').toUpperCase();
	const saysSuccess = code === PAYMENT_SUCCESS_CODE || name === PAYMENT_SUCCESS_NAME;
	const unreadableCode = code === null && textOf(item.exo_status_code) !== null;
	const saysOther =
		unreadableCode ||
		(code !== null && code !== PAYMENT_SUCCESS_CODE) ||
		(name !== '' && name !== PAYMENT_SUCCESS_NAME);
	if (saysSuccess && !saysOther) return { category: 'paymentSucceeded', status: 'paid' };

	const isPayment =
		saysSuccess ||
		name.startsWith('EX_PAYMENT') ||
		(code !== null && PAYMENT_CODES.has(code)) ||
		textOf(item.payment_transaction_id) !== null;
	if (isPayment) return { category: 'paymentOther', status: otherPaymentStatus(name) };

	const delivered = name !== '' ? DELIVERY_NAMES.has(name) : code !== null && DELIVERY_CODES.has(code);
	if (delivered) return { category: 'messageStatus', status: 'other' };
	const failed =
		(name !== '' && FAILURE_NAME.test(name)) ||
		(name === '' && code !== null && code >= FIRST_ERROR_CODE && code <= LAST_ERROR_CODE);
	// A delivery status this node does not know yet is reported with the delivery updates.
	return { category: failed ? 'messageFailed' : 'messageStatus', status: 'other' };
}

function isoTime(value: unknown): string | null {
	const text = textOf(value);
	if (text === null) return null;
	const time = Date.parse(text);
	return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Inbound customer messages reach the same default callback URL; the trigger skips them. */
export function isInboundMessage(item: IDataObject): boolean {
	const callbackType = textOf(item.callback_type);
	return callbackType !== null && INBOUND_TYPES.has(callbackType.toLowerCase());
}

/** A callback field that becomes part of the event id, refused (400) when it is too long. */
function idPart(item: IDataObject, field: string): string | null {
	const value = textOf(item[field]);
	if (value !== null && value.length > MAX_ID_PART_LENGTH) {
		throw new WebhookPayloadError(`The callback's ${field} is longer than ${MAX_ID_PART_LENGTH} characters`);
	}
	return value;
}

/**
 * One status callback as the normalized PaymentEvent. Its id is made of the message sid and the
 * payment transaction; a callback with neither cannot be told from another one and is refused
 * (WebhookPayloadError, answered 400) rather than sharing an id with every such callback, and so
 * is one whose id parts are longer than MAX_ID_PART_LENGTH. Exotel offers no way to read a
 * payment back (docs/providers.md §3.7), so every event says `details.confirmed: false`.
 */
export function callbackToEvent(item: IDataObject): PaymentEvent {
	const callbackType = textOf(item.callback_type);
	const { category, status } = classifyCallback(item);
	const sid = idPart(item, 'sid');
	const code = statusCodeOf(item.exo_status_code);
	const name = idPart(item, 'exo_detailed_status');
	const transactionId = idPart(item, 'payment_transaction_id');
	const details: IDataObject = {
		category,
		sid,
		exoStatusCode: code,
		exoDetailedStatus: name,
		description: textOf(item.description),
		customData: textOf(item.custom_data),
		to: textOf(item.to),
		callbackType,
		conversationId: textOf(item.conversation_id),
		confirmed: false,
	};
	// WhatsApp's asynchronous order errors (2046 invalid transition, 2047 cannot cancel).
	if (textOf(item.error_code) !== null) details.errorCode = statusCodeOf(item.error_code) ?? textOf(item.error_code);
	if (textOf(item.error_message) !== null) details.errorMessage = textOf(item.error_message);

	return createPaymentEvent({
		provider: 'exotel',
		event: name ?? (code !== null ? String(code) : 'unknown'),
		status,
		reference: textOf(item.payment_reference_id),
		transactionId,
		amount: null,
		occurredAt: isoTime(item.timestamp),
		details,
		raw: item,
		// Exotel repeats the same sid, code and transaction on a redelivery; a new status is a new event.
		idParts: [sid, code ?? name, transactionId],
		identifiedBy: [sid, transactionId],
	});
}
