'use strict';
// 360dialog's WhatsApp Cloud API (docs/providers.md §2): POST /messages with order_details /
// order_status payment messages, GET /health_status, the payment lookup on both of its documented
// paths, the number's webhook (GET/POST /v1/configs/webhook) and the payment status webhooks.
// Control routes that play the customer are in dialog360/control.js; README.md documents both.
const crypto = require('node:crypto');
const { graphError, webhookError } = require('./dialog360/errors');
const { checkMessage, RuleViolation } = require('./dialog360/rules');
const { newOrder, lookupPayment } = require('./dialog360/payments');
const { sendToWebhook } = require('./dialog360/webhooks');
const { registerControl } = require('./dialog360/control');
const { transitionError } = require('./exotel/orderRules');

exports.defaults = {
	/** Wire spellings accepted for the partially-shipped order status. */
	partiallyShippedSpellings: ['partially_shipped'],
	requireBeneficiariesForPhysicalGoods: true,
	requireImporterWithoutCatalog: true,
	/** order_details must use the Cloud API's payment_settings (not Exotel's payment_type). */
	requirePaymentSettings: true,
	/** `to` must be digits only, as the package promises to send it. */
	digitsOnlyRecipient: true,
	/** Where the payment lookup answers; the other documented path then answers 404. */
	lookupPaths: ['/v1/payments', '/payments'],
	/** Whether the webhook's payment object names its payment configuration (undocumented). */
	includePaymentConfigurationInWebhook: false,
	/** Whether GET /v1/configs/webhook shows the custom headers (undocumented). */
	showWebhookHeaders: true,
	/** Whether POST /v1/configs/webhook accepts {"url": ""} to clear the webhook (undocumented). */
	allowEmptyWebhookUrl: true,
	/** x-360dialog-signature encoding when credentials.dialog360.partnerWebhookSecret is set: hex, base64 or none. */
	signature: 'hex',
	retryDelaysMs: [1000, 2000],
	webhookTimeoutMs: 15000,
	/** Delay before the asynchronous 2046/2047 failure webhook. */
	asyncErrorDelayMs: 100,
	wabaId: 'emulator-waba-id',
	phoneNumberId: 'emulator-phone-number-id',
	displayPhoneNumber: '918000000000',
};

exports.createState = () => ({
	messages: [],
	orders: {},
	webhook: { url: null, headers: null },
	lastWebhook: null,
	failNext: null,
});

const newWamid = () => `wamid.${crypto.randomBytes(24).toString('base64url')}`;

function sameSecret(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

/** The D360-API-KEY header against config.credentials.dialog360; answers 401 itself when wrong. */
function authorized(emu, req, res) {
	const key = req.headers['d360-api-key'];
	if (typeof key === 'string' && sameSecret(key, emu.credentials().apiKey)) return true;
	emu.json(res, 401, graphError(0, 'Invalid D360-API-KEY', { message: 'Invalid D360-API-KEY', type: 'OAuthException' }));
	return false;
}

function parseJson(ctx) {
	if (ctx.body !== undefined) return ctx.body;
	try {
		return JSON.parse(ctx.rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}

function violationAnswer(violation) {
	const code = violation.category === 'Missing parameter' ? 131008 : 131009;
	return graphError(code, `${violation.field}: ${violation.rule}`);
}

/** Applies an accepted order_status: moves the order, or schedules the asynchronous 2046/2047 webhook. */
function applyOrderStatus(emu, message, checked) {
	const order = emu.state.dialog360.orders[checked.referenceId];
	const payment = order ? { new: 'none', captured: 'success' }[order.payment] ?? order.payment : 'none';
	const error = transitionError(order?.status, checked.status, payment);
	if (!error) {
		order.status = checked.status;
		order.history.push({ status: checked.status, wamid: message.wamid, at: message.created_at });
		return;
	}
	message.async_error = error;
	const title = error.code === 2047 ? 'Cannot cancel order' : 'Invalid status transition';
	const failed = {
		id: message.wamid,
		recipient_id: message.to,
		status: 'failed',
		timestamp: String(Math.floor(Date.now() / 1000)),
		errors: [webhookError(error.code, title, error.message, `order ${checked.referenceId}: ${order?.status ?? 'unknown'} → ${checked.status}`)],
	};
	const timer = setTimeout(() => sendToWebhook(emu, { statuses: [failed] }, { wamid: message.wamid, error: error.code }), emu.config.dialog360.asyncErrorDelayMs);
	timer.unref();
}

function handleSend(emu, req, res, ctx) {
	const state = emu.state.dialog360;
	const cfg = emu.config.dialog360;
	if (!authorized(emu, req, res)) return;
	if (state.failNext && state.failNext.count > 0) {
		state.failNext.count--;
		const { status, body } = state.failNext;
		return emu.json(res, status, body);
	}
	const payload = parseJson(ctx);
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
		return emu.json(res, 400, graphError(100, ctx.parseError ?? 'The request body must be a JSON object'));
	}
	let checked;
	try {
		checked = checkMessage(payload, cfg, Math.floor(Date.now() / 1000));
		if (checked.kind === 'order_details' && state.orders[checked.referenceId]) {
			throw new RuleViolation('interactive.action.parameters.reference_id', `"${checked.referenceId}" was already used by another order_details message`);
		}
	} catch (err) {
		if (err instanceof RuleViolation) return emu.json(res, 400, violationAnswer(err));
		throw err;
	}
	const stored = {
		wamid: newWamid(),
		to: payload.to,
		type: checked.kind,
		reference_id: checked.referenceId,
		order_status: checked.kind === 'order_status' ? checked.status : undefined,
		amount: checked.total,
		payment_configuration: checked.configuration,
		gateway: checked.gateway,
		created_at: new Date().toISOString(),
		content: payload,
	};
	if (checked.kind === 'text') Object.assign(stored, { text: checked.text, preview_url: checked.previewUrl });
	state.messages.push(stored);
	if (checked.kind === 'order_details') state.orders[checked.referenceId] = newOrder(checked, stored);
	else if (checked.kind === 'order_status') applyOrderStatus(emu, stored, checked);
	emu.json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: payload.to, wa_id: payload.to }], messages: [{ id: stored.wamid }] });
}

function handleLookup(emu, prefix, req, res, { params }) {
	if (!authorized(emu, req, res)) return;
	if (!emu.config.dialog360.lookupPaths.includes(prefix)) {
		return emu.json(res, 404, graphError(100, `Unknown path components: ${prefix}`, { message: 'Unsupported get request.', type: 'GraphMethodException' }));
	}
	const order = emu.state.dialog360.orders[params.reference_id];
	if (!order || order.payment_configuration !== params.configuration) {
		return emu.json(res, 404, graphError(100, `No payment for reference_id "${params.reference_id}" under payment configuration "${params.configuration}"`, { message: 'Payment not found', type: 'GraphMethodException' }));
	}
	emu.json(res, 200, { payments: [lookupPayment(order)] });
}

function handleGetWebhook(emu, req, res) {
	if (!authorized(emu, req, res)) return;
	const { url, headers } = emu.state.dialog360.webhook;
	emu.json(res, 200, emu.config.dialog360.showWebhookHeaders ? { url, headers: headers ?? {} } : { url });
}

function handleSetWebhook(emu, req, res, ctx) {
	if (!authorized(emu, req, res)) return;
	const body = parseJson(ctx);
	const bad = (details) => emu.json(res, 400, graphError(100, details));
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('The request body must be a JSON object');
	if (typeof body.url !== 'string') return bad('url: is required');
	if (body.url === '') {
		if (!emu.config.dialog360.allowEmptyWebhookUrl) return bad('url: must not be empty');
		emu.state.dialog360.webhook = { url: null, headers: null };
		return emu.json(res, 200, { url: '' });
	}
	let parsed;
	try {
		parsed = new URL(body.url);
	} catch {
		parsed = null;
	}
	if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return bad('url: must be an http(s) URL');
	const headers = body.headers ?? null;
	if (headers !== null && (typeof headers !== 'object' || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
		return bad('headers: must be an object of strings');
	}
	emu.state.dialog360.webhook = { url: body.url, headers };
	emu.json(res, 200, { url: body.url });
}

exports.register = (emu) => {
	emu.route('POST', '/messages', (req, res, ctx) => handleSend(emu, req, res, ctx));
	emu.route('POST', '/v1/messages', (req, res, ctx) => handleSend(emu, req, res, ctx));
	emu.route('GET', '/health_status', (req, res) => authorized(emu, req, res) && emu.json(res, 200, { health_status: { can_send_message: 'AVAILABLE' } }));
	emu.route('GET', '/v1/payments/:configuration/:reference_id', (req, res, ctx) => handleLookup(emu, '/v1/payments', req, res, ctx));
	emu.route('GET', '/payments/:configuration/:reference_id', (req, res, ctx) => handleLookup(emu, '/payments', req, res, ctx));
	emu.route('GET', '/v1/configs/webhook', (req, res) => handleGetWebhook(emu, req, res));
	emu.route('POST', '/v1/configs/webhook', (req, res, ctx) => handleSetWebhook(emu, req, res, ctx));
	registerControl(emu);
};
