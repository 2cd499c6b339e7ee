'use strict';
// The Cloud API message envelope (docs/providers.md §2.3, §2.4) around the interactive payment messages,
// whose own rules are the emulator's WhatsApp order rules (../exotel/orderRules.js: emulator code,
// written independently of the package). Throws RuleViolation on the first broken rule.
const { checkOrderDetails, checkOrderStatus, RuleViolation } = require('../exotel/orderRules');

const GATEWAYS = ['razorpay', 'payu', 'billdesk', 'zaakpay'];
const DIGITS_ONLY = /^\d{8,15}$/;
/** WhatsApp's limit on a text body (docs/providers.md §2.10), counted in characters (code points). */
const MAX_TEXT_CHARACTERS = 4096;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const fail = (field, rule, category = 'Invalid parameter') => {
	throw new RuleViolation(field, rule, category);
};

/** payment_settings is the Cloud API's way; Razorpay's receipt and notes only with Razorpay. */
function checkCloudPayment(parameters, cfg) {
	const f = 'interactive.action.parameters';
	if (parameters.payment_settings === undefined) {
		if (cfg.requirePaymentSettings) fail(`${f}.payment_settings`, 'is required in the Cloud API (payment_type/payment_configuration is the Exotel form)', 'Missing parameter');
		return null;
	}
	if (parameters.payment_type !== undefined || parameters.payment_configuration !== undefined) {
		fail(`${f}.payment_type`, 'cannot be combined with payment_settings');
	}
	const first = parameters.payment_settings[0].payment_gateway;
	parameters.payment_settings.forEach((setting, i) => {
		const gateway = setting.payment_gateway;
		if (gateway.razorpay === undefined) return;
		const rf = `${f}.payment_settings[${i}].payment_gateway.razorpay`;
		if (gateway.type !== 'razorpay') fail(rf, `is only allowed with the razorpay gateway, not ${gateway.type}`);
		if (!isObject(gateway.razorpay)) fail(rf, 'must be an object');
		if (gateway.razorpay.receipt !== undefined && typeof gateway.razorpay.receipt !== 'string') fail(`${rf}.receipt`, 'must be a string');
		const notes = gateway.razorpay.notes;
		if (notes !== undefined && (!isObject(notes) || Object.values(notes).some((v) => typeof v !== 'string'))) {
			fail(`${rf}.notes`, 'must be an object of strings');
		}
	});
	return { gateway: first.type, configuration: first.configuration_name };
}

/** `text`: a body of 1..4096 characters, an optional boolean preview_url (inside `text` on the Cloud API). */
function checkText(text) {
	if (!isObject(text) || typeof text.body !== 'string' || text.body === '') fail('text.body', 'is required', 'Missing parameter');
	const length = [...text.body].length;
	if (length > MAX_TEXT_CHARACTERS) fail('text.body', `must be at most ${MAX_TEXT_CHARACTERS} characters, got ${length}`);
	if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') fail('text.preview_url', 'must be a boolean');
	return { text: text.body, previewUrl: text.preview_url === true };
}

/**
 * Checks one Cloud API message. → { kind, to, text?, previewUrl?, referenceId?, status?, total?, expiresAt?, gateway?, configuration? }
 */
function checkMessage(message, cfg, nowSeconds) {
	if (!isObject(message)) fail('body', 'must be a JSON object');
	if (message.messaging_product === undefined) fail('messaging_product', 'is required', 'Missing parameter');
	if (message.messaging_product !== 'whatsapp') fail('messaging_product', 'must be "whatsapp"');
	if (message.recipient_type !== undefined && message.recipient_type !== 'individual') fail('recipient_type', 'must be "individual"');
	if (message.to === undefined) fail('to', 'is required', 'Missing parameter');
	if (typeof message.to !== 'string' || (cfg.digitsOnlyRecipient ? !DIGITS_ONLY.test(message.to) : !/^\+?\d{8,15}$/.test(message.to))) {
		fail('to', cfg.digitsOnlyRecipient ? 'must be the WhatsApp ID: 8 to 15 digits, no "+" or spaces' : 'must be a phone number');
	}
	if (message.type === 'text') return { kind: 'text', to: message.to, ...checkText(message.text) };
	if (message.type !== 'interactive') return { kind: String(message.type), to: message.to };
	const interactive = message.interactive;
	if (!isObject(interactive)) fail('interactive', 'is required', 'Missing parameter');
	if (interactive.type === 'order_details') {
		const checked = checkOrderDetails(interactive, { nowSeconds, ...cfg });
		const payment = checkCloudPayment(interactive.action.parameters, cfg);
		return { kind: 'order_details', to: message.to, ...checked, ...payment };
	}
	if (interactive.type === 'order_status') {
		const acceptedStatuses = ['processing', ...cfg.partiallyShippedSpellings, 'shipped', 'completed', 'canceled'];
		return { kind: 'order_status', to: message.to, ...checkOrderStatus(interactive, { acceptedStatuses }) };
	}
	return { kind: `interactive:${interactive.type}`, to: message.to };
}

module.exports = { checkMessage, RuleViolation, GATEWAYS };
