'use strict';
// Signed webhook deliveries (docs/providers.md §4.5): one body per subscription, Sign =
// hex(HMAC-SHA512(subscription secretKey, body)), Key = subscription publicKey. A delivery that
// is not answered 2xx is retried after each delay of config.calypso.retryDelaysMs (Calypso: 30 s,
// then Fibonacci-like, 19 retries; shortened here). `deliveries: N` sends the same event N times
// even when it succeeds, as Calypso does when a blocked subscription is unblocked.
const { sign } = require('./auth');
const { calypsoDate, renderAmount } = require('./store');

const LEVELS = {
	INVOICE_FUNDS_RECEIVED_FOR_INVOICE: 'SUCCESS',
	INVOICE_PAID: 'SUCCESS',
	INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED: 'SUCCESS',
	INVOICE_PENDING_INTERVENTION: 'WARNING',
	INVOICE_EXPIRED: 'WARNING',
	INVOICE_COMPLIANCE_DECLINED: 'WARNING',
};

function subscribed(subscription, service, eventType) {
	return subscription.notificationServiceTypes.includes(service) || subscription.notificationEventTypes.includes(eventType);
}

/** The `data` of an invoice event: what the docs' example carries, for this invoice. */
function invoiceEventData(emu, invoice, eventType, amount) {
	const widget = invoice.widgetKey ? emu.state.calypso.widgets[invoice.widgetKey] : undefined;
	const externalId = widget ? widget.externalId : invoice.externalId;
	return {
		parentExternalId: externalId,
		externalId: invoice.externalId,
		amount: renderAmount(emu, amount ?? invoice.amount),
		currency: invoice.currency,
		message: invoice.description,
		createdDate: calypsoDate(),
		type: eventType,
		idempotencyKey: invoice.idempotencyKey,
	};
}

/** Records an event and queues its deliveries (one chain per subscription, N times each). */
function emitEvent(emu, { eventType, service = 'INVOICE', data, deliveries = 1 }) {
	const s = emu.state.calypso;
	const cfg = emu.config.calypso;
	const event = { id: s.nextEventId++, createdDate: calypsoDate(), level: LEVELS[eventType] ?? 'INFO', service, eventType, data };
	s.events.push(event);
	const targets = Object.values(s.subscriptions).filter((sub) => subscribed(sub, service, eventType));
	const sends = [];
	for (const sub of targets) {
		const body = JSON.stringify({ requestId: sub.requestId, id: event.id, createdDate: event.createdDate, level: event.level, service, eventType, data });
		const headers = { 'content-type': 'application/json', Key: sub.publicKey, Sign: sign(sub.secretKey, body) };
		for (let n = 1; n <= deliveries; n++) {
			sends.push(() =>
				emu.sendWebhook(sub.url, {
					headers,
					body,
					retries: cfg.retryDelaysMs,
					timeoutMs: cfg.webhookTimeoutMs,
					meta: { eventId: event.id, eventType, subscription: sub.requestId, delivery: n },
				}),
			);
		}
	}
	return { event, sends };
}

/**
 * Sends the queued deliveries of several events one after the other (each waits for the one
 * before, retries included), so a receiver sees them in order. Resolves to the delivery records.
 */
async function deliverInOrder(emitted) {
	const records = [];
	for (const { sends } of emitted) {
		for (const send of sends) {
			const record = send();
			records.push(record);
			await record.done;
		}
	}
	return records;
}

module.exports = { emitEvent, deliverInOrder, invoiceEventData };
