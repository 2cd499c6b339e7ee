'use strict';
// Exotel WhatsApp v2 messages API (docs/providers.md §3): POST /v2/accounts/:sid/messages with
// order_details / order_status payment messages, and the status callbacks that follow.
// Control routes that play the customer are in exotel/control.js; README.md documents both.
const crypto = require('node:crypto');
const { checkOrderDetails, checkOrderStatus, transitionError, RuleViolation } = require('./exotel/orderRules');
const { ORDER_STATUS_REJECTED, istTimestamp, encodeCallback } = require('./exotel/callbacks');
const { registerControl } = require('./exotel/control');

const MAX_MESSAGES = 100;
const PHONE = /^\+?\d{10,15}$/;
/** WhatsApp's limit on a text body (docs/providers.md §2.10, §3.9), counted in characters (code points). */
const MAX_TEXT_CHARACTERS = 4096;

exports.defaults = {
	/** Account-default status callback, used when a request names none (set during onboarding). */
	defaultStatusCallback: null,
	/** Wire spellings accepted for the partially-shipped order status. */
	partiallyShippedSpellings: ['partially_shipped'],
	requireBeneficiariesForPhysicalGoods: true,
	requireImporterWithoutCatalog: true,
	/** HTTP status when every message of a request is rejected (undocumented by Exotel). */
	allFailedHttpStatus: 400,
	callbackWrapper: 'whatsapp', // or 'params'
	callbackEncoding: 'json', // or 'form', 'form-bracket'
	statusCodeAsString: false,
	/** Exotel retries a callback up to 2 times on non-2xx; only the first two delays are used. */
	retryDelaysMs: [1000, 2000],
	webhookTimeoutMs: 15000,
	/** Delay before an asynchronous 2046/2047 failure callback. */
	asyncErrorDelayMs: 100,
};

exports.createState = () => ({ messages: [], orders: {}, conversations: {}, lastCallback: null, failNext: null });

const newId = () => crypto.randomBytes(16).toString('hex');

function errorEnvelope(httpCode, code, message, description) {
	return {
		request_id: newId(),
		method: 'POST',
		http_code: httpCode,
		response: { code: httpCode, error_data: { code, message, description }, status: 'failure', data: null },
	};
}

function sameSecret(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

/** Basic key:token in the Authorization header, and the account SID of the path. */
function authorized(creds, authorization, sid) {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return false;
	const keyOk = sameSecret(decoded.slice(0, colon), creds.apiKey);
	const tokenOk = sameSecret(decoded.slice(colon + 1), creds.apiToken);
	return keyOk && tokenOk && sid === creds.accountSid;
}

function parseJson(ctx) {
	if (ctx.body !== undefined) return ctx.body;
	try {
		return JSON.parse(ctx.rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}

function conversationId(state, to) {
	state.conversations[to] ??= newId();
	return state.conversations[to];
}

/** Sends a status callback for a stored message. → the delivery record, or null without a URL. */
function sendCallback(emu, message, fields) {
	const cfg = emu.config.exotel;
	const url = message.status_callback ?? cfg.defaultStatusCallback;
	if (!url) return null;
	const item = {
		callback_type: 'dlr',
		sid: message.sid,
		to: message.to,
		exo_status_code: fields.exo_status_code,
		exo_detailed_status: fields.exo_detailed_status,
		description: fields.description,
		timestamp: istTimestamp(),
		custom_data: message.custom_data,
		conversation_id: message.conversation_id,
		payment_reference_id: message.reference_id,
		...fields.extra,
	};
	const { headers, body } = encodeCallback(item, cfg);
	const state = emu.state.exotel;
	state.lastCallback = { url, headers, body, sid: message.sid };
	return emu.sendWebhook(url, {
		headers,
		body,
		retries: cfg.retryDelaysMs.slice(0, 2),
		timeoutMs: cfg.webhookTimeoutMs,
		meta: { sid: message.sid, exo_status_code: item.exo_status_code },
	});
}

/** A text content: a body of 1..4096 characters, an optional boolean preview_url. */
function checkText(text) {
	if (typeof text?.body !== 'string' || text.body === '') throw new RuleViolation('content.text.body', 'is required', 'Missing parameter');
	const length = [...text.body].length;
	if (length > MAX_TEXT_CHARACTERS) throw new RuleViolation('content.text.body', `must be at most ${MAX_TEXT_CHARACTERS} characters, got ${length}`);
	if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') throw new RuleViolation('content.text.preview_url', 'must be a boolean');
	return { kind: 'text', text: text.body, previewUrl: text.preview_url === true };
}

function checkContent(message, cfg, nowSeconds) {
	if (message === null || typeof message !== 'object') throw new RuleViolation('message', 'must be an object');
	for (const key of ['from', 'to']) {
		if (message[key] === undefined) throw new RuleViolation(key, 'is required', 'Missing parameter');
		if (typeof message[key] !== 'string' || !PHONE.test(message[key])) throw new RuleViolation(key, 'must be a phone number (E.164)');
	}
	const content = message.content;
	if (content === null || typeof content !== 'object') throw new RuleViolation('content', 'is required', 'Missing parameter');
	if (content.type === 'text') return checkText(content.text);
	if (content.type !== 'interactive') return { kind: String(content.type) };
	const interactive = content.interactive;
	if (interactive === null || typeof interactive !== 'object') throw new RuleViolation('content.interactive', 'is required', 'Missing parameter');
	if (interactive.type === 'order_details') {
		return { kind: 'order_details', ...checkOrderDetails(interactive, { nowSeconds, ...cfg }) };
	}
	if (interactive.type === 'order_status') {
		const acceptedStatuses = ['processing', ...cfg.partiallyShippedSpellings, 'shipped', 'completed', 'canceled'];
		return { kind: 'order_status', ...checkOrderStatus(interactive, { acceptedStatuses }) };
	}
	return { kind: `interactive:${interactive.type}` };
}

function failure(violation, index) {
	const where = violation.field.startsWith('interactive') ? `content.${violation.field}` : violation.field;
	return {
		code: 400,
		status: 'failure',
		error_data: { code: 1002, message: violation.category, description: `whatsapp.messages[${index}].${where}: ${violation.rule}` },
		data: null,
	};
}

/** Applies an accepted order_status: moves the order, or schedules the asynchronous 2046/2047. */
function applyOrderStatus(emu, message, checked) {
	const order = emu.state.exotel.orders[checked.referenceId];
	const error = transitionError(order?.status, checked.status, order?.payment ?? 'none');
	if (!error) {
		order.status = checked.status;
		order.history.push({ status: checked.status, sid: message.sid, at: new Date().toISOString() });
		return;
	}
	message.async_error = error;
	const timer = setTimeout(() => {
		sendCallback(emu, message, {
			...ORDER_STATUS_REJECTED,
			description: error.message,
			extra: { error_code: error.code, error_message: error.message },
		});
	}, emu.config.exotel.asyncErrorDelayMs);
	timer.unref();
}

/** A message refused by a `partial` fault: not stored, as if Exotel had been too busy to take it. */
const PARTLY_REFUSED = Object.freeze({
	code: 503,
	status: 'failure',
	error_data: { code: 1003, message: 'Service unavailable', description: 'The emulator was told to refuse this message (partial fault)' },
	data: null,
});

function handleSend(emu, req, res, ctx) {
	const state = emu.state.exotel;
	const cfg = emu.config.exotel;
	if (!authorized(emu.credentials(), req.headers.authorization, ctx.params.sid)) {
		return emu.json(res, 401, errorEnvelope(401, 1010, 'Authorization failed', 'Authorization failed'));
	}
	if (state.failNext && state.failNext.count > 0) {
		state.failNext.count--;
		const { status, body } = state.failNext;
		return emu.json(res, status, body ?? errorEnvelope(status, status, 'Emulated failure', `The emulator was told to answer ${status}`));
	}
	const payload = parseJson(ctx);
	const bad = (description) => emu.json(res, 400, errorEnvelope(400, 1002, 'Invalid parameter', description));
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return bad('The request body must be a JSON object');
	const channel = payload.whatsapp;
	if (!Array.isArray(channel?.messages) || channel.messages.length === 0) return bad('whatsapp.messages must be a non-empty array');
	if (channel.messages.length > MAX_MESSAGES) {
		return bad(`More than ${MAX_MESSAGES} messages specified in a request (got ${channel.messages.length})`);
	}

	const nowSeconds = Math.floor(Date.now() / 1000);
	const requestId = newId();
	const results = channel.messages.map((message, index) => {
		// A `partial` fault (test/emulator/faults.js): only the first `accept` messages go through.
		if (ctx.fault?.kind === 'partial' && index >= ctx.fault.accept) return PARTLY_REFUSED;
		let checked;
		try {
			checked = checkContent(message, cfg, nowSeconds);
			if (checked.kind === 'order_details' && state.orders[checked.referenceId]) {
				throw new RuleViolation('content.interactive.action.parameters.reference_id', `"${checked.referenceId}" was already used by another order_details message`, 'Duplicate reference_id');
			}
		} catch (err) {
			if (err instanceof RuleViolation) return failure(err, index);
			throw err;
		}
		const stored = {
			sid: newId(),
			request_id: requestId,
			from: message.from,
			to: message.to,
			type: checked.kind,
			reference_id: checked.referenceId,
			order_status: checked.kind === 'order_status' ? checked.status : undefined,
			amount: checked.total,
			status_callback: message.status_callback ?? channel.status_callback ?? payload.status_callback ?? null,
			custom_data: message.custom_data ?? channel.custom_data ?? payload.custom_data,
			conversation_id: conversationId(state, message.to),
			created_at: new Date().toISOString(),
			content: message.content,
		};
		if (checked.kind === 'text') Object.assign(stored, { text: checked.text, preview_url: checked.previewUrl });
		state.messages.push(stored);
		if (checked.kind === 'order_details') {
			state.orders[checked.referenceId] = {
				reference_id: checked.referenceId,
				sid: stored.sid,
				status: 'pending',
				payment: 'none',
				expires_at: checked.expiresAt,
				history: [{ status: 'pending', sid: stored.sid, at: stored.created_at }],
				transactions: [],
			};
		} else if (checked.kind === 'order_status') {
			applyOrderStatus(emu, stored, checked);
		}
		return { code: 202, status: 'success', error_data: null, data: { sid: stored.sid } };
	});

	const success = results.filter((r) => r.status === 'success').length;
	const httpCode = success > 0 ? 202 : cfg.allFailedHttpStatus;
	emu.json(res, httpCode, {
		request_id: requestId,
		method: 'POST',
		http_code: httpCode,
		metadata: { total: results.length, success, failed: results.length - success },
		response: { whatsapp: { messages: results } },
	});
}

/**
 * v1 Account Balance (the credential test's read-only call). The v1 error and answer bodies are the
 * emulator's guess at Exotel's v1 shape; only the status codes matter to the package.
 */
function handleBalance(emu, req, res, ctx) {
	if (!authorized(emu.credentials(), req.headers.authorization, ctx.params.sid)) {
		return emu.json(res, 401, { RestException: { Status: 401, Message: 'Authentication failed. Invalid API Key or Token.' } });
	}
	emu.json(res, 200, { Balance: { Amount: '1000.00', Currency: 'INR' } });
}

exports.register = (emu) => {
	emu.route('POST', '/v2/accounts/:sid/messages', (req, res, ctx) => handleSend(emu, req, res, ctx));
	emu.route('GET', '/v1/Accounts/:sid/Balance.json', (req, res, ctx) => handleBalance(emu, req, res, ctx));
	registerControl(emu, { sendCallback });
};
