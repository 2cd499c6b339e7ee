'use strict';
// WhatsApp payment-message rules as Exotel/WhatsApp enforce them (docs/providers.md §2.3, §2.4, §3.4, §5).
// Written independently of the package's own validation on purpose: the emulator must be able to
// catch the package's mistakes, so it must not share its code.

const REFERENCE_ID = /^[A-Za-z0-9_.-]{1,35}$/;
const PAYMENT_TYPE = /^(upi|payment_gateway(:[a-z_]+)?)$/;
const GATEWAYS = ['razorpay', 'payu', 'billdesk', 'zaakpay'];
const GOODS_TYPES = ['digital-goods', 'physical-goods'];
const MIN_EXPIRY_SECONDS = 300;

class RuleViolation extends Error {
	constructor(field, message, category = 'Invalid parameter') {
		super(`${field}: ${message}`);
		this.field = field;
		this.rule = message;
		this.category = category;
	}
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const fail = (field, message, category) => {
	throw new RuleViolation(field, message, category);
};

function requireObject(field, v) {
	if (v === undefined) fail(field, 'is required', 'Missing parameter');
	if (!isObject(v)) fail(field, 'must be an object');
	return v;
}

/** A string of 1..max characters (or absent when optional). */
function checkText(field, v, max, { required = true } = {}) {
	if (v === undefined || v === null) {
		if (required) fail(field, 'is required', 'Missing parameter');
		return;
	}
	if (typeof v !== 'string') fail(field, 'must be a string');
	if (required && v.trim() === '') fail(field, 'must not be empty');
	if (max && v.length > max) fail(field, `must not exceed ${max} characters (got ${v.length})`);
}

/** {value: integer, offset: 100}; positive unless zero is allowed (tax, shipping, discount). */
function checkAmount(field, a, { allowZero = false, required = true } = {}) {
	if (a === undefined && !required) return null;
	requireObject(field, a);
	if (!Number.isInteger(a.offset) || a.offset !== 100) fail(`${field}.offset`, 'must be 100 for INR');
	if (!Number.isInteger(a.value)) fail(`${field}.value`, 'must be an integer (amount × 100)');
	if (allowZero ? a.value < 0 : a.value <= 0) fail(`${field}.value`, allowZero ? 'must not be negative' : 'must be positive');
	return a.value;
}

function checkReferenceId(field, v) {
	if (v === undefined) fail(field, 'is required', 'Missing parameter');
	if (typeof v !== 'string' || !REFERENCE_ID.test(v)) {
		fail(field, 'must be 1-35 characters of English letters, digits, "_", "-" or "."');
	}
}

function checkBodyAndFooter(interactive) {
	requireObject('interactive.body', interactive.body);
	checkText('interactive.body.text', interactive.body.text, 1024);
	if (interactive.footer !== undefined) {
		requireObject('interactive.footer', interactive.footer);
		checkText('interactive.footer.text', interactive.footer.text, 60);
	}
}

function checkPaymentSelection(p, f) {
	if (p.payment_settings !== undefined) {
		if (!Array.isArray(p.payment_settings) || p.payment_settings.length === 0) fail(`${f}.payment_settings`, 'must be a non-empty array');
		p.payment_settings.forEach((s, i) => {
			const sf = `${f}.payment_settings[${i}]`;
			requireObject(sf, s);
			if (s.type !== 'payment_gateway') fail(`${sf}.type`, 'must be "payment_gateway"');
			requireObject(`${sf}.payment_gateway`, s.payment_gateway);
			if (!GATEWAYS.includes(s.payment_gateway.type)) fail(`${sf}.payment_gateway.type`, `must be one of ${GATEWAYS.join(', ')}`);
			checkText(`${sf}.payment_gateway.configuration_name`, s.payment_gateway.configuration_name, 60);
		});
		return;
	}
	if (p.payment_type === undefined) fail(`${f}.payment_type`, 'is required', 'Missing parameter');
	if (typeof p.payment_type !== 'string' || !PAYMENT_TYPE.test(p.payment_type)) {
		fail(`${f}.payment_type`, 'must be "upi", "payment_gateway" or "payment_gateway:<gateway>"');
	}
	checkText(`${f}.payment_configuration`, p.payment_configuration, 60);
}

function checkItem(item, f, hasCatalog) {
	requireObject(f, item);
	checkText(`${f}.retailer_id`, item.retailer_id);
	checkText(`${f}.name`, item.name, 60);
	const amount = checkAmount(`${f}.amount`, item.amount);
	const sale = checkAmount(`${f}.sale_amount`, item.sale_amount, { required: false });
	if (sale !== null && sale >= amount) fail(`${f}.sale_amount`, `value ${sale} must be lower than amount.value ${amount}`);
	if (item.quantity === undefined) fail(`${f}.quantity`, 'is required', 'Missing parameter');
	if (!Number.isInteger(item.quantity) || item.quantity < 1) fail(`${f}.quantity`, 'must be a positive integer');
	if (!hasCatalog) {
		checkText(`${f}.country_of_origin`, item.country_of_origin);
		checkText(`${f}.importer_name`, item.importer_name);
		const addr = requireObject(`${f}.importer_address`, item.importer_address);
		for (const key of ['address_line1', 'city', 'zone_code', 'postal_code', 'country_code']) {
			checkText(`${f}.importer_address.${key}`, addr[key]);
		}
		checkText(`${f}.importer_address.address_line2`, addr.address_line2, 0, { required: false });
	}
	return (sale ?? amount) * item.quantity;
}

function checkCharge(field, charge, { required }) {
	const value = checkAmount(field, charge, { allowZero: true, required });
	if (value === null) return 0;
	checkText(`${field}.description`, charge.description, 60, { required: false });
	return value;
}

function checkBeneficiaries(list, f) {
	if (!Array.isArray(list) || list.length === 0) fail(f, 'must be a non-empty array');
	list.forEach((b, i) => {
		const bf = `${f}[${i}]`;
		requireObject(bf, b);
		checkText(`${bf}.name`, b.name, 200);
		checkText(`${bf}.address_line1`, b.address_line1, 100);
		checkText(`${bf}.address_line2`, b.address_line2, 100, { required: false });
		checkText(`${bf}.city`, b.city);
		checkText(`${bf}.state`, b.state);
		if (b.country !== 'India') fail(`${bf}.country`, 'must be "India"');
		if (typeof b.postal_code !== 'string' || !/^\d{6}$/.test(b.postal_code)) fail(`${bf}.postal_code`, 'must be a 6-digit string');
	});
}

function checkExpiration(exp, f, nowSeconds) {
	requireObject(f, exp);
	if (typeof exp.timestamp !== 'string' || !/^\d+$/.test(exp.timestamp)) fail(`${f}.timestamp`, 'must be UTC epoch seconds as a string');
	const ahead = Number(exp.timestamp) - nowSeconds;
	if (ahead < MIN_EXPIRY_SECONDS) fail(`${f}.timestamp`, `must be at least ${MIN_EXPIRY_SECONDS} s in the future (is ${ahead} s)`);
	checkText(`${f}.description`, exp.description, 120, { required: false });
}

/**
 * Checks an `order_details` interactive object. Throws RuleViolation on the first broken rule.
 * @returns {{ referenceId: string, total: {value, offset}, goodsType: string, expiresAt: number|null }}
 */
function checkOrderDetails(interactive, { nowSeconds, requireBeneficiariesForPhysicalGoods = true, requireImporterWithoutCatalog = true }) {
	checkBodyAndFooter(interactive);
	const action = requireObject('interactive.action', interactive.action);
	if (action.name !== 'review_and_pay') fail('interactive.action.name', 'must be "review_and_pay"');
	const f = 'interactive.action.parameters';
	const p = requireObject(f, action.parameters);
	checkReferenceId(`${f}.reference_id`, p.reference_id);
	if (!GOODS_TYPES.includes(p.type)) fail(`${f}.type`, 'must be "digital-goods" or "physical-goods"');
	checkPaymentSelection(p, f);
	if (p.currency !== 'INR') fail(`${f}.currency`, 'must be "INR"');
	const total = checkAmount(`${f}.total_amount`, p.total_amount);

	const of = `${f}.order`;
	const order = requireObject(of, p.order);
	if (order.status !== 'pending') fail(`${of}.status`, 'must be "pending" in order_details');
	checkText(`${of}.catalog_id`, order.catalog_id, 0, { required: false });
	const hasCatalog = typeof order.catalog_id === 'string' && order.catalog_id !== '';
	if (!Array.isArray(order.items) || order.items.length === 0) fail(`${of}.items`, 'must be a non-empty array');
	const itemsSum = order.items.reduce(
		(sum, item, i) => sum + checkItem(item, `${of}.items[${i}]`, hasCatalog || !requireImporterWithoutCatalog),
		0,
	);
	const subtotal = checkAmount(`${of}.subtotal`, order.subtotal);
	const tax = checkCharge(`${of}.tax`, order.tax, { required: true });
	const shipping = checkCharge(`${of}.shipping`, order.shipping, { required: false });
	const discount = checkCharge(`${of}.discount`, order.discount, { required: false });
	if (order.discount !== undefined) {
		checkText(`${of}.discount.discount_program_name`, order.discount.discount_program_name, 60, { required: false });
	}
	if (subtotal !== itemsSum) {
		fail(`${of}.subtotal.value`, `must equal the sum of (sale_amount or amount) × quantity over the items: ${itemsSum}, got ${subtotal}`);
	}
	const expected = subtotal + tax + shipping - discount;
	if (total !== expected) {
		fail(`${f}.total_amount.value`, `must equal subtotal + tax + shipping - discount = ${expected}, got ${total}`);
	}
	if (order.expiration !== undefined) checkExpiration(order.expiration, `${of}.expiration`, nowSeconds);
	if (p.beneficiaries !== undefined) checkBeneficiaries(p.beneficiaries, `${f}.beneficiaries`);
	else if (p.type === 'physical-goods' && requireBeneficiariesForPhysicalGoods) {
		fail(`${f}.beneficiaries`, 'is required for shipped physical-goods', 'Missing parameter');
	}
	return {
		referenceId: p.reference_id,
		total: p.total_amount,
		goodsType: p.type,
		expiresAt: order.expiration ? Number(order.expiration.timestamp) : null,
	};
}

/**
 * Checks an `order_status` interactive object (not the transition; that needs the order's history).
 * @param {string[]} acceptedStatuses wire spellings accepted, e.g. ['processing', 'partially_shipped', ...]
 * @returns {{ referenceId: string, status: string }} status normalised to `partially_shipped`
 */
function checkOrderStatus(interactive, { acceptedStatuses }) {
	checkBodyAndFooter(interactive);
	const action = requireObject('interactive.action', interactive.action);
	if (action.name !== 'review_order') fail('interactive.action.name', 'must be "review_order"');
	const f = 'interactive.action.parameters';
	const p = requireObject(f, action.parameters);
	checkReferenceId(`${f}.reference_id`, p.reference_id);
	const order = requireObject(`${f}.order`, p.order);
	if (!acceptedStatuses.includes(order.status)) fail(`${f}.order.status`, `must be one of ${acceptedStatuses.join(', ')}`);
	checkText(`${f}.order.description`, order.description, 120, { required: false });
	return { referenceId: p.reference_id, status: order.status === 'partially-shipped' ? 'partially_shipped' : order.status };
}

const IN_PROGRESS = ['processing', 'partially_shipped', 'shipped'];
const TERMINAL = ['completed', 'canceled'];

/**
 * The §2.8 transition rule. → null when allowed, else { code: 2046 | 2047, message }.
 * `payment` is the order's payment state: 'none' | 'pending' | 'success' | 'failed'.
 */
function transitionError(from, to, payment) {
	const invalid = { code: 2046, message: 'New order status was not correctly transitioned.' };
	if (from === undefined || TERMINAL.includes(from)) return invalid;
	if (from !== 'pending' && !IN_PROGRESS.includes(from)) return invalid;
	if (![...IN_PROGRESS, ...TERMINAL].includes(to)) return invalid;
	if (to === 'canceled' && (payment === 'success' || payment === 'pending')) {
		return { code: 2047, message: "Could not change order status to 'canceled'" };
	}
	return null;
}

module.exports = { checkOrderDetails, checkOrderStatus, transitionError, RuleViolation, REFERENCE_ID };
