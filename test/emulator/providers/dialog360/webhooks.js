'use strict';
// Cloud API webhook deliveries to the number's configured webhook (docs/providers.md §2.7): the
// `whatsapp_business_account` envelope, the configured custom headers, and optionally the
// partner-level x-360dialog-signature (HMAC-SHA256 of the body with the partner secret).
const crypto = require('node:crypto');

function envelope(cfg, value) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: cfg.wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: cfg.displayPhoneNumber, phone_number_id: cfg.phoneNumberId },
							...value,
						},
					},
				],
			},
		],
	};
}

function signature(body, secret, encoding) {
	return crypto.createHmac('sha256', secret).update(body).digest(encoding);
}

/**
 * Sends `value` (statuses / errors) to the configured webhook. → the delivery record, or null when
 * no webhook URL is configured.
 */
function sendToWebhook(emu, value, meta) {
	const cfg = emu.config.dialog360;
	const state = emu.state.dialog360;
	const url = state.webhook.url;
	if (!url) return null;
	const body = JSON.stringify(envelope(cfg, value));
	const headers = { 'content-type': 'application/json', ...(state.webhook.headers ?? {}) };
	const secret = emu.credentials().partnerWebhookSecret;
	if (secret && cfg.signature !== 'none') headers['x-360dialog-signature'] = signature(body, secret, cfg.signature);
	state.lastWebhook = { url, headers, body, meta };
	return emu.sendWebhook(url, { headers, body, retries: cfg.retryDelaysMs, timeoutMs: cfg.webhookTimeoutMs, meta });
}

/** Re-sends the last delivery byte for byte (a redelivery). → the record, or null. */
function resendLast(emu) {
	const cfg = emu.config.dialog360;
	const last = emu.state.dialog360.lastWebhook;
	if (!last) return null;
	return emu.sendWebhook(last.url, {
		headers: last.headers,
		body: last.body,
		retries: cfg.retryDelaysMs,
		timeoutMs: cfg.webhookTimeoutMs,
		meta: { ...last.meta, resent: true },
	});
}

module.exports = { envelope, sendToWebhook, resendLast };
