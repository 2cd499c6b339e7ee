import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { withCallFailure, withErrorFacts } from '../../shared/errors';
import { scrubSecrets } from '../../shared/secrets';
import { payloadText } from '../../shared/text';
import type { ProviderUnreachableError } from '../../shared/transport/request';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../shared/transport/request';
import { notResentAdvice } from '../../shared/whatsapp/notResentAdvice';

/** What an error answer said, whichever of its envelopes it came in (docs/providers.md §2.5). */
export interface Dialog360ErrorData {
	code?: string;
	/** Graph's `type` or the `title` of a 360dialog errors[] entry. */
	title?: string;
	message?: string;
	/** `error_data.details` (Graph) or `details` (360dialog errors[]). */
	details?: string;
	subcode?: string;
	fbtraceId?: string;
}

/** Said on every failure that may have left a message sent. */
export const NOT_RESENT = notResentAdvice('status webhook or 360dialog Client Hub');

/** What to do about the WhatsApp errors users meet with payment messages. */
const CODE_HINTS: Record<string, string> = {
	'131005':
		'The WhatsApp Business Account has not accepted the WhatsApp Payments terms: accept them in the WhatsApp Manager (Meta Business Suite), then send again.',
	'131047':
		'More than 24 hours have passed since the customer last wrote, so no free-form message (an order_details payment request, a text) is allowed. Send an approved template with an ORDER_DETAILS button instead, or wait for the customer to message you.',
	'131009':
		'A parameter value is not valid: check the field named in the details above (reference_id, amounts, payment configuration, phone number).',
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text or number of an error body, undefined when there is none. */
function said(value: unknown): string | undefined {
	return payloadText(value)?.trim() || undefined;
}

function parseIfJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** Reads Graph-style, 360dialog-style (`error` text, `meta`, `errors[]`) or plain-text error bodies. */
export function dialog360ErrorData(raw: unknown): Dialog360ErrorData {
	const body = parseIfJson(raw);
	if (!isObject(body)) return { message: said(body) };
	if (isObject(body.error)) {
		const error = body.error;
		const errorData = isObject(error.error_data) ? error.error_data : {};
		return {
			code: said(error.code),
			title: said(error.type) ?? said(error.title),
			message: said(error.message) ?? said(error.error_user_msg),
			details: said(errorData.details) ?? said(error.error_user_title),
			subcode: said(error.error_subcode),
			fbtraceId: said(error.fbtrace_id),
		};
	}
	if (Array.isArray(body.errors) && isObject(body.errors[0])) {
		const first = body.errors[0];
		const errorData = isObject(first.error_data) ? first.error_data : {};
		return {
			code: said(first.code),
			title: said(first.title),
			message: said(first.message) ?? said(first.title),
			details: said(first.details) ?? said(errorData.details),
		};
	}
	if (said(body.error)) return { message: said(body.error) };
	if (isObject(body.meta)) {
		return {
			code: said(body.meta.code) ?? said(body.meta.http_code),
			message: said(body.meta.developer_message) ?? said(body.meta.message),
		};
	}
	return { message: said(body.message) ?? said(body.detail) };
}

function statusAdvice(status: number, mayHaveSent: boolean): { headline: string; advice: string } {
	if (status === 401) {
		return {
			headline: '360dialog did not accept the API key',
			advice: 'Check the D360-API-KEY of the 360dialog credential (one key per number) and its API host.',
		};
	}
	if (status === 403) {
		return { headline: '360dialog denied access with this API key', advice: 'Check that the key belongs to this number and that payments are enabled for it.' };
	}
	if (status === 404) {
		return { headline: '360dialog could not find it', advice: 'Check the path, the IDs you gave and the API host of the credential.' };
	}
	if (status === 429) {
		return { headline: '360dialog is limiting the request rate', advice: mayHaveSent ? `Wait before sending more. ${NOT_RESENT}` : 'Wait, then try again.' };
	}
	if (status >= 500) {
		return {
			headline: `360dialog could not process the request (HTTP ${status})`,
			advice: mayHaveSent ? `The message may or may not have been sent. ${NOT_RESENT}` : 'Try again later.',
		};
	}
	return { headline: `360dialog refused the request (HTTP ${status})`, advice: mayHaveSent ? NOT_RESENT : '' };
}

function providerSays(data: Dialog360ErrorData): string {
	const parts = [data.title, data.message, data.details].filter(
		(part, index, all): part is string => part !== undefined && all.indexOf(part) === index,
	);
	if (parts.length === 0) return '';
	return data.code !== undefined ? `360dialog says (code ${data.code}): ${parts.join(' — ')}.` : `360dialog says: ${parts.join(' — ')}.`;
}

/** A clean error object: nothing of the request (headers, URL) is kept. */
function apiError(
	node: INode,
	fields: { message: string; description: string; httpCode?: string; itemIndex?: number; data: JsonObject },
): NodeApiError {
	const error = new NodeApiError(node, { ...fields.data, message: fields.message }, {
		message: fields.message,
		description: fields.description,
		httpCode: fields.httpCode,
		itemIndex: fields.itemIndex,
	});
	// n8n swaps a message naming a network code (ECONNRESET, ETIMEDOUT...) for its own advice to
	// retry, which a send must not follow blindly: keep the message in 360dialog's terms.
	error.message = fields.message;
	return error;
}

interface ErrorOptions {
	itemIndex?: number;
	secrets: string[];
	/** Whether the request may have left a message sent (adds the not-resent advice). */
	mayHaveSent: boolean;
	/** How long the request waited for an answer (the shared default when not set). */
	timeoutMs?: number;
}

/**
 * An error answer of 360dialog as a NodeApiError with the provider's own code (as the
 * `providerCode` fact) and message, and a hint for the codes users can fix themselves.
 */
export function dialog360HttpError(node: INode, statusCode: number, body: unknown, options: ErrorOptions): NodeApiError {
	const data = dialog360ErrorData(body);
	const scrub = (value: string) => scrubSecrets(value, options.secrets);
	const { headline, advice } = statusAdvice(statusCode, options.mayHaveSent);
	const text = data.message ?? data.title;
	const message = scrub(
		data.code !== undefined ? `360dialog error ${data.code}: ${text ?? headline}` : text ? `${headline}: ${text}` : headline,
	);
	const hint = data.code !== undefined ? CODE_HINTS[data.code] : undefined;
	const error = apiError(node, {
		message,
		description: scrub([providerSays(data), hint, advice].filter(Boolean).join(' ')),
		httpCode: String(statusCode),
		itemIndex: options.itemIndex,
		data: {
			httpCode: String(statusCode),
			dialog360Title: data.title ? scrub(data.title) : null,
			dialog360Message: data.message ? scrub(data.message) : null,
			dialog360Details: data.details ? scrub(data.details) : null,
			dialog360Subcode: data.subcode ?? null,
			fbtraceId: data.fbtraceId ?? null,
		},
	});
	return withErrorFacts(error, {
		providerCode: data.code,
		outcomeUnknown: options.mayHaveSent && statusCode >= 500 ? true : undefined,
	});
}

/**
 * The request got no answer (time-out, connection refused...). A message may still have arrived,
 * so a send that timed out says its outcome is unknown.
 */
export function dialog360NetworkError(node: INode, failure: ProviderUnreachableError, options: ErrorOptions): NodeApiError {
	const cause = failure.cause as { message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
	const reason = cause?.cause?.message ?? cause?.message ?? failure.message;
	const code = said(cause?.cause?.code) ?? said(cause?.code);
	const seconds = Math.round((options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) / 1000);
	let message: string;
	let description: string;
	if (options.mayHaveSent) {
		message = failure.timedOut
			? `360dialog did not answer within ${seconds} s: whether the message was sent is unknown`
			: `The request to 360dialog did not complete: ${reason}`;
		description = `360dialog may or may not have received it. ${NOT_RESENT}`;
	} else {
		message = failure.timedOut ? `360dialog did not answer within ${seconds} s` : `The request to 360dialog did not complete: ${reason}`;
		description = 'No answer from 360dialog. Check the API host of the 360dialog credential and the network.';
	}
	const error = apiError(node, {
		message: scrubSecrets(message, options.secrets),
		description,
		itemIndex: options.itemIndex,
		data: { networkCode: code ?? null },
	});
	return withCallFailure(withErrorFacts(error, { outcomeUnknown: options.mayHaveSent ? true : undefined }), 'unanswered');
}

/** A 2xx answer the node cannot read: says what arrived (its keys), never the values. */
export function dialog360UnexpectedAnswer(
	node: INode,
	what: string,
	body: unknown,
	options: { itemIndex?: number; advice?: string },
): NodeApiError {
	const received = isObject(body)
		? `an object with ${Object.keys(body).length === 0 ? 'no keys' : `the keys ${Object.keys(body).slice(0, 10).join(', ')}`}`
		: Array.isArray(body)
			? `a list of ${body.length} entries`
			: body === undefined || body === null || body === ''
				? 'an empty body'
				: `a ${typeof body}`;
	return apiError(node, {
		message: `360dialog answered ${what} in a shape this node does not know`,
		description: [`Received ${received}.`, options.advice].filter(Boolean).join(' '),
		itemIndex: options.itemIndex,
		data: { received },
	});
}
