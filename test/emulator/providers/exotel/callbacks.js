'use strict';
// Status callback items and their encodings, the way Exotel sends them (docs/providers.md §3.7).

/** Delivery statuses (official ExoStatus list). */
const DLR = {
	sent: { exo_status_code: 30001, exo_detailed_status: 'EX_MESSAGE_SENT', description: 'Message Sent' },
	delivered: { exo_status_code: 30002, exo_detailed_status: 'EX_MESSAGE_DELIVERED', description: 'Message Delivered' },
	read: { exo_status_code: 30003, exo_detailed_status: 'EX_MESSAGE_SEEN', description: 'Message Seen' },
	failed: { exo_status_code: 30004, exo_detailed_status: 'EX_SYSTEM_ERROR', description: 'System Error' },
};

/**
 * Payment outcomes. Only 30050 EX_PAYMENT_SUCCESS is documented by Exotel. 30049 "Payment Pending"
 * appears only on a low-confidence newer docs page, and 30051 EX_PAYMENT_FAILED is an emulator
 * invention: docs/providers.md says failure codes are undocumented. They exist so the package can be
 * tested on "an EX_PAYMENT_* status that is not success".
 */
const PAYMENT = {
	success: { exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_SUCCESS', description: 'Payment Succeeded' },
	pending: { exo_status_code: 30049, exo_detailed_status: 'EX_PAYMENT_PENDING', description: 'Payment Pending' },
	failed: { exo_status_code: 30051, exo_detailed_status: 'EX_PAYMENT_FAILED', description: 'Payment Failed' },
};

/**
 * How WhatsApp's asynchronous order_status errors (2046/2047) reach the status callback. Exotel does
 * not document this: the exo status (30010 EX_INVALID_REQUEST) and the flat `error_code` /
 * `error_message` fields are emulator inventions.
 */
const ORDER_STATUS_REJECTED = { exo_status_code: 30010, exo_detailed_status: 'EX_INVALID_REQUEST' };

/** ISO 8601 in India time with its offset, e.g. 2024-05-21T12:48:26+05:30. */
function istTimestamp(date = new Date()) {
	return new Date(date.getTime() + 330 * 60 * 1000).toISOString().slice(0, 19) + '+05:30';
}

function flatten(value, prefix, out) {
	if (value !== null && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}[${k}]` : k, out);
	} else if (value !== undefined) {
		out.append(prefix, value === null ? '' : String(value));
	}
	return out;
}

/**
 * Encodes one callback item.
 * options.callbackWrapper: 'whatsapp' → {"whatsapp":{"messages":[item]}} (official receive doc);
 *                          'params'   → {"params":{"whatsapp":…}} (Exotel's examples, docs/providers.md §3.7)
 * options.callbackEncoding: 'json' | 'form' (flat fields of the item, urlencoded)
 *                          | 'form-bracket' (the wrapped body as whatsapp[messages][0][sid]=…)
 * options.statusCodeAsString: send exo_status_code as "30050" instead of 30050
 * → { headers, body (string) }
 */
function encodeCallback(item, { callbackWrapper = 'whatsapp', callbackEncoding = 'json', statusCodeAsString = false } = {}) {
	const wireItem = { ...item };
	if (statusCodeAsString) wireItem.exo_status_code = String(wireItem.exo_status_code);
	const channel = { whatsapp: { messages: [wireItem] } };
	const wrapped = callbackWrapper === 'params' ? { params: channel } : channel;
	if (callbackEncoding === 'form') {
		return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: flatten(wireItem, '', new URLSearchParams()).toString() };
	}
	if (callbackEncoding === 'form-bracket') {
		return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: flatten(wrapped, '', new URLSearchParams()).toString() };
	}
	return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(wrapped) };
}

module.exports = { DLR, PAYMENT, ORDER_STATUS_REJECTED, istTimestamp, encodeCallback };
