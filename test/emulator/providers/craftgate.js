'use strict';
// Craftgate (docs/providers.md §1): pay-by-link products, payment retrieve/search, merchant webhooks.
// Every API request must carry a valid x-signature, checked from the raw body bytes and the full
// URL. Control routes that play the payer are in craftgate/control.js; README.md documents both.
const { checkSignature } = require('./craftgate/auth');
const { CraftgateFailure, checkProduct, invalid } = require('./craftgate/rules');
const { createState, writeProduct, nowLocal, payDuringDeactivation } = require('./craftgate/store');
const { registerControl } = require('./craftgate/control');
const { registerPaymentPage } = require('./craftgate/page');

exports.defaults = {
	/** Where payment webhooks go (Craftgate panel: Merchant Webhook URL); none are sent while null. */
	merchantWebhookUrl: null,
	/** Event a link payment reports; Craftgate does not document it (docs/providers.md §1.6). */
	webhookEventType: 'API_AUTH',
	/** Whether failed payments are reported too (the docs have said both). */
	webhookOnFailure: true,
	/** Craftgate documents no retry schedule; these are the emulator's. */
	retryDelaysMs: [1000, 5000],
	webhookTimeoutMs: 15000,
	/** Zone of expiresAt / createdDate (assumed Turkey time). */
	timeZone: 'Europe/Istanbul',
	requireDescription: false,
	maxPageSize: 100,
};

exports.createState = createState;

const NOT_FOUND = { product: ['5015', 'Product not found'], payment: ['9001', 'Payment not found'] };

function fail(emu, res, failure) {
	emu.json(res, failure.status, { errors: failure.errors });
}

/** Wraps an API handler: signature first (401 before anything else), Craftgate errors as {errors}. */
function api(emu, handler) {
	return async (req, res, ctx) => {
		const refused = checkSignature(req, ctx.rawBody, emu.credentials());
		if (refused) return emu.json(res, refused.status, { errors: { errorCode: refused.errorCode, errorDescription: refused.errorDescription } });
		const injected = takeInjectedFailure(emu);
		if (injected) return emu.json(res, injected.status, injected.body);
		try {
			const data = await handler(ctx, req);
			if (data === undefined) return emu.text(res, 200, '');
			emu.json(res, 200, { data });
		} catch (error) {
			if (error instanceof CraftgateFailure) return fail(emu, res, error);
			throw error;
		}
	};
}

/** Set by POST /_control/craftgate/fail-next: the next signed requests fail and change nothing. */
function takeInjectedFailure(emu) {
	const failNext = emu.state.craftgate.failNext;
	if (!failNext || failNext.count <= 0) return undefined;
	failNext.count -= 1;
	return failNext;
}

function jsonOf(ctx) {
	if (ctx.rawBody.length === 0) throw invalid('request body is required');
	try {
		return JSON.parse(ctx.rawBody.toString('utf8'));
	} catch {
		throw invalid('request body is not valid JSON');
	}
}

function notFound(kind) {
	return new CraftgateFailure(404, NOT_FOUND[kind][0], NOT_FOUND[kind][1]);
}

function page(query, items, maxPageSize) {
	const pageIndex = Math.max(0, Number.parseInt(query.page ?? '0', 10) || 0);
	const size = Math.min(maxPageSize, Math.max(1, Number.parseInt(query.size ?? '10', 10) || 10));
	return { page: pageIndex, size, totalSize: items.length, items: items.slice(pageIndex * size, pageIndex * size + size) };
}

const equalsIfGiven = (query, key, value) => query[key] === undefined || String(value ?? '') === query[key];

function matchesProduct(p, q) {
	return (
		(q.name === undefined || String(p.name).toLowerCase().includes(q.name.toLowerCase())) &&
		['id', 'orderId', 'conversationId', 'externalId', 'channel', 'currency'].every((k) => equalsIfGiven(q, k, p[k])) &&
		(q.minPrice === undefined || p.price >= Number(q.minPrice)) &&
		(q.maxPrice === undefined || p.price <= Number(q.maxPrice)) &&
		(q.minExpiresAt === undefined || (p.expiresAt && p.expiresAt >= q.minExpiresAt)) &&
		(q.maxExpiresAt === undefined || (p.expiresAt && p.expiresAt <= q.maxExpiresAt))
	);
}

function matchesPayment(p, q) {
	return (
		['paymentSource', 'paymentStatus', 'orderId', 'conversationId', 'externalId', 'currency', 'paymentType', 'paymentChannel'].every((k) => equalsIfGiven(q, k, p[k])) &&
		equalsIfGiven(q, 'paymentId', p.id)
	);
}

function reportingView(payment) {
	return { ...payment, retryCount: 0, refundablePrice: payment.paymentStatus === 'SUCCESS' ? payment.paidPrice : 0, refundStatus: 'NO_REFUND', refunds: [] };
}

exports.register = (emu) => {
	const state = () => emu.state.craftgate;
	const cfg = () => emu.config.craftgate;
	const product = (id) => state().products[id] ?? (() => { throw notFound('product'); })();
	const paymentById = (id) => state().payments.find((p) => String(p.id) === String(id)) ?? (() => { throw notFound('payment'); })();
	const rules = (update) => ({ update, nowLocal: nowLocal(emu), requireDescription: cfg().requireDescription });

	emu.route('POST', '/craftlink/v1/products', api(emu, (ctx) => {
		const body = jsonOf(ctx);
		checkProduct(body, rules(false));
		return writeProduct(emu, body);
	}));
	emu.route('GET', '/craftlink/v1/products', api(emu, ({ query }) => {
		const items = Object.values(state().products).filter((p) => matchesProduct(p, query));
		return page(query, items, cfg().maxPageSize);
	}));
	emu.route('GET', '/craftlink/v1/products/:id', api(emu, ({ params }) => product(params.id)));
	emu.route('PUT', '/craftlink/v1/products/:id', api(emu, (ctx) => {
		const existing = product(ctx.params.id);
		const body = jsonOf(ctx);
		checkProduct(body, rules(true));
		if (body.status === 'PASSIVE' && existing.status !== 'PASSIVE') payDuringDeactivation(emu, existing);
		return writeProduct(emu, body, existing);
	}));
	emu.route('DELETE', '/craftlink/v1/products/:id', api(emu, ({ params }) => {
		const existing = product(params.id);
		delete state().products[existing.id];
		state().deleted[existing.id] = existing;
		return undefined;
	}));

	emu.route('GET', '/payment/v1/card-payments/:id', api(emu, ({ params }) => paymentById(params.id)));
	emu.route('GET', '/payment/v1/checkout-payments/:token', api(emu, ({ params }) => {
		const id = state().checkoutTokens[params.token];
		if (id === undefined) throw notFound('payment');
		return paymentById(id);
	}));
	emu.route('GET', '/payment-reporting/v1/payments/:id', api(emu, ({ params }) => reportingView(paymentById(params.id))));
	emu.route('GET', '/payment-reporting/v1/payments', api(emu, ({ query }) => {
		const items = state().payments.filter((p) => matchesPayment(p, query)).map(reportingView);
		return page(query, items, cfg().maxPageSize);
	}));

	registerControl(emu);
	registerPaymentPage(emu);
};
