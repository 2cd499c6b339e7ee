import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { withErrorFacts } from '../../shared/errors';
import { scrubSecrets } from '../../shared/secrets';
import { ProviderUnreachableError } from '../../shared/transport/request';
import { notResentAdvice } from '../../shared/whatsapp/notResentAdvice';

/** Exotel's `error_data`: `{code, message, description}` (docs/providers.md §3.6). */
export interface ExotelErrorData {
	code?: string;
	message?: string;
	description?: string;
}

const NOT_RESENT = notResentAdvice('status callback or Exotel dashboard');

const WRONG_CLUSTER =
	'and that the API Host of the Exotel credential is your account\'s cluster (Singapore api.exotel.com or Mumbai ' +
	'api.in.exotel.com): the other cluster answers 401 or 404.';

/** What to tell the user per HTTP status: a headline, how to fix it, and whether Exotel may have acted. */
function adviceFor(status: number): { headline: string; advice: string; outcomeUnknown?: boolean } {
	if (status >= 300 && status < 400) {
		return {
			headline: `Exotel answered with a redirect (HTTP ${status}), which the node does not follow`,
			advice:
				'Check the API Host of the Exotel credential: a custom host must be the address that answers, not one that redirects.',
		};
	}
	if (status === 400) {
		return {
			headline: 'Exotel refused the request as malformed',
			advice: 'Check the fields Exotel names; at most 100 messages fit in one request.',
		};
	}
	if (status === 401) {
		return {
			headline: 'Exotel did not accept the API key and token',
			advice: `Check the API key and API token of the Exotel credential, ${WRONG_CLUSTER}`,
		};
	}
	if (status === 402) {
		return {
			headline: 'Exotel says the plan does not allow this or its usage limit is reached',
			advice: 'Check the plan and balance of the Exotel account; WhatsApp payments are enabled by your Exotel account manager.',
		};
	}
	if (status === 403) {
		return {
			headline: 'Exotel denied access with these credentials',
			advice: 'The key and token are valid but lack access: check IP whitelisting in the Exotel dashboard and that WhatsApp (payments) is enabled for the account.',
		};
	}
	if (status === 404) {
		return {
			headline: 'Exotel could not find the account or resource',
			advice: `Check the account SID of the Exotel credential ${WRONG_CLUSTER}`,
		};
	}
	if (status === 409) {
		return { headline: 'Exotel reported a conflicting concurrent update', advice: NOT_RESENT };
	}
	if (status === 429) {
		return { headline: 'Exotel is limiting the request rate', advice: `Wait before sending more. ${NOT_RESENT}` };
	}
	if (status >= 500) {
		return {
			headline: `Exotel could not process the request (HTTP ${status})`,
			advice: `Exotel may or may not have sent the messages. ${NOT_RESENT}`,
			outcomeUnknown: true,
		};
	}
	return { headline: `Exotel answered HTTP ${status}`, advice: NOT_RESENT };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** Finds Exotel's error_data in an error answer, whichever of its envelopes it came in. */
export function exotelErrorData(body: unknown): ExotelErrorData {
	if (!isObject(body)) return { message: text(body) };
	const response = isObject(body.response) ? body.response : undefined;
	const firstMessage = (response?.whatsapp as { messages?: unknown[] } | undefined)?.messages?.[0];
	const candidates = [
		response?.error_data,
		isObject(firstMessage) ? firstMessage.error_data : undefined,
		body.error_data,
		body.error,
	];
	for (const candidate of candidates) {
		if (isObject(candidate)) {
			return {
				code: text(candidate.code),
				message: text(candidate.message),
				description: text(candidate.description),
			};
		}
		if (text(candidate)) return { message: text(candidate) };
	}
	return { message: text(body.message) };
}

/** A clean error object: nothing of the request (headers, URL with credentials) is kept. */
export function apiError(
	node: INode,
	fields: { message: string; description: string; httpCode?: string; itemIndex?: number; data?: JsonObject },
): NodeApiError {
	const error = new NodeApiError(node, { ...fields.data, message: fields.message }, {
		message: fields.message,
		description: fields.description,
		httpCode: fields.httpCode,
		itemIndex: fields.itemIndex,
	});
	// n8n swaps a message that names a network code (ECONNREFUSED, ETIMEDOUT...) for its own
	// advice, which for ETIMEDOUT says to turn on Retry On Fail: keep the message in Exotel's terms.
	error.message = fields.message;
	return error;
}

function exotelSays(data: ExotelErrorData): string {
	const parts = [data.message, data.description && data.description !== data.message ? data.description : undefined];
	const said = parts.filter(Boolean).join(' — ');
	if (!said) return '';
	return data.code !== undefined ? `Exotel says (code ${data.code}): ${said}.` : `Exotel says: ${said}.`;
}

/** An HTTP error answer of Exotel as a NodeApiError carrying Exotel's own code as `providerCode`. */
export function exotelHttpError(
	node: INode,
	statusCode: number,
	body: unknown,
	options: { itemIndex?: number; secrets: string[] },
): NodeApiError {
	const data = exotelErrorData(body);
	const { headline, advice, outcomeUnknown } = adviceFor(statusCode);
	const scrub = (value: string) => scrubSecrets(value, options.secrets);
	const requestId = isObject(body) ? text(body.request_id) : undefined;
	const error = apiError(node, {
		message: scrub(data.message ? `${headline}: ${data.message}` : headline),
		description: scrub([exotelSays(data), advice].filter(Boolean).join(' ')),
		httpCode: String(statusCode),
		itemIndex: options.itemIndex,
		data: { httpCode: String(statusCode), requestId: requestId ?? null },
	});
	return withErrorFacts(error, { providerCode: data.code, outcomeUnknown });
}

/** Network failures that happen before anything reaches Exotel. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isObject(current); depth++) {
		const code = text(current.code);
		if (code) return code;
		current = current.cause;
	}
	return undefined;
}

/**
 * What went wrong in the words of the error n8n wrapped: n8n's own wording of a network code can
 * advise turning on Retry On Fail, which this node refuses.
 */
function originalReason(failure: unknown): string {
	const seen = new Set<unknown>();
	let reason = String(failure);
	let current: unknown = failure;
	while (current instanceof Error && !seen.has(current)) {
		seen.add(current);
		if (current.message) reason = current.message;
		current = (current as { cause?: unknown }).cause;
	}
	return reason;
}

/**
 * The request never got an answer (`failure` is what providerRequest threw). After a time-out,
 * or a connection lost once the request may have gone out, nobody knows whether Exotel sent the
 * messages: the error says so.
 */
export function exotelUnreachableError(
	node: INode,
	failure: unknown,
	options: { itemIndex?: number; secrets: string[] },
): NodeApiError {
	const unreachable = failure instanceof ProviderUnreachableError ? failure : undefined;
	const timedOut = unreachable?.timedOut === true;
	const code = networkCodeOf(unreachable ? unreachable.cause : failure);
	const neverConnected = !timedOut && code !== undefined && NEVER_CONNECTED.has(code);
	const reason = originalReason(failure);
	const headline = timedOut ? 'The request to Exotel timed out' : 'The request to Exotel did not complete';
	const outcome = neverConnected
		? 'It never reached Exotel, so nothing was sent; check the API Host of the Exotel credential and the network.'
		: `The outcome is unknown: Exotel may or may not have sent the messages. ${NOT_RESENT}`;
	const error = apiError(node, {
		message: scrubSecrets(`${headline}: ${reason}`, options.secrets),
		description: outcome,
		itemIndex: options.itemIndex,
		data: { networkCode: code ?? null },
	});
	return withErrorFacts(error, { outcomeUnknown: !neverConnected });
}

/** One message of a bulk request that Exotel rejected while accepting the request. */
export function exotelMessageError(
	node: INode,
	result: { code?: unknown; status?: unknown; error_data?: unknown },
	options: { itemIndex: number; secrets: string[] },
): NodeApiError {
	const data = isObject(result.error_data) ? exotelErrorData({ error_data: result.error_data }) : {};
	const scrub = (value: string) => scrubSecrets(value, options.secrets);
	const httpCode = text(result.code);
	const error = apiError(node, {
		message: scrub(
			data.message ? `Exotel did not accept the message: ${data.message}` : 'Exotel did not accept the message',
		),
		description: scrub(
			[exotelSays(data), 'Fix the input of this item, then send it again; the other items are not affected.']
				.filter(Boolean)
				.join(' '),
		),
		httpCode,
		itemIndex: options.itemIndex,
		data: { httpCode: httpCode ?? null },
	});
	return withErrorFacts(error, { providerCode: data.code });
}

/** Exotel accepted the request but said nothing about this message: it may have gone out. */
export function exotelUnansweredError(node: INode, itemIndex: number): NodeApiError {
	const error = apiError(node, {
		message: 'Exotel accepted the request but did not say what happened to this message',
		description: NOT_RESENT,
		itemIndex,
	});
	return withErrorFacts(error, { outcomeUnknown: true });
}
