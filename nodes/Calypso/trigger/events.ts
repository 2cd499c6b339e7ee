import { chosenOptionsExpression } from '../../shared/subtitle';
import type { INodePropertyOptions } from 'n8n-workflow';
import type { PaymentStatus } from '../../shared/webhook';

/**
 * Calypso's INVOICE events (docs/providers.md §4.5), named as the editor shows them ("On Invoice Paid"
 * in the nodes panel's trigger list). The values are Calypso's own event types.
 */
export const INVOICE_EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Compliance Check Started', value: 'INVOICE_PENDING_COMPLIANCE', description: 'The payment is being reviewed by Calypso\'s compliance service' },
	{ name: 'Compliance Declined', value: 'INVOICE_COMPLIANCE_DECLINED', description: 'The invoice was suspended by Calypso\'s compliance policy' },
	{ name: 'Fixed-Amount Invoice Created', value: 'INVOICE_CREATE_INVOICE', description: 'A single (fixed-amount) invoice was created' },
	{ name: 'Funds Moved to Balance', value: 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED', description: 'The money was moved from the invoice wallet to your balance' },
	{ name: 'Funds Received', value: 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE', description: 'Money arrived at the invoice wallet: the main "paid" signal for widget invoices' },
	{ name: 'Invoice Expired', value: 'INVOICE_EXPIRED', description: 'The invoice reached its expiry time' },
	{ name: 'Invoice Paid', value: 'INVOICE_PAID', description: 'The full amount was received' },
	{ name: 'Over- or Underpaid', value: 'INVOICE_PENDING_INTERVENTION', description: 'More or less than the amount was received: someone must look at it in Calypso' },
	{ name: 'Payment Seen in Mempool', value: 'INVOICE_MEMPOOL_FOUND', description: 'A payment was seen on the network but is not confirmed yet' },
	{ name: 'Unlimited Invoice Created', value: 'INVOICE_CREATE_UNLIMITED_INVOICE', description: 'Also sent when a customer picks a currency in a payment widget' },
];

/**
 * The trigger's canvas subtitle: the chosen events by the names the panel shows, not Calypso's
 * event types. An expression cannot import, so the names are written into it.
 */
export function eventsSubtitle(allEventsLabel: string): string {
	return `={{ $parameter["subscribeTo"] === "selectedEvents" ? ${chosenOptionsExpression('events', INVOICE_EVENT_OPTIONS)} : ${JSON.stringify(allEventsLabel)} }}`;
}

/** Events that say money arrived. */
export const PAID_CLAIMS = ['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PAID', 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED'];

/**
 * What an event says on its own (used without "Confirm with Invoice Lookup", and kept as
 * details.webhookStatus):
 * - FUNDS_RECEIVED, PAID, TRANSLATION_TO_ACCOUNT_COMPLETED → paid (FUNDS_RECEIVED is the widget guide's "paid" signal)
 * - PENDING_INTERVENTION (over- or underpaid) → other: a person must look at it
 * - EXPIRED → expired; COMPLIANCE_DECLINED → failed
 * - CREATE_*, MEMPOOL_FOUND, PENDING_COMPLIANCE → pending; anything else → other
 */
export function statusOfEvent(eventType: string): PaymentStatus {
	if (PAID_CLAIMS.includes(eventType)) return 'paid';
	switch (eventType) {
		case 'INVOICE_PENDING_INTERVENTION':
			return 'other';
		case 'INVOICE_EXPIRED':
			return 'expired';
		case 'INVOICE_COMPLIANCE_DECLINED':
			return 'failed';
		case 'INVOICE_CREATE_INVOICE':
		case 'INVOICE_CREATE_UNLIMITED_INVOICE':
		case 'INVOICE_MEMPOOL_FOUND':
		case 'INVOICE_PENDING_COMPLIANCE':
			return 'pending';
		default:
			return 'other';
	}
}

/** Invoice types without a fixed amount: any money received settles them. */
const OPEN_AMOUNT_TYPES = ['UNLIMITED', 'UNLIMITED_LINKED'];

/** The invoice fields a status is read from. */
type InvoiceFields = { state?: unknown; type?: unknown; totalDebitAmount?: unknown };

/**
 * The status of an invoice as Calypso reports it (used with "Confirm with Invoice Lookup"):
 * - PAID, COMPLETED → paid; DECLINED → failed; PENDING_INTERVENTION → other
 * - an open-amount invoice (UNLIMITED, UNLIMITED_LINKED: widget invoices) that has received
 *   money (totalDebitAmount > 0) → paid when the event claims money arrived, as the widget guide
 *   says to confirm a payment
 * - ARCHIVED without money received → expired
 * - PENDING_PAYMENT, MEM_POOL_FOUND, PENDING_COMPLIANCE_CHECK → pending; unknown states → other
 * A fixed-amount invoice is never "paid" before Calypso says so, whatever the event claims.
 */
export function statusOfInvoice(invoice: InvoiceFields, eventType: string): PaymentStatus {
	return invoiceStatus(invoice, PAID_CLAIMS.includes(eventType));
}

/**
 * The status of an invoice read on its own, by a status check: the question is whether money
 * arrived, so an open-amount invoice that received money is paid, as the widget guide confirms
 * a payment (docs/providers.md §4.5); otherwise as statusOfInvoice.
 */
export function statusOfInvoiceNow(invoice: InvoiceFields): PaymentStatus {
	return invoiceStatus(invoice, true);
}

function invoiceStatus(invoice: InvoiceFields, moneyClaimed: boolean): PaymentStatus {
	const state = String(invoice.state ?? '');
	if (state === 'PAID' || state === 'COMPLETED') return 'paid';
	if (state === 'DECLINED') return 'failed';
	if (state === 'PENDING_INTERVENTION') return 'other';
	const received = hasReceivedMoney(invoice.totalDebitAmount);
	if (received && moneyClaimed && OPEN_AMOUNT_TYPES.includes(String(invoice.type ?? ''))) return 'paid';
	if (state === 'ARCHIVED') return received ? 'other' : 'expired';
	if (['PENDING_PAYMENT', 'MEM_POOL_FOUND', 'PENDING_COMPLIANCE_CHECK'].includes(state)) return 'pending';
	return 'other';
}

/**
 * The status a looked-up invoice confirms for an event: the invoice's status, except that a
 * lookup never turns an event that does not claim money (a late "created" event, say) into a
 * payment: it keeps its own status then. A payment claim the invoice does not back is downgraded.
 */
export function confirmedStatus(invoice: InvoiceFields, eventType: string): PaymentStatus {
	const fromInvoice = statusOfInvoice(invoice, eventType);
	if (fromInvoice === 'paid' && !PAID_CLAIMS.includes(eventType)) return statusOfEvent(eventType);
	return fromInvoice;
}

export function hasReceivedMoney(amount: unknown): boolean {
	const text = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
	return /^\d+(\.\d+)?$/.test(text) && /[1-9]/.test(text);
}
