import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { payloadText } from '../../shared/text';
import { createPaymentEvent, WebhookPayloadError } from '../../shared/webhook';
import type { PaymentEvent, PaymentStatus } from '../../shared/webhook';
import { normalizePaymentStatus } from '../helpers/paymentStatus';
import { lookupPayment } from '../transport';
import type { DeliveryContext, ErrorItem, StatusItem } from './deliveryItems';
import { errorCodeOf, orderErrorOf, readDeliveryItems } from './deliveryItems';

export interface EventOptions {
	confirmWithLookup: boolean;
	/** Used when the webhook's payment object names no payment configuration. */
	paymentConfiguration: string;
	/** The lookup's default path when not chosen. */
	lookupPath?: string;
	includeMessageStatuses: boolean;
	includeOrderErrors: boolean;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 360dialog epoch time (seconds, or milliseconds) as ISO 8601; null when it is not one. */
export function isoFromEpochSeconds(value: unknown): string | null {
	const text = payloadText(value);
	if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
	const seconds = Number(text);
	return new Date(seconds < 1e11 ? seconds * 1000 : seconds).toISOString();
}

function contextDetails(context: DeliveryContext): IDataObject {
	return { wabaId: context.wabaId, phoneNumberId: context.phoneNumberId, displayPhoneNumber: context.displayPhoneNumber };
}

function webhookAmount(payment: IDataObject): PaymentEvent['amount'] {
	const amount = payment.amount;
	if (!isObject(amount) || !Number.isSafeInteger(amount.value) || !Number.isSafeInteger(amount.offset)) return null;
	const currency = payloadText(payment.currency) ?? 'INR';
	return { value: amount.value as number, offset: amount.offset as number, currency };
}

/** Refunds change a captured payment without changing its status: each refund is its own event. */
export function refundParts(refunds: unknown): string[] {
	if (!Array.isArray(refunds)) return [];
	return refunds.filter(isObject).map((refund) => `refund-${payloadText(refund.id) ?? '?'}-${payloadText(refund.status) ?? '?'}`);
}

async function paymentEvent(ctx: IWebhookFunctions, item: StatusItem, options: EventOptions): Promise<PaymentEvent> {
	const { status: statusItem, context } = item;
	const payment = isObject(statusItem.payment) ? statusItem.payment : {};
	const transaction = isObject(payment.transaction) ? payment.transaction : {};
	const wamid = payloadText(statusItem.id);
	const webhookStatus = payloadText(statusItem.status);
	const reference = payloadText(payment.reference_id);
	const transactionId = payloadText(transaction.id);
	const details: IDataObject = {
		category: 'payment',
		wamid,
		recipientId: payloadText(statusItem.recipient_id),
		webhookStatus,
		transactionStatus: payloadText(transaction.status),
		gateway: payloadText(transaction.type),
		method: isObject(transaction.method) ? payloadText(transaction.method.type) : null,
		refunds: Array.isArray(transaction.refunds) ? transaction.refunds : [],
		...contextDetails(context),
	};

	let status: PaymentStatus = normalizePaymentStatus(webhookStatus, [transaction]);
	let amount = webhookAmount(payment);
	details.confirmed = false;
	if (options.confirmWithLookup) {
		if (reference === null) {
			throw new WebhookPayloadError('A payment status without payment.reference_id cannot be confirmed with the payment lookup');
		}
		const configuration =
			payloadText(payment.payment_configuration) ?? payloadText(payment.configuration_name) ?? (options.paymentConfiguration.trim() || null);
		if (configuration === null) {
			throw new WebhookPayloadError(
				'The payment configuration of this payment is unknown: set "Payment Configuration" in the 360dialog Trigger',
			);
		}
		const lookup = await lookupPayment.call(ctx, { paymentConfiguration: configuration, referenceId: reference, lookupPath: options.lookupPath });
		status = lookup.normalizedStatus;
		amount = lookup.amount ?? amount;
		Object.assign(details, {
			confirmed: true,
			lookupStatus: lookup.status,
			paymentConfiguration: configuration,
			transactions: lookup.transactions,
		});
	}

	return createPaymentEvent({
		provider: '360dialog',
		event: `payment.${webhookStatus ?? 'unknown'}`,
		status,
		reference,
		transactionId,
		amount,
		occurredAt: isoFromEpochSeconds(statusItem.timestamp),
		details,
		raw: statusItem,
		// The webhook's own identity, so a redelivery gets the same id whatever the lookup says now.
		idParts: [wamid, webhookStatus, transactionId, ...refundParts(transaction.refunds)],
		identifiedBy: [wamid, transactionId],
	});
}

function errorDetails(error: IDataObject): IDataObject {
	const data = isObject(error.error_data) ? error.error_data : {};
	return {
		errorCode: errorCodeOf(error) ?? payloadText(error.code),
		errorTitle: payloadText(error.title),
		errorMessage: payloadText(error.message),
		errorDetails: payloadText(data.details),
	};
}

/** A refused order_status (2046/2047) reported on the message's failed status. */
function statusOrderErrorEvent(item: StatusItem, error: IDataObject): PaymentEvent {
	const wamid = payloadText(item.status.id);
	return createPaymentEvent({
		provider: '360dialog',
		event: 'order.error',
		status: 'other',
		reference: null,
		transactionId: null,
		amount: null,
		occurredAt: isoFromEpochSeconds(item.status.timestamp),
		details: { category: 'orderError', wamid, recipientId: payloadText(item.status.recipient_id), ...errorDetails(error), ...contextDetails(item.context) },
		raw: item.status,
		idParts: [wamid, payloadText(item.status.status), errorCodeOf(error)],
		identifiedBy: [wamid],
	});
}

/**
 * A 2046/2047 in value.errors[], which names no message: the error itself, as a digest, is all
 * that tells one from another (two identical refusals of one account in a day read as one).
 */
function valueOrderErrorEvent(item: ErrorItem): PaymentEvent {
	const digest = createHash('sha256').update(JSON.stringify(item.error)).digest('hex').slice(0, 16);
	return createPaymentEvent({
		provider: '360dialog',
		event: 'order.error',
		status: 'other',
		reference: null,
		transactionId: null,
		amount: null,
		occurredAt: null,
		details: { category: 'orderError', wamid: null, ...errorDetails(item.error), ...contextDetails(item.context) },
		raw: item.error,
		idParts: ['error', item.context.wabaId, errorCodeOf(item.error), digest],
		identifiedBy: [digest],
	});
}

function messageStatusEvent(item: StatusItem): PaymentEvent {
	const wamid = payloadText(item.status.id);
	const messageStatus = payloadText(item.status.status);
	return createPaymentEvent({
		provider: '360dialog',
		event: `message.${messageStatus ?? 'unknown'}`,
		status: 'other',
		reference: null,
		transactionId: null,
		amount: null,
		occurredAt: isoFromEpochSeconds(item.status.timestamp),
		details: {
			category: 'messageStatus',
			wamid,
			recipientId: payloadText(item.status.recipient_id),
			messageStatus,
			errors: Array.isArray(item.status.errors) ? item.status.errors : [],
			...contextDetails(item.context),
		},
		raw: item.status,
		idParts: [wamid, messageStatus],
		identifiedBy: [wamid],
	});
}

/**
 * The events of one delivery, in its order: payment statuses (confirmed with the lookup when
 * asked), and, when asked, message status updates and refused order status changes.
 */
export async function deliveryToEvents(ctx: IWebhookFunctions, body: unknown, options: EventOptions): Promise<PaymentEvent[]> {
	const { statuses, errors } = readDeliveryItems(body);
	const events: PaymentEvent[] = [];
	for (const item of statuses) {
		if (payloadText(item.status.type) === 'payment') {
			events.push(await paymentEvent(ctx, item, options));
			continue;
		}
		const orderError = orderErrorOf(item.status.errors);
		if (orderError) {
			if (options.includeOrderErrors) events.push(statusOrderErrorEvent(item, orderError));
		} else if (options.includeMessageStatuses) {
			events.push(messageStatusEvent(item));
		}
	}
	if (options.includeOrderErrors) {
		for (const item of errors) {
			if (orderErrorOf([item.error])) events.push(valueOrderErrorEvent(item));
		}
	}
	return events;
}
