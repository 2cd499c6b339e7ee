import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paymentCheck, type CheckPayment, type PaymentCheck } from '../../shared/payment/check';
import { payloadText as text } from '../../shared/text';
import { createPaymentEvent, type PaymentEvent, type PaymentStatus } from '../../shared/webhook';
import { hasReceivedMoney, statusOfInvoiceNow } from '../trigger/events';
import { invoiceFacts } from '../trigger/toPaymentEvent';
import { readInvoice, readWidget, readWidgetInvoices } from './lookups';

/** Whether an invoice shows no sign of a payment yet: waiting, nothing received, no deposit seen. */
function untouched(invoice: IDataObject): boolean {
	return text(invoice.state) === 'PENDING_PAYMENT' && !hasReceivedMoney(invoice.totalDebitAmount) && text(invoice.lastDepositHash) === null;
}

/**
 * An invoice as the trigger's payment event, read back from Calypso. Calypso's trigger names
 * events by Calypso's event id, which a lookup never sees, so the id is the invoice's own:
 * `calypso:invoice:<id>:<status>:<last deposit>` (a second deposit is a new event).
 */
export function invoiceEvent(invoice: IDataObject, status: PaymentStatus): PaymentEvent {
	const id = text(invoice.id) ?? text(invoice.idempotencyKey);
	return createPaymentEvent({
		provider: 'calypso',
		event: `invoice.${text(invoice.state) ?? 'UNKNOWN'}`,
		status,
		...invoiceFacts(invoice, {}),
		occurredAt: null,
		raw: invoice,
		idParts: ['invoice', id, status, text(invoice.lastDepositHash)],
		identifiedBy: [id],
	});
}

function invoiceSummary(invoice: IDataObject, status: PaymentStatus): IDataObject {
	return {
		invoiceId: text(invoice.id),
		state: text(invoice.state),
		status,
		totalReceived: text(invoice.totalDebitAmount),
		currency: text(invoice.currency),
	};
}

/**
 * An invoice by id: PAID or COMPLETED is paid, and so is an open-amount (widget or unlimited)
 * invoice that received money, as its totalDebitAmount shows; DECLINED failed; ARCHIVED without
 * money expired; over- or underpaid `other` (a person must look, never paid); waiting pending.
 */
export function invoicePaymentCheck(invoice: IDataObject, now: Date = new Date()): PaymentCheck {
	const status = statusOfInvoiceNow(invoice);
	const facts = invoiceFacts(invoice, {});
	const details: IDataObject = { ...facts.details };
	for (const key of ['invoice', 'confirmed', 'verifiedBy']) delete details[key];
	return paymentCheck(
		{
			provider: 'calypso',
			reference: facts.reference,
			status,
			providerStatus: text(invoice.state),
			event: untouched(invoice) ? null : invoiceEvent(invoice, status),
			details,
		},
		now,
	);
}

function widgetEvent(widget: IDataObject, widgetKey: string, status: PaymentStatus): PaymentEvent {
	return createPaymentEvent({
		provider: 'calypso',
		event: `widget.${text(widget.widgetState) ?? 'UNKNOWN'}`,
		status,
		reference: text(widget.externalId),
		transactionId: null,
		amount: null,
		occurredAt: null,
		details: { widgetKey, widgetState: text(widget.widgetState), externalId: text(widget.externalId), confirmed: true, verifiedBy: 'api' },
		raw: widget,
		idParts: ['widget', widgetKey, status],
		identifiedBy: [widgetKey],
	});
}

/**
 * A widget and its invoices: paid when one of its invoices is (money received, confirmed by the
 * invoice's totalDebitAmount), failed when one was declined, expired when the widget is ARCHIVED,
 * `other` when one is over- or underpaid; otherwise pending, even when an invoice expired: the
 * customer can pick a currency again while the widget is open.
 */
export function widgetPaymentCheck(widget: IDataObject, invoices: IDataObject[], widgetKey: string, now: Date = new Date()): PaymentCheck {
	const rated = invoices.map((invoice) => ({ invoice, status: statusOfInvoiceNow(invoice) }));
	const first = (status: PaymentStatus) => rated.find((entry) => entry.status === status);
	const deciding = first('paid') ?? first('failed') ?? first('other');
	const seen = rated.find((entry) => entry.status === 'pending' && !untouched(entry.invoice));
	let status: PaymentStatus;
	let event: PaymentEvent | null;
	if (deciding && deciding.status !== 'other') {
		status = deciding.status;
		event = invoiceEvent(deciding.invoice, status);
	} else if (text(widget.widgetState) === 'ARCHIVED') {
		status = 'expired';
		event = widgetEvent(widget, widgetKey, status);
	} else if (deciding) {
		status = 'other';
		event = invoiceEvent(deciding.invoice, status);
	} else {
		status = 'pending';
		event = seen ? invoiceEvent(seen.invoice, status) : null;
	}
	const shown = deciding ?? seen;
	return paymentCheck(
		{
			provider: 'calypso',
			reference: text(widget.externalId),
			status,
			providerStatus: text(widget.widgetState),
			event,
			details: {
				widgetKey,
				widgetState: text(widget.widgetState),
				externalId: text(widget.externalId),
				invoiceId: shown ? text(shown.invoice.id) : null,
				invoiceState: shown ? text(shown.invoice.state) : null,
				totalReceived: shown ? text(shown.invoice.totalDebitAmount) : null,
				currency: shown ? text(shown.invoice.currency) : null,
				invoices: rated.map((entry) => invoiceSummary(entry.invoice, entry.status)),
			},
		},
		now,
	);
}

/**
 * The Calypso status check, by what Calypso Pay's Get operations take: a payment widget by its
 * key (then each of its invoices, one read each), or an invoice by its id.
 */
export const checkCalypsoPayment: CheckPayment = async (ctx, target, timeoutMs, itemIndex) => {
	if (target.provider !== 'calypso') {
		throw new NodeOperationError(ctx.getNode(), `The Calypso check was given a ${target.provider} payment`, { itemIndex });
	}
	const id = target.id.trim();
	if (id === '') {
		const field = target.kind === 'widget' ? 'widgetKey' : 'invoiceId';
		throw new NodeOperationError(ctx.getNode(), `The ${target.kind === 'widget' ? 'widget key' : 'invoice ID'} is empty`, {
			itemIndex,
			description: `Check field "${field}".`,
		});
	}
	const call = { itemIndex, timeoutMs };
	if (target.kind === 'invoice') return invoicePaymentCheck(await readInvoice.call(ctx, { id }, call));
	const widget = await readWidget.call(ctx, id, call);
	return widgetPaymentCheck(widget, await readWidgetInvoices.call(ctx, widget, call), id);
};
