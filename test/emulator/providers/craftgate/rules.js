'use strict';
// What the emulated Craftgate refuses, with its {errors:{...}} shape. Field validation answers 400,
// business rules 422 (docs/providers.md §1.3). The error codes are the emulator's own: Craftgate does
// not publish its list, only the shape.
const CURRENCIES = ['TRY', 'USD', 'EUR', 'GBP', 'ARS', 'BRL', 'CNY', 'AED', 'IQD', 'AZN', 'KZT', 'KWD', 'SAR', 'BHD', 'RUB', 'JPY', 'EGP', 'MXN', 'RON'];
const DECIMALS = { JPY: 0, KWD: 3, BHD: 3, IQD: 3 };
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

class CraftgateFailure extends Error {
	constructor(status, errorCode, errorDescription, errorGroup) {
		super(errorDescription);
		this.status = status;
		this.errors = { errorCode, errorDescription, ...(errorGroup ? { errorGroup } : {}) };
	}
}

const invalid = (description) => new CraftgateFailure(400, '4000', description);
const business = (code, description) => new CraftgateFailure(422, code, description);

function decimalsOf(value) {
	const text = String(value);
	if (/e/i.test(text)) return Infinity;
	const dot = text.indexOf('.');
	return dot < 0 ? 0 : text.length - dot - 1;
}

/** Wall-clock "YYYY-MM-DDTHH:mm:ss" of `date` in `timeZone`. */
function localDateTime(date, timeZone) {
	const parts = {};
	const format = new Intl.DateTimeFormat('en-GB', {
		timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
	});
	for (const { type, value } of format.formatToParts(date)) parts[type] = value;
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * Checks a Create/UpdateProductRequest; `nowLocal` is the current time in Craftgate's zone, so a
 * zone-less expiresAt compares as text.
 */
function checkProduct(body, { update = false, nowLocal, requireDescription = false }) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('request body must be a JSON object');
	if (typeof body.name !== 'string' || body.name.trim() === '') throw invalid('name cannot be empty');
	if (requireDescription && (typeof body.description !== 'string' || body.description.trim() === '')) throw invalid('description cannot be empty');
	if (!CURRENCIES.includes(body.currency)) throw invalid(`currency is not valid: ${body.currency}`);
	if (typeof body.price !== 'number' || !Number.isFinite(body.price) || body.price <= 0) throw invalid('price must be greater than zero');
	if (decimalsOf(body.price) > (DECIMALS[body.currency] ?? 2)) throw invalid(`price has too many decimals for ${body.currency}`);
	const installments = body.enabledInstallments;
	if (!Array.isArray(installments) || installments.length === 0 || !installments.every((n) => Number.isInteger(n) && n >= 1 && n <= 12)) {
		throw invalid('enabledInstallments must be a non-empty list of installment counts between 1 and 12');
	}
	if (body.stock !== undefined && body.stock !== null && (!Number.isInteger(body.stock) || body.stock < 1)) throw invalid('stock must be at least 1');
	if (body.orderId && body.stock !== 1) throw business('5010', 'stock must be 1 when orderId is given');
	if (body.expiresAt !== undefined && body.expiresAt !== null) {
		if (typeof body.expiresAt !== 'string' || !DATE_TIME.test(body.expiresAt)) throw invalid('expiresAt must be formatted as yyyy-MM-ddTHH:mm:ss');
		if (!update && body.expiresAt <= nowLocal) throw business('5011', 'expiresAt must be in the future');
	}
	if (update && body.status !== undefined && !['ACTIVE', 'PASSIVE'].includes(body.status)) throw invalid('status must be ACTIVE or PASSIVE');
	for (const field of ['orderId', 'conversationId', 'externalId', 'channel', 'description']) {
		if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') throw invalid(`${field} must be a string`);
	}
	if (body.multiPayment !== undefined && typeof body.multiPayment !== 'boolean') throw invalid('multiPayment must be a boolean');
}

module.exports = { CURRENCIES, CraftgateFailure, checkProduct, localDateTime, invalid, business };
