'use strict';
// /_control/craftgate/*: configure the merchant webhook URL, play the payer, redeliver, inspect.
const { makePayment, refusal, sendPaymentWebhook, nowLocal } = require('./store');
const { localDateTime } = require('./rules');

const OUTCOMES = ['success', 'failure'];
const EVENT_TYPES = ['API_AUTH', 'CHECKOUTFORM_AUTH', 'API_VERIFY_AND_AUTH'];

async function deliveryOf(record, wait) {
	if (!record) return null;
	if (wait !== false) await record.done;
	return record;
}

/** The newest link carrying `orderId` (deleted ones too, so that paying one answers 410). */
function linkIdOfOrder(emu, orderId) {
	const { products, deleted } = emu.state.craftgate;
	const carrying = [...Object.values(products), ...Object.values(deleted)].filter((product) => product.orderId === orderId);
	return carrying.sort((a, b) => b.id - a.id)[0]?.id;
}

/** Pays a link, named by `productId` or `orderId` (used by the control route and the payment page). Answers { status, body }. */
async function payLink(emu, { productId: givenId, orderId, outcome = 'success', eventType, installment, wait }) {
	if (!OUTCOMES.includes(outcome)) return { status: 400, body: { error: `outcome must be one of ${OUTCOMES.join(', ')}` } };
	const event = eventType ?? emu.config.craftgate.webhookEventType;
	if (!EVENT_TYPES.includes(event)) return { status: 400, body: { error: `eventType must be one of ${EVENT_TYPES.join(', ')}` } };
	const productId = givenId ?? (orderId === undefined ? undefined : linkIdOfOrder(emu, String(orderId)));
	if (productId === undefined) return { status: 404, body: { error: orderId === undefined ? 'give productId or orderId' : `no link carries orderId "${orderId}"` } };
	const product = emu.state.craftgate.products[productId];
	const refused = refusal(emu, product, productId);
	if (refused) return { status: refused.status, body: { error: refused.error } };
	const made = makePayment(emu, product, { outcome, installment });
	const webhook = await deliveryOf(sendPaymentWebhook(emu, made, event), wait);
	return { status: 200, body: { payment: made.payment, checkoutToken: made.checkoutToken, product, webhook } };
}

function registerControl(emu) {
	const c = (method, path, handler) => emu.route(method, `/_control/craftgate${path}`, handler);
	const body = (ctx) => emu.jsonBody(ctx) ?? {};

	// Body: { merchantWebhookUrl?, webhookEventType?, webhookOnFailure?, retryDelaysMs?, timeZone? }
	c('POST', '/config', (req, res, ctx) => {
		const patch = body(ctx);
		if ('merchantWebhookUrl' in patch && patch.merchantWebhookUrl !== null && typeof patch.merchantWebhookUrl !== 'string') {
			return emu.json(res, 400, { error: 'merchantWebhookUrl must be a URL string or null' });
		}
		emu.deepMerge(emu.config.craftgate, patch);
		emu.json(res, 200, emu.config.craftgate);
	});

	// Body: { productId | orderId, outcome: 'success'|'failure', eventType?, installment?, wait? }
	c('POST', '/pay', async (req, res, ctx) => {
		const answer = await payLink(emu, body(ctx));
		emu.json(res, answer.status, answer.body);
	});

	// Body: { productId | orderId, outcome = 'success', eventType? }: the payer pays the link while it
	// is being deactivated. The next PUT that makes it PASSIVE stores the payment (and sends its
	// webhook) before the link turns PASSIVE: a payment that lands during a time-out clean-up.
	c('POST', '/pay-on-deactivate', (req, res, ctx) => {
		const { productId, orderId, outcome = 'success', eventType } = body(ctx);
		if (productId === undefined && orderId === undefined) return emu.json(res, 400, { error: 'give productId or orderId' });
		if (!OUTCOMES.includes(outcome)) return emu.json(res, 400, { error: `outcome must be one of ${OUTCOMES.join(', ')}` });
		if (eventType !== undefined && !EVENT_TYPES.includes(eventType)) return emu.json(res, 400, { error: `eventType must be one of ${EVENT_TYPES.join(', ')}` });
		const rule = { ...(productId !== undefined ? { productId: String(productId) } : { orderId: String(orderId) }), outcome, ...(eventType ? { eventType } : {}) };
		emu.state.craftgate.payOnDeactivate.push(rule);
		emu.json(res, 200, { payOnDeactivate: emu.state.craftgate.payOnDeactivate });
	});

	// Sends the last webhook again, byte for byte and with the same signature (a redelivery).
	c('POST', '/resend-last-webhook', async (req, res, ctx) => {
		const last = emu.state.craftgate.lastWebhook;
		if (!last) return emu.json(res, 409, { error: 'no webhook has been sent yet' });
		const cfg = emu.config.craftgate;
		const record = emu.sendWebhook(last.url, { headers: last.headers, body: last.body, retries: cfg.retryDelaysMs, timeoutMs: cfg.webhookTimeoutMs, meta: { ...last.meta, resent: true } });
		emu.json(res, 200, { webhook: await deliveryOf(record, body(ctx).wait) });
	});

	// Body: { productId }: moves the link's expiry into the past.
	c('POST', '/expire', (req, res, ctx) => {
		const product = emu.state.craftgate.products[body(ctx).productId];
		if (!product) return emu.json(res, 404, { error: `no link ${body(ctx).productId}` });
		product.expiresAt = localDateTime(new Date(Date.now() - 60_000), emu.config.craftgate.timeZone);
		emu.json(res, 200, { product });
	});

	// Body: { status = 500, count = 1, errorCode?, errorDescription?, errorGroup? }: the next `count`
	// correctly signed API requests answer `status` with a Craftgate error and change nothing.
	c('POST', '/fail-next', (req, res, ctx) => {
		const { status = 500, count = 1, errorCode = '0', errorDescription = 'Injected failure', errorGroup } = body(ctx);
		if (!Number.isInteger(status) || status < 400 || status > 599) return emu.json(res, 400, { error: 'status must be an HTTP error status (400-599)' });
		const errors = { errorCode: String(errorCode), errorDescription, ...(errorGroup ? { errorGroup } : {}) };
		emu.state.craftgate.failNext = { status, count, body: { errors } };
		emu.json(res, 200, { failNext: emu.state.craftgate.failNext });
	});

	c('GET', '/state', (req, res) => {
		const s = emu.state.craftgate;
		emu.json(res, 200, { now: nowLocal(emu), products: Object.values(s.products), deleted: Object.values(s.deleted), payments: s.payments, lastWebhook: s.lastWebhook });
	});
}

module.exports = { registerControl, payLink };
