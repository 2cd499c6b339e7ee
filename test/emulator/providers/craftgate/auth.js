'use strict';
// Craftgate's request check (docs/providers.md §1.2), written for the emulator on its own:
// base64(SHA-256(decoded full URL + apiKey + secretKey + x-rnd-key + raw body bytes)).
const crypto = require('node:crypto');

const AUTH_ERRORS = {
	missing: { status: 401, errorCode: '1', errorDescription: 'x-api-key, x-rnd-key, x-auth-version and x-signature headers are required' },
	version: { status: 401, errorCode: '2', errorDescription: 'x-auth-version must be 1' },
	apiKey: { status: 401, errorCode: '3', errorDescription: 'API key not found' },
	signature: { status: 401, errorCode: '4', errorDescription: 'Signature is not valid' },
};

function sameText(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

function header(headers, name) {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The URL the client called, rebuilt from the Host header and the request target. */
function requestUrl(req) {
	return `http://${req.headers.host}${req.url}`;
}

function expectedSignature({ url, apiKey, secretKey, rnd, rawBody }) {
	let decoded;
	try {
		decoded = decodeURIComponent(url);
	} catch {
		decoded = url;
	}
	const hash = crypto.createHash('sha256');
	hash.update(decoded + apiKey + secretKey + rnd, 'utf8');
	hash.update(rawBody); // the bytes as received, never a re-serialisation
	return hash.digest('base64');
}

/** undefined when the request is signed right, else the error to answer with. */
function checkSignature(req, rawBody, creds) {
	const apiKey = header(req.headers, 'x-api-key');
	const rnd = header(req.headers, 'x-rnd-key');
	const version = header(req.headers, 'x-auth-version');
	const signature = header(req.headers, 'x-signature');
	if (!apiKey || !rnd || !version || !signature) return AUTH_ERRORS.missing;
	if (version !== '1') return AUTH_ERRORS.version;
	if (!sameText(apiKey, creds.apiKey)) return AUTH_ERRORS.apiKey;
	const expected = expectedSignature({ url: requestUrl(req), apiKey: creds.apiKey, secretKey: creds.secretKey, rnd, rawBody });
	if (!sameText(signature, expected)) return AUTH_ERRORS.signature;
	return undefined;
}

/** X-CG-SIGNATURE-V1 of a merchant webhook (docs/providers.md §1.6). */
function webhookSignature(webhookKey, { eventType, eventTimestamp, status, payloadId }) {
	return crypto
		.createHmac('sha256', webhookKey)
		.update(`${eventType}${eventTimestamp}${status}${payloadId}`, 'utf8')
		.digest('base64');
}

module.exports = { checkSignature, expectedSignature, webhookSignature, requestUrl, AUTH_ERRORS };
