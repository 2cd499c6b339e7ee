'use strict';
// What the emulated Calypso accepts in payloads, and exact decimal arithmetic for amounts
// (crypto amounts have up to 18 decimals, so no floats).
const { fail } = require('./auth');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d+(\.\d+)?$/;

const INVOICE_EVENTS = [
	'INVOICE_CREATE_INVOICE', 'INVOICE_CREATE_UNLIMITED_INVOICE', 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE',
	'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED', 'INVOICE_PENDING_INTERVENTION', 'INVOICE_EXPIRED', 'INVOICE_PAID',
	'INVOICE_MEMPOOL_FOUND', 'INVOICE_PENDING_COMPLIANCE', 'INVOICE_COMPLIANCE_DECLINED',
];
const OTHER_EVENTS = ['PAYOUT_CHANGE_STATUS', 'PAYOUT_CONFIRMED', 'PAYOUT_VALIDATION_ERROR'];
const SERVICE_TYPES = ['INVOICE', 'PAYOUT', 'RECURRENT'];

function payloadOf(envelope) {
	if (!envelope.payload) throw fail(400, '001', 'payload is required');
	return envelope.payload;
}

function requireString(payload, field) {
	const value = payload[field];
	if (typeof value !== 'string' || value.trim() === '') throw fail(400, '001', `${field} is required`);
	return value;
}

function optionalString(payload, field) {
	const value = payload[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw fail(400, '001', `${field} must be a string`);
	return value;
}

function requireUuid(payload, field) {
	const value = requireString(payload, field);
	if (!UUID.test(value)) throw fail(400, '001', `${field} must be a UUID`);
	return value.toLowerCase();
}

function optionalUrl(payload, field) {
	const value = optionalString(payload, field);
	if (value !== undefined && !/^https?:\/\/\S+$/i.test(value)) throw fail(400, '001', `${field} must be an http(s) URL`);
	return value;
}

function checkCurrency(code, currencies, field = 'currency') {
	if (typeof code !== 'string' || code === '') throw fail(400, '001', `${field} is required`);
	if (!currencies.includes(code)) throw fail(400, '014', `Currency ${code} is not enabled for this account`);
	return code;
}

/** A positive amount given as a decimal string (or a JSON number); returns its canonical text. */
function checkAmount(value, field = 'amount') {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || !DECIMAL.test(text)) throw fail(400, '001', `${field} must be a positive decimal`);
	if (!/[1-9]/.test(text)) throw fail(400, '001', `${field} must be more than 0`);
	return text;
}

// Exact decimals: { digits: BigInt, scale } means digits / 10^scale.
function parseDecimal(text) {
	const [whole, fraction = ''] = String(text).split('.');
	return { digits: BigInt(whole + fraction), scale: fraction.length };
}

function rescale(d, scale) {
	return d.digits * 10n ** BigInt(scale - d.scale);
}

function formatDecimal({ digits, scale }) {
	const s = digits.toString().padStart(scale + 1, '0');
	const whole = s.slice(0, s.length - scale);
	const fraction = s.slice(s.length - scale).replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : whole;
}

/** a + b, exactly. */
function addDecimals(a, b) {
	const x = parseDecimal(a);
	const y = parseDecimal(b);
	const scale = Math.max(x.scale, y.scale);
	return formatDecimal({ digits: rescale(x, scale) + rescale(y, scale), scale });
}

/** -1, 0 or 1. */
function compareDecimals(a, b) {
	const x = parseDecimal(a);
	const y = parseDecimal(b);
	const scale = Math.max(x.scale, y.scale);
	const d = rescale(x, scale) - rescale(y, scale);
	return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** amount × numerator / denominator, exact when the denominator divides a power of ten (2, 5, 1000). */
function scaleDecimal(amount, numerator, denominator) {
	const x = parseDecimal(amount);
	const scale = x.scale + 4;
	return formatDecimal({ digits: (rescale(x, scale) * BigInt(numerator)) / BigInt(denominator), scale });
}

module.exports = {
	UUID, INVOICE_EVENTS, OTHER_EVENTS, SERVICE_TYPES,
	payloadOf, requireString, optionalString, requireUuid, optionalUrl, checkCurrency, checkAmount,
	addDecimals, compareDecimals, scaleDecimal,
};
