'use strict';
// Error bodies in the Graph API envelope the Cloud API answers with (docs/providers.md §2.5):
// {error:{message, type, code, error_data:{messaging_product, details}, error_subcode?, fbtrace_id}}.
const crypto = require('node:crypto');

/** Canonical messages of the codes the package gives hints for, and a few others. */
const GRAPH_CODES = {
	0: { message: 'AuthException', type: 'OAuthException' },
	100: { message: 'Invalid parameter', type: 'OAuthException' },
	131005: { message: 'Access denied', type: 'OAuthException' },
	131008: { message: 'Required parameter is missing', type: 'OAuthException' },
	131009: { message: 'Parameter value is not valid', type: 'OAuthException' },
	131026: { message: 'Message undeliverable', type: 'OAuthException' },
	131047: { message: 'Re-engagement message', type: 'OAuthException' },
	131000: { message: 'Something went wrong', type: 'OAuthException' },
};

const fbtraceId = () => crypto.randomBytes(9).toString('base64url');

/** A Graph-style error body; `message` and `type` default to the code's canonical ones. */
function graphError(code, details, { message, type, subcode } = {}) {
	const known = GRAPH_CODES[code] ?? { message: 'Unknown error', type: 'OAuthException' };
	const error = {
		message: message ?? `(#${code}) ${known.message}`,
		type: type ?? known.type,
		code,
		error_data: { messaging_product: 'whatsapp', details: details ?? known.message },
		fbtrace_id: fbtraceId(),
	};
	if (subcode !== undefined) error.error_subcode = subcode;
	return { error };
}

/** The webhook error object of an asynchronous failure (statuses[].errors[] / value.errors[]). */
function webhookError(code, title, message, details) {
	return { code, title, message, error_data: { details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' };
}

module.exports = { GRAPH_CODES, graphError, webhookError };
