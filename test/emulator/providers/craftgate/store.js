'use strict';
// Products (pay-by-link) and payments as the emulated Craftgate keeps them, and paying a link.
const crypto = require('node:crypto');
const { localDateTime } = require('./rules');
const { webhookSignature } = require('./auth');

const WRITABLE = ['name', 'description', 'channel', 'orderId', 'conversationId', 'externalId', 'price', 'currency', 'stock', 'enabledInstallments', 'expiresAt', 'multiPayment', 'basketIdentifier'];

const FAILURE_ERROR = { errorCode: '10051', errorDescription: 'Insufficient card limit or balance', errorGroup: 'NOT_SUFFICIENT_FUNDS' };

function createState() {
	return { products: {}, deleted: {}, payments: [], checkoutTokens: {}, nextProductId: 100, nextPaymentId: 1001, lastWebhook: null, failNext: null, payOnDeactivate: [] };
}

function nowLocal(emu) {
	return localDateTime(new Date(), emu.config.craftgate.timeZone);
}

/** A new or replaced product: everything writable comes from the request, the rest is kept. */
function writeProduct(emu, body, existing) {
	const state = emu.state.craftgate;
	const token = existing?.token ?? crypto.randomBytes(9).toString('base64url');
	const product = {
		id: existing?.id ?? state.nextProductId++,
		status: existing?.status ?? 'ACTIVE',
		soldCount: existing?.soldCount ?? 0,
		token,
		url: `${emu.url}/l/${token}`,
		qrCodeUrl: `${emu.url}/l/${token}/qr`,
	};
	for (const field of WRITABLE) if (body[field] !== undefined && body[field] !== null) product[field] = body[field];
	if (body.status) product.status = body.status;
	state.products[product.id] = product;
	return product;
}

function findProductByToken(emu, token) {
	return Object.values(emu.state.craftgate.products).find((p) => p.token === token);
}

/** Why a link cannot be paid now, or undefined. */
function refusal(emu, product, productId) {
	const state = emu.state.craftgate;
	if (!product) {
		return state.deleted[productId] ? { status: 410, error: `link ${productId} was deleted` } : { status: 404, error: `no link ${productId}` };
	}
	if (product.status === 'PASSIVE') return { status: 409, error: `link ${product.id} is PASSIVE` };
	if (product.expiresAt && product.expiresAt <= nowLocal(emu)) return { status: 409, error: `link ${product.id} expired at ${product.expiresAt}` };
	if (product.stock !== undefined && product.soldCount >= product.stock) return { status: 409, error: `link ${product.id} is sold out (stock ${product.stock})` };
	return undefined;
}

function makePayment(emu, product, { outcome, installment = 1 }) {
	const state = emu.state.craftgate;
	const success = outcome === 'success';
	const payment = {
		id: state.nextPaymentId++,
		createdDate: nowLocal(emu),
		price: product.price,
		paidPrice: product.price,
		walletPrice: 0,
		currency: product.currency,
		installment,
		conversationId: product.conversationId ?? null,
		externalId: product.externalId ?? null,
		orderId: product.orderId ?? null,
		paymentType: 'CARD_PAYMENT',
		paymentProvider: 'BANK',
		paymentGroup: 'PRODUCT',
		paymentStatus: success ? 'SUCCESS' : 'FAILURE',
		paymentPhase: 'AUTH',
		paymentSource: 'PAY_BY_LINK',
		paymentChannel: product.channel ?? null,
		isThreeDS: true,
		binNumber: '552879',
		lastFourDigits: '0008',
		cardHolderName: 'Emulator Customer',
		cardType: 'CREDIT_CARD',
		cardAssociation: 'MASTER_CARD',
		authCode: success ? String(crypto.randomInt(100000, 999999)) : null,
		paymentError: success ? null : { ...FAILURE_ERROR },
		paymentTransactions: [{ id: crypto.randomInt(1e6, 1e7), name: product.name, price: product.price, paidPrice: product.price, transactionStatus: success ? 'APPROVED' : 'WAITING_FOR_APPROVAL' }],
	};
	const token = crypto.randomUUID();
	state.payments.push(payment);
	state.checkoutTokens[token] = payment.id;
	if (success) product.soldCount += 1;
	return { payment, checkoutToken: token };
}

/** Sends (and remembers) the signed merchant webhook for a payment; null without a merchant URL. */
function sendPaymentWebhook(emu, { payment, checkoutToken }, eventType) {
	const cfg = emu.config.craftgate;
	if (!cfg.merchantWebhookUrl) return null;
	if (payment.paymentStatus !== 'SUCCESS' && !cfg.webhookOnFailure) return null;
	const now = new Date();
	const fields = {
		eventType,
		eventTimestamp: Math.floor(now.getTime() / 1000),
		status: payment.paymentStatus === 'SUCCESS' ? 'SUCCESS' : 'FAILURE',
		payloadId: eventType === 'CHECKOUTFORM_AUTH' ? checkoutToken : String(payment.id),
	};
	const body = JSON.stringify({ eventType: fields.eventType, eventTime: localDateTime(now, cfg.timeZone), eventTimestamp: fields.eventTimestamp, status: fields.status, payloadId: fields.payloadId });
	const headers = { 'content-type': 'application/json', 'x-cg-signature-v1': webhookSignature(emu.credentials().webhookKey, fields) };
	emu.state.craftgate.lastWebhook = { url: cfg.merchantWebhookUrl, headers, body, meta: { paymentId: payment.id, eventType } };
	return emu.sendWebhook(cfg.merchantWebhookUrl, { headers, body, retries: cfg.retryDelaysMs, timeoutMs: cfg.webhookTimeoutMs, meta: { paymentId: payment.id, eventType } });
}

/**
 * The payer's payment that lands while `product` is being deactivated, when a
 * POST /_control/craftgate/pay-on-deactivate rule names it (by link id or order id): the rule is
 * used up, the payment is stored before the link turns PASSIVE and its webhook goes out. Returns
 * the payment made, or null.
 */
function payDuringDeactivation(emu, product) {
	const state = emu.state.craftgate;
	const index = state.payOnDeactivate.findIndex(
		(rule) => (rule.productId !== undefined && String(rule.productId) === String(product.id)) || (rule.orderId !== undefined && rule.orderId === product.orderId),
	);
	if (index < 0 || refusal(emu, product, product.id)) return null;
	const [rule] = state.payOnDeactivate.splice(index, 1);
	const made = makePayment(emu, product, { outcome: rule.outcome });
	sendPaymentWebhook(emu, made, rule.eventType ?? emu.config.craftgate.webhookEventType);
	return made.payment;
}

module.exports = { createState, writeProduct, findProductByToken, refusal, makePayment, sendPaymentWebhook, nowLocal, payDuringDeactivation };
