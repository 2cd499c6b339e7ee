import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { payloadText as text } from '../../shared/text';
import { createPaymentEvent, getRawBody, WebhookPayloadError, type PaymentEvent } from '../../shared/webhook';
import { decimalText, exactMinorAmount } from '../helpers/decimal';
import { calypsoRequest } from '../transport';
import { confirmedStatus, hasReceivedMoney, statusOfEvent } from './events';

export interface EventOptions {
	/** Only these event types start the workflow; undefined lets every event through. */
	events?: string[];
	confirmWithInvoiceLookup: boolean;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The delivery as Calypso signed it: parsed from the raw bytes, checked for what is needed. */
export async function readDelivery(ctx: IWebhookFunctions): Promise<IDataObject> {
	let body: unknown;
	try {
		body = JSON.parse((await getRawBody(ctx)).toString('utf8'));
	} catch {
		body = undefined;
	}
	if (!isObject(body)) throw new WebhookPayloadError('The body is not a JSON object');
	if (typeof body.eventType !== 'string' || body.eventType === '') throw new WebhookPayloadError('The delivery has no eventType');
	if (text(body.id) === null) throw new WebhookPayloadError('The delivery has no event id');
	return body;
}

/** Calypso's createdDate has no zone ("2022-03-15T12:13:05.909616"); it is read as UTC. */
export function occurredAt(value: unknown): string | null {
	const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim()) : null;
	if (!match) return null;
	const [, base, fraction = '', zone] = match;
	const date = new Date(`${base}${fraction.slice(0, 4)}${zone ?? 'Z'}`);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** How the invoice behind an event can be read back: its idempotency key, else its id. */
export function invoiceLookupOf(data: IDataObject): { idempotencyKey: string } | { id: string } | undefined {
	const key = text(data.idempotencyKey);
	if (key) return { idempotencyKey: key };
	const id = text(data.invoiceId) ?? text(data.id);
	return id ? { id } : undefined;
}

function amountOf(decimal: unknown, currency: string | null): PaymentEvent['amount'] {
	if (!currency) return null;
	const exact = exactMinorAmount(decimal);
	return exact ? { ...exact, currency } : null;
}

/**
 * What an invoice read back from Calypso (when there is one) and an event's `data` say about a
 * payment: the event's reference, transaction, amount and details, shared by the trigger and the
 * status check (helpers/checkPayment.ts, which has no event data). `delivery` holds the details
 * of the delivery itself, placed before confirmed/verifiedBy.
 */
export function invoiceFacts(
	invoice: IDataObject | undefined,
	data: IDataObject,
	delivery: IDataObject = {},
): Pick<PaymentEvent, 'reference' | 'transactionId' | 'amount' | 'details'> {
	const currency = text(invoice?.currency) ?? text(data.currency);
	const received = invoice?.totalDebitAmount;
	const amountDecimal = invoice ? (hasReceivedMoney(received) ? received : invoice.amount) : data.amount;
	const details: IDataObject = {
		invoiceId: text(invoice?.id) ?? text(data.invoiceId),
		invoiceIdempotencyKey: text(invoice?.idempotencyKey) ?? text(data.idempotencyKey),
		invoiceState: text(invoice?.state),
		invoiceType: text(invoice?.type),
		externalId: text(data.externalId) ?? text(invoice?.externalId),
		parentExternalId: text(data.parentExternalId),
		amount: decimalText(invoice ? invoice.amount : data.amount),
		totalReceived: decimalText(received),
		currency,
		interventionType: text(invoice?.interventionType),
		lastDepositHash: text(invoice?.lastDepositHash) ?? text(data.lastDepositHash),
		...delivery,
		confirmed: invoice !== undefined,
		verifiedBy: invoice ? 'api' : 'signature',
	};
	if (invoice) details.invoice = invoice;
	const amount = amountOf(amountDecimal, currency);
	if (!amount) details.amountDecimal = decimalText(amountDecimal);
	return {
		reference: text(data.parentExternalId) ?? text(data.externalId) ?? text(invoice?.externalId),
		transactionId: (details.lastDepositHash as string | null) ?? null,
		amount,
		details,
	};
}

/** One normalized event for an authentic delivery, or none when the event filter drops it. */
export async function toPaymentEvents(this: IWebhookFunctions, body: IDataObject, options: EventOptions): Promise<PaymentEvent[]> {
	const eventType = String(body.eventType);
	if (options.events && !options.events.includes(eventType)) return [];
	const data = isObject(body.data) ? body.data : {};
	const claim = statusOfEvent(eventType);
	const lookup = options.confirmWithInvoiceLookup ? invoiceLookupOf(data) : undefined;
	// Asked once: a failed lookup is answered 503 (422 for an unknown invoice) and Calypso delivers the event again later.
	const invoice = lookup
		? ((await calypsoRequest.call(this, { path: '/api/v1/invoice', payload: lookup })) as IDataObject)
		: undefined;

	const facts = invoiceFacts(invoice, data, {
		webhookStatus: claim,
		level: text(body.level),
		service: text(body.service),
		subscriptionRequestId: text(body.requestId),
	});

	return [
		createPaymentEvent({
			provider: 'calypso',
			event: eventType,
			status: invoice ? confirmedStatus(invoice, eventType) : claim,
			...facts,
			occurredAt: occurredAt(body.createdDate),
			raw: body,
			idParts: [text(body.id)],
			// Calypso numbers its events: the id alone tells one event from another.
			identifiedBy: [text(body.id)],
		}),
	];
}
