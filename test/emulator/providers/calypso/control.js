'use strict';
// /_control/calypso/*: play the customer (pick a currency in a widget, pay an invoice), expire,
// inject failures, redeliver failed webhooks, inspect.
const crypto = require('node:crypto');
const { newInvoice, renderInvoice, renderWidget } = require('./store');
const { addDecimals, compareDecimals, scaleDecimal, checkAmount } = require('./rules');
const { emitEvent, deliverInOrder, invoiceEventData } = require('./events');
const { CalypsoFailure } = require('./auth');

const MODES = ['full', 'under', 'over'];

class ControlError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function positiveInteger(value, fallback, field) {
	if (value === undefined) return fallback;
	if (!Number.isInteger(value) || value < 1) throw new ControlError(400, `${field} must be a positive integer`);
	return value;
}

/** Runs the deliveries; waits for them unless `wait` is false (they go on in the background). */
async function dispatch(emitted, wait) {
	const running = deliverInOrder(emitted);
	if (wait === false) {
		running.catch(() => undefined);
		return null;
	}
	return await running;
}

/** A widget by its key, or the newest one with `externalId` (the merchant's order id). */
function widgetOf(emu, { widgetKey, externalId }) {
	const widgets = emu.state.calypso.widgets;
	if (widgetKey === undefined && externalId !== undefined) {
		const carrying = Object.values(widgets).filter((widget) => widget.externalId === String(externalId));
		const newest = carrying[carrying.length - 1];
		if (!newest) throw new ControlError(404, `no widget with externalId ${externalId}`);
		return newest;
	}
	const widget = widgets[String(widgetKey ?? '').toLowerCase()];
	if (!widget) throw new ControlError(404, `no widget ${widgetKey}`);
	return widget;
}

/** The customer picks a currency on the widget page (named by `widgetKey` or `externalId`): Calypso opens an UNLIMITED_LINKED invoice. */
async function pick(emu, { widgetKey, externalId, currency, amount, deliveries, wait }) {
	const widget = widgetOf(emu, { widgetKey, externalId });
	if (widget.widgetState !== 'IN_PROGRESS') throw new ControlError(409, `widget ${widgetKey} is ${widget.widgetState}`);
	if (!widget.cryptoCurrencies.includes(currency)) throw new ControlError(400, `currency must be one of the widget's: ${widget.cryptoCurrencies.join(', ')}`);
	const invoice = newInvoice(emu, {
		type: 'UNLIMITED_LINKED',
		amount: amount === undefined ? null : checkAmount(amount),
		currency,
		description: widget.description,
		idempotencyKey: crypto.randomUUID(),
		externalId: widget.externalId,
		returnUrl: widget.returnUrl,
		logoUrl: widget.logoUrl,
		supportUrl: widget.supportUrl,
		widgetKey: widget.idempotencyKey,
	});
	widget.invoices.push({ invoiceId: invoice.id, cryptoCurrency: currency, invoiceIdempotencyKey: invoice.idempotencyKey, invoiceExternalId: invoice.externalId });
	const eventType = 'INVOICE_CREATE_UNLIMITED_INVOICE';
	const emitted = [emitEvent(emu, { eventType, data: invoiceEventData(emu, invoice, eventType), deliveries: positiveInteger(deliveries, 1, 'deliveries') })];
	const webhooks = await dispatch(emitted, wait);
	return { invoice: renderInvoice(emu, invoice), widget: renderWidget(widget), events: emitted.map((e) => e.event), webhooks };
}

function receivedAmount(invoice, mode, amount) {
	if (amount !== undefined) return checkAmount(amount);
	if (invoice.amount === null) throw new ControlError(400, `invoice ${invoice.id} has no fixed amount: give "amount"`);
	if (mode === 'full') return invoice.amount;
	return mode === 'under' ? scaleDecimal(invoice.amount, 1, 2) : scaleDecimal(invoice.amount, 3, 2);
}

/** Where the invoice stands once `total` has arrived; under the 0.995 threshold or over the amount is an intervention. */
function settle(invoice, total, threshold) {
	if (invoice.amount === null) return { state: 'PAID', interventionType: null };
	const lowerBound = scaleDecimal(invoice.amount, Math.round(threshold * 1000), 1000);
	if (compareDecimals(total, lowerBound) < 0) return { state: 'PENDING_INTERVENTION', interventionType: 'UNDERPAY' };
	if (compareDecimals(total, invoice.amount) > 0) return { state: 'PENDING_INTERVENTION', interventionType: 'OVERPAY' };
	return { state: 'PAID', interventionType: null };
}

/** An invoice by `invoiceId` or `idempotencyKey`, or the newest one with `externalId` (a widget's invoices carry the widget's). */
function invoiceOf(emu, { invoiceId, idempotencyKey, externalId }) {
	const invoices = Object.values(emu.state.calypso.invoices);
	let invoice;
	if (invoiceId !== undefined) invoice = emu.state.calypso.invoices[invoiceId];
	else if (idempotencyKey !== undefined) invoice = invoices.find((i) => i.idempotencyKey === idempotencyKey);
	else if (externalId !== undefined) invoice = invoices.filter((i) => i.externalId === String(externalId)).pop();
	if (!invoice) throw new ControlError(404, `no invoice ${invoiceId ?? idempotencyKey ?? `with externalId ${externalId}`}`);
	return invoice;
}

/** The customer pays: funds arrive (FUNDS_RECEIVED), then PAID or PENDING_INTERVENTION. */
async function pay(emu, body) {
	const { mode = 'full', amount, deliveries, wait } = body;
	if (!MODES.includes(mode)) throw new ControlError(400, `mode must be one of ${MODES.join(', ')}`);
	const invoice = invoiceOf(emu, body);
	if (invoice.state !== 'PENDING_PAYMENT') throw new ControlError(409, `invoice ${invoice.id} is ${invoice.state}`);
	if (mode !== 'full' && invoice.amount === null && amount === undefined) throw new ControlError(400, `invoice ${invoice.id} has no fixed amount: give "amount"`);
	const times = positiveInteger(deliveries, 1, 'deliveries');
	const received = receivedAmount(invoice, mode, amount);
	invoice.totalDebitAmount = addDecimals(invoice.totalDebitAmount, received);
	invoice.lastDepositHash = `0x${crypto.randomBytes(32).toString('hex')}`;
	Object.assign(invoice, settle(invoice, invoice.totalDebitAmount, emu.config.calypso.underpayThreshold));
	if (invoice.state === 'PENDING_INTERVENTION') invoice.isInterventionResolved = false;
	const widget = invoice.widgetKey ? emu.state.calypso.widgets[invoice.widgetKey] : undefined;
	if (widget && invoice.state === 'PAID') widget.widgetState = 'COMPLETED';

	const funds = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE';
	const outcome = invoice.state === 'PAID' ? 'INVOICE_PAID' : 'INVOICE_PENDING_INTERVENTION';
	const emitted = [
		emitEvent(emu, { eventType: funds, data: { ...invoiceEventData(emu, invoice, funds, received), lastDepositHash: invoice.lastDepositHash }, deliveries: times }),
		emitEvent(emu, { eventType: outcome, data: invoiceEventData(emu, invoice, outcome), deliveries: times }),
	];
	const webhooks = await dispatch(emitted, wait);
	return { invoice: renderInvoice(emu, invoice), received, events: emitted.map((e) => e.event), webhooks };
}

async function expire(emu, body) {
	const invoice = invoiceOf(emu, body);
	if (invoice.state !== 'PENDING_PAYMENT') throw new ControlError(409, `invoice ${invoice.id} is ${invoice.state}`);
	invoice.state = 'ARCHIVED';
	const eventType = 'INVOICE_EXPIRED';
	const emitted = [emitEvent(emu, { eventType, data: invoiceEventData(emu, invoice, eventType), deliveries: positiveInteger(body.deliveries, 1, 'deliveries') })];
	const webhooks = await dispatch(emitted, body.wait);
	return { invoice: renderInvoice(emu, invoice), events: emitted.map((e) => e.event), webhooks };
}

/**
 * Calypso's compliance service declines the payment: the deposit (`amount`, when given) is held
 * for the check (INVOICE_PENDING_COMPLIANCE), then the invoice is DECLINED
 * (INVOICE_COMPLIANCE_DECLINED). A declined invoice is not paid, whatever it received.
 */
async function decline(emu, body) {
	const invoice = invoiceOf(emu, body);
	if (!['PENDING_PAYMENT', 'MEM_POOL_FOUND', 'PENDING_COMPLIANCE_CHECK'].includes(invoice.state)) throw new ControlError(409, `invoice ${invoice.id} is ${invoice.state}`);
	const times = positiveInteger(body.deliveries, 1, 'deliveries');
	if (body.amount !== undefined) {
		invoice.totalDebitAmount = addDecimals(invoice.totalDebitAmount, checkAmount(body.amount));
		invoice.lastDepositHash = `0x${crypto.randomBytes(32).toString('hex')}`;
	}
	invoice.state = 'DECLINED';
	const emitted = ['INVOICE_PENDING_COMPLIANCE', 'INVOICE_COMPLIANCE_DECLINED'].map((eventType) =>
		emitEvent(emu, { eventType, data: invoiceEventData(emu, invoice, eventType), deliveries: times }),
	);
	const webhooks = await dispatch(emitted, body.wait);
	return { invoice: renderInvoice(emu, invoice), events: emitted.map((e) => e.event), webhooks };
}

/** What unblocking a subscription does: every failed delivery is sent again, byte for byte. */
async function redeliverFailed(emu, { wait }) {
	const failed = emu.webhooks.filter((w) => w.provider === 'calypso' && w.status === 'failed' && !w.meta?.redelivered);
	const cfg = emu.config.calypso;
	const emitted = [{
		sends: failed.map((w) => () => {
			const meta = { ...w.meta, redelivery: true };
			w.meta = { ...w.meta, redelivered: true };
			return emu.sendWebhook(w.url, { headers: w.headers, body: w.body, retries: cfg.retryDelaysMs, timeoutMs: cfg.webhookTimeoutMs, meta });
		}),
	}];
	const webhooks = await dispatch(emitted, wait);
	return { count: failed.length, webhooks };
}

function registerControl(emu) {
	const c = (method, path, handler) =>
		emu.route(method, `/_control/calypso${path}`, async (req, res, ctx) => {
			try {
				emu.json(res, 200, await handler(emu.jsonBody(ctx) ?? {}));
			} catch (error) {
				if (error instanceof ControlError || error instanceof CalypsoFailure) return emu.json(res, error.status, { error: error.message });
				throw error;
			}
		});
	c('POST', '/pick', (body) => pick(emu, body));
	c('POST', '/pay', (body) => pay(emu, body));
	c('POST', '/expire', (body) => expire(emu, body));
	c('POST', '/decline', (body) => decline(emu, body));
	c('POST', '/redeliver-failed', (body) => redeliverFailed(emu, body));
	// Body: { status = 500, count = 1, errorCode = '000', message? }: the next `count` correctly
	// signed API requests answer that error and change nothing.
	c('POST', '/fail-next', ({ status = 500, count = 1, errorCode = '000', message = 'Internal server error' }) => {
		if (!Number.isInteger(status) || status < 400 || status > 599) throw new ControlError(400, 'status must be 400-599');
		emu.state.calypso.failNext = { status, count: positiveInteger(count, 1, 'count'), body: { errorCode: String(errorCode), message } };
		return { failNext: emu.state.calypso.failNext };
	});
	c('GET', '/subscriptions', () => ({ subscriptions: Object.values(emu.state.calypso.subscriptions) }));
	c('GET', '/state', () => {
		const s = emu.state.calypso;
		return {
			widgets: Object.values(s.widgets).map(renderWidget),
			invoices: Object.values(s.invoices).map((i) => renderInvoice(emu, i)),
			subscriptions: Object.values(s.subscriptions),
			events: s.events,
		};
	});
}

module.exports = { registerControl, pick, pay };
