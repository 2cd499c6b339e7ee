'use strict';
// /_control/dialog360/*: play the customer (pay, fail, cancel), make 360dialog send or resend
// webhooks, and inspect what it stored.
const { GRAPH_CODES, graphError } = require('./errors');
const { lookupPayment, recordPayment, recordRefund, paymentStatusItem } = require('./payments');
const { sendToWebhook, resendLast } = require('./webhooks');

const OUTCOMES = ['captured', 'failed', 'pending', 'canceled'];
const DLR = ['sent', 'delivered', 'read', 'failed'];

const NO_WEBHOOK = 'no webhook URL is configured (POST /v1/configs/webhook)';

/** For routes that only send a webhook: 409 without a webhook URL. */
async function answerDelivery(emu, res, record, wait) {
	if (!record) return emu.json(res, 409, { error: NO_WEBHOOK });
	if (wait !== false) await record.done;
	emu.json(res, 200, { delivery: record });
}

/** For routes that change the payment: 200 with what the lookup now says, delivery null without a webhook URL. */
async function answerPayment(emu, res, order, record, wait) {
	if (record && wait !== false) await record.done;
	const answer = { delivery: record, payment: lookupPayment(order) };
	if (!record) answer.warning = `${NO_WEBHOOK}: the payment changed but no webhook was sent`;
	emu.json(res, 200, answer);
}

function registerControl(emu) {
	const state = () => emu.state.dialog360;
	const cfg = () => emu.config.dialog360;
	const c = (method, path, handler) => emu.route(method, `/_control/dialog360${path}`, handler);
	const asObject = (ctx) => emu.jsonBody(ctx) ?? {};
	const findOrder = (ref) => state().orders[ref];
	const notFound = (res, ref) => emu.json(res, 404, { error: `no order_details message for reference_id "${ref}"` });
	const statusItem = (order, status, transaction) =>
		paymentStatusItem(order, status, transaction, { includePaymentConfiguration: cfg().includePaymentConfigurationInWebhook });

	c('GET', '/messages', (req, res, { query }) => {
		const messages = state().messages.filter(
			(m) => (!query.reference_id || m.reference_id === query.reference_id) && (!query.to || m.to === query.to) && (!query.type || m.type === query.type),
		);
		emu.json(res, 200, { count: messages.length, messages });
	});

	c('GET', '/state', (req, res) => {
		const { messages, orders, webhook, lastWebhook } = state();
		emu.json(res, 200, { messages, orders, webhook, lastWebhook });
	});

	// Body: { reference_id, outcome: 'captured'|'failed'|'pending'|'canceled' = 'captured', transaction_id?, wait? }
	c('POST', '/pay', async (req, res, ctx) => {
		const { reference_id: ref, outcome = 'captured', transaction_id: transactionId, wait } = asObject(ctx);
		if (!OUTCOMES.includes(outcome)) return emu.json(res, 400, { error: `outcome must be one of ${OUTCOMES.join(', ')}` });
		const order = findOrder(ref);
		if (!order) return notFound(res, ref);
		if (order.status === 'canceled') return emu.json(res, 409, { error: `order "${ref}" is canceled` });
		if (order.payment === 'captured') return emu.json(res, 409, { error: `order "${ref}" is already paid` });
		if (order.payment === 'canceled') return emu.json(res, 409, { error: `the customer canceled the payment of order "${ref}"; no retry is possible` });
		if (order.expires_at !== null && order.expires_at < Date.now() / 1000) return emu.json(res, 409, { error: `order "${ref}" expired` });
		const transaction = recordPayment(order, outcome, transactionId);
		const record = sendToWebhook(emu, { statuses: [statusItem(order, outcome, transaction)] }, { reference_id: ref, status: outcome });
		await answerPayment(emu, res, order, record, wait);
	});

	// A full refund of the captured payment: 360dialog re-sends `captured` with refunds[]. Body: { reference_id, wait? }
	c('POST', '/refund', async (req, res, ctx) => {
		const { reference_id: ref, wait } = asObject(ctx);
		const order = findOrder(ref);
		if (!order) return notFound(res, ref);
		if (order.payment !== 'captured') return emu.json(res, 409, { error: `order "${ref}" is not paid` });
		const transaction = recordRefund(order);
		const record = sendToWebhook(emu, { statuses: [statusItem(order, 'captured', transaction)] }, { reference_id: ref, status: 'refunded' });
		await answerPayment(emu, res, order, record, wait);
	});

	// A webhook claiming `status` without changing what the lookup says (tests "confirm with lookup").
	// Body: { reference_id, status = 'captured', wait? }
	c('POST', '/claim', async (req, res, ctx) => {
		const { reference_id: ref, status = 'captured', wait } = asObject(ctx);
		const order = findOrder(ref);
		if (!order) return notFound(res, ref);
		const transaction = { id: `pay_claimed_${Date.now()}`, type: order.gateway, status: 'success', amount: order.amount, currency: order.currency, refunds: null };
		const record = sendToWebhook(emu, { statuses: [statusItem(order, status, transaction)] }, { reference_id: ref, status, claimed: true });
		await answerDelivery(emu, res, record, wait);
	});

	// Body: { wamid, status: 'sent'|'delivered'|'read'|'failed', wait? }
	c('POST', '/deliver', async (req, res, ctx) => {
		const { wamid, status, wait } = asObject(ctx);
		if (!DLR.includes(status)) return emu.json(res, 400, { error: `status must be one of ${DLR.join(', ')}` });
		const message = state().messages.find((m) => m.wamid === wamid);
		if (!message) return emu.json(res, 404, { error: `no message with wamid "${wamid}"` });
		const item = { id: wamid, recipient_id: message.to, status, timestamp: String(Math.floor(Date.now() / 1000)) };
		if (status === 'failed') item.errors = [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'emulated failure' } }];
		else item.conversation = { id: `conv-${message.to}`, origin: { type: 'service' } };
		const record = sendToWebhook(emu, { statuses: [item] }, { wamid, status });
		await answerDelivery(emu, res, record, wait);
	});

	// Re-sends the last webhook byte for byte (redelivery / de-duplication tests). Body: { wait? }
	c('POST', '/resend-last', async (req, res, ctx) => {
		if (!state().lastWebhook) return emu.json(res, 409, { error: 'no webhook has been sent yet' });
		await answerDelivery(emu, res, resendLast(emu), asObject(ctx).wait);
	});

	// The next `count` authorized sends answer `status` with `body`, or a Graph error of `code`.
	// Body: { status = 500, count = 1, code?, body? }
	c('POST', '/fail-next', (req, res, ctx) => {
		const { status = 500, count = 1, code, body } = asObject(ctx);
		const answer = body ?? graphError(code ?? 131000, code && GRAPH_CODES[code] ? GRAPH_CODES[code].message : `The emulator was told to answer ${status}`);
		state().failNext = { status, count, body: answer };
		emu.json(res, 200, { failNext: state().failNext });
	});
}

module.exports = { registerControl };
