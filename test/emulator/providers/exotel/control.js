'use strict';
// /_control/exotel/*: play the customer (pay, receive, read) and inspect what Exotel stored.
const crypto = require('node:crypto');
const { DLR, PAYMENT } = require('./callbacks');


async function answerDelivery(emu, res, record, wait) {
	if (!record) {
		return emu.json(res, 409, { error: 'the message has no status_callback and exotel.defaultStatusCallback is not set' });
	}
	if (wait !== false) await record.done;
	emu.json(res, 200, { delivery: record });
}

function registerControl(emu, { sendCallback }) {
	const state = () => emu.state.exotel;
	const findBySid = (sid) => state().messages.find((m) => m.sid === sid);
	const c = (method, path, handler) => emu.route(method, `/_control/exotel${path}`, handler);
	const asObject = (ctx) => emu.jsonBody(ctx) ?? {};

	c('GET', '/messages', (req, res, { query }) => {
		const messages = state().messages.filter(
			(m) => (!query.reference_id || m.reference_id === query.reference_id) && (!query.to || m.to === query.to) && (!query.type || m.type === query.type),
		);
		emu.json(res, 200, { count: messages.length, messages });
	});

	c('GET', '/orders', (req, res) => emu.json(res, 200, { orders: state().orders }));

	// Body: { reference_id | sid, outcome: 'success'|'failed'|'pending', transaction_id?, wait? }
	c('POST', '/pay', async (req, res, ctx) => {
		const { reference_id: ref, sid, outcome = 'success', transaction_id: transactionId, wait } = asObject(ctx);
		if (!PAYMENT[outcome]) return emu.json(res, 400, { error: `outcome must be one of ${Object.keys(PAYMENT).join(', ')}` });
		const order = ref !== undefined ? state().orders[ref] : Object.values(state().orders).find((o) => o.sid === sid);
		if (!order) return emu.json(res, 404, { error: `no order_details message for ${ref !== undefined ? `reference_id "${ref}"` : `sid "${sid}"`}` });
		if (order.status === 'canceled') return emu.json(res, 409, { error: `order "${order.reference_id}" is canceled` });
		if (order.payment === 'success') return emu.json(res, 409, { error: `order "${order.reference_id}" is already paid` });
		if (order.expires_at !== null && order.expires_at < Date.now() / 1000) {
			return emu.json(res, 409, { error: `order "${order.reference_id}" expired` });
		}
		const paymentTransactionId = transactionId ?? String(crypto.randomInt(1e9, 1e10));
		order.payment = outcome;
		order.transactions.push({ id: paymentTransactionId, outcome, at: new Date().toISOString() });
		const record = sendCallback(emu, findBySid(order.sid), {
			...PAYMENT[outcome],
			extra: { payment_transaction_id: paymentTransactionId },
		});
		await answerDelivery(emu, res, record, wait);
	});

	// Body: { sid, status: 'sent'|'delivered'|'read'|'failed', exo_status_code?, exo_detailed_status?, description?, wait? }
	c('POST', '/deliver', async (req, res, ctx) => {
		const { sid, status, wait, ...override } = asObject(ctx);
		if (!DLR[status]) return emu.json(res, 400, { error: `status must be one of ${Object.keys(DLR).join(', ')}` });
		const message = findBySid(sid);
		if (!message) return emu.json(res, 404, { error: `no message with sid "${sid}"` });
		const pick = (key) => override[key] ?? DLR[status][key];
		const record = sendCallback(emu, message, {
			exo_status_code: pick('exo_status_code'),
			exo_detailed_status: pick('exo_detailed_status'),
			description: pick('description'),
		});
		await answerDelivery(emu, res, record, wait);
	});

	// Re-sends the last callback byte for byte (redelivery / de-duplication tests). Body: { wait? }
	c('POST', '/resend-last', async (req, res, ctx) => {
		const last = state().lastCallback;
		if (!last) return emu.json(res, 409, { error: 'no callback has been sent yet' });
		const cfg = emu.config.exotel;
		const record = emu.sendWebhook(last.url, {
			headers: last.headers,
			body: last.body,
			retries: cfg.retryDelaysMs.slice(0, 2),
			timeoutMs: cfg.webhookTimeoutMs,
			meta: { sid: last.sid, resent: true },
		});
		await answerDelivery(emu, res, record, asObject(ctx).wait);
	});

	// Makes the next `count` send requests (after auth) answer `status` with `body` or an Exotel error.
	c('POST', '/fail-next', (req, res, ctx) => {
		const { status = 500, count = 1, body: answer } = asObject(ctx);
		state().failNext = { status, count, body: answer };
		emu.json(res, 200, { failNext: state().failNext });
	});
}

module.exports = { registerControl };
