'use strict';
// Calypso Pay (docs/providers.md §4): unlimited-linked payment widgets, invoices, webhook
// subscriptions and signed invoice webhooks. Every API call is checked like Calypso does:
// Key/Sign over the raw body bytes, the 2.0 envelope's timestamp (±3 min) and account.
// Helpers are in calypso/; README.md documents the API and the control routes.
const { CalypsoFailure, checkRequest } = require('./calypso/auth');
const store = require('./calypso/store');
const { registerControl } = require('./calypso/control');
const { emitEvent, deliverInOrder, invoiceEventData } = require('./calypso/events');
const { registerPayPage } = require('./calypso/page');

exports.defaults = {
	/** Waits between delivery attempts of a webhook (Calypso: 30 s, Fibonacci-like, 19 retries). */
	retryDelaysMs: [200, 400, 600],
	webhookTimeoutMs: 5000,
	/** How far the envelope's timestamp may be from the emulator's clock. */
	timestampToleranceMs: 3 * 60 * 1000,
	/** Assets the emulated account has enabled (others: 400 errorCode 014). */
	currencies: ['BTC', 'ETH', 'USDT', 'USDT_TRX', 'TRX', 'USDC', 'LTC', 'BNB'],
	/** Render amounts as JSON numbers, as Calypso's docs show them; false sends decimal strings. */
	numericAmounts: true,
	/** Below this share of a fixed amount an invoice is underpaid (Calypso's documented 0.995). */
	underpayThreshold: 0.995,
	singleInvoiceLifetimeMs: 24 * 60 * 60 * 1000,
	widgetLifetimeMs: 30 * 24 * 60 * 60 * 1000,
};

exports.createState = store.createState;

/** Set by POST /_control/calypso/fail-next: the next signed requests fail and change nothing. */
function takeInjectedFailure(emu) {
	const failNext = emu.state.calypso.failNext;
	if (!failNext || failNext.count <= 0) return undefined;
	failNext.count -= 1;
	return failNext;
}

/** Wraps an API handler: request check first, Calypso errors as {errorCode, message}. */
function api(emu, handler) {
	return async (req, res, ctx) => {
		try {
			const envelope = checkRequest(req, ctx.rawBody, emu.credentials(), { toleranceMs: emu.config.calypso.timestampToleranceMs });
			const injected = takeInjectedFailure(emu);
			if (injected) return emu.json(res, injected.status, injected.body);
			const answer = await handler(envelope);
			if (answer === undefined) return emu.text(res, 200, '');
			emu.json(res, 200, answer);
		} catch (error) {
			if (error instanceof CalypsoFailure) return emu.json(res, error.status, { errorCode: error.errorCode, message: error.message });
			throw error;
		}
	};
}

/** A created invoice: its "created" webhook goes out in the background; the API answers at once. */
function announce(emu, invoice, eventType) {
	deliverInOrder([emitEvent(emu, { eventType, data: invoiceEventData(emu, invoice, eventType) })]).catch(() => undefined);
	return store.renderInvoice(emu, invoice);
}

exports.register = (emu) => {
	const route = (method, path, handler) => emu.route(method, path, api(emu, handler));
	route('POST', '/api/v1/payment-widget/unlimited-linked/create', (envelope) => store.renderWidget(store.createWidget(emu, envelope)));
	route('POST', '/api/v1/payment-widget/unlimited-linked/find', (envelope) => store.renderWidget(store.findWidget(emu, envelope)));
	route('POST', '/api/v1/invoice', (envelope) => store.renderInvoice(emu, store.findInvoice(emu, envelope)));
	route('POST', '/api/v1/invoice/single/create', (envelope) => announce(emu, store.createInvoice(emu, envelope, 'SINGLE'), 'INVOICE_CREATE_INVOICE'));
	route('POST', '/api/v1/invoice/unlimited/create', (envelope) => announce(emu, store.createInvoice(emu, envelope, 'UNLIMITED'), 'INVOICE_CREATE_UNLIMITED_INVOICE'));
	route('POST', '/api/v1/subscription/webhook/create', (envelope) => ({ ...store.createSubscription(emu, envelope) }));
	route('POST', '/api/v1/subscription/webhook', () => ({ subscriptions: Object.values(emu.state.calypso.subscriptions).map((s) => ({ ...s })) }));
	route('DELETE', '/api/v1/subscription/webhook', (envelope) => {
		store.deleteSubscription(emu, envelope);
		return undefined;
	});
	registerControl(emu);
	registerPayPage(emu);
};
