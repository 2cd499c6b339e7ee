'use strict';
// Calypso's request check (docs/providers.md §4.2), written for the emulator on its own: headers
// Key + Sign, Sign = hex(HMAC-SHA512(secret key of that Key, raw body bytes)), a 2.0 envelope
// {timestamp (ms, ±3 min), account, payload}. Errors are Calypso's {errorCode, message}.
const crypto = require('node:crypto');

/** A valid-looking merchant account id used when config.credentials.calypso has none. */
const DEFAULT_ACCOUNT_ID = '0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c';

class CalypsoFailure extends Error {
	constructor(status, errorCode, message) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}
}

const fail = (status, errorCode, message) => new CalypsoFailure(status, errorCode, message);

function sameText(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

function header(headers, name) {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** hex(HMAC-SHA512(secret, bytes)): request Sign and webhook Sign alike. */
function sign(secret, bytes) {
	return crypto.createHmac('sha512', secret).update(bytes).digest('hex');
}

function accountOf(creds) {
	return creds.accountId ?? DEFAULT_ACCOUNT_ID;
}

/**
 * Checks one API request and returns its envelope `{timestamp, account, payload}`; throws a
 * CalypsoFailure otherwise. Order: headers and key (401 002), body present (400 001), signature
 * over the bytes received (401 003), JSON envelope (400 001), timestamp (400 011), account (400 001).
 */
function checkRequest(req, rawBody, creds, { toleranceMs, now = Date.now() }) {
	const key = header(req.headers, 'key');
	const signature = header(req.headers, 'sign');
	if (!key || !signature) throw fail(401, '002', 'Key and Sign headers are required');
	if (!sameText(key, creds.publicKey)) throw fail(401, '002', 'Invalid api key');
	if (rawBody.length === 0) throw fail(400, '001', 'Request body is required: every call, DELETE included, sends the signed JSON envelope');
	if (!sameText(String(signature).toLowerCase(), sign(creds.secretKey, rawBody))) throw fail(401, '003', 'Wrong sign');

	let envelope;
	try {
		envelope = JSON.parse(rawBody.toString('utf8'));
	} catch {
		throw fail(400, '001', 'Request body is not valid JSON');
	}
	if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) throw fail(400, '001', 'Request body must be a JSON object');
	if ('nonce' in envelope || 'request' in envelope) throw fail(400, '001', 'Calypso 1.0 fields nonce/request are not accepted: use timestamp, account and payload');
	const { timestamp } = envelope;
	if (!Number.isInteger(timestamp)) throw fail(400, '011', 'timestamp must be an integer number of milliseconds');
	if (Math.abs(now - timestamp) > toleranceMs) {
		const hint = timestamp < 1e12 ? ' (it looks like seconds; milliseconds are expected)' : '';
		throw fail(400, '011', `Invalid timestamp: more than ${toleranceMs / 60000} minutes from server time${hint}`);
	}
	if (envelope.account !== accountOf(creds)) throw fail(400, '001', 'account is missing or is not an account of this API key');
	if (envelope.payload !== undefined && (envelope.payload === null || typeof envelope.payload !== 'object' || Array.isArray(envelope.payload))) {
		throw fail(400, '001', 'payload must be a JSON object');
	}
	return envelope;
}

module.exports = { CalypsoFailure, fail, checkRequest, sign, sameText, accountOf, DEFAULT_ACCOUNT_ID };
