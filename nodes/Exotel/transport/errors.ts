import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { scrubSecrets as scrubSharedSecrets } from '../../shared/secrets';

/** Exotel's `error_data`: `{code, message, description}` (providers.md §3.6). */
export interface ExotelErrorData {
	code?: number | string;
	message?: string;
	description?: string;
}

/**
 * Said on every failure that may have left a message sent: the node never resends by itself,
 * because a customer could then get the same payment request twice.
 */
export const NOT_RESENT_ADVICE =
	'The node did not resend it, so the customer never gets the same message twice. Check whether it went out ' +
	'(status callback or Exotel dashboard) before sending again; resend a payment request with a new reference_id.';

const REGION_ADVICE =
	'and that the region of the Exotel credential is your account\'s cluster (Singapore api.exotel.com or Mumbai ' +
	'api.in.exotel.com): the other cluster answers 401 or 404.';

/** What to tell the user per HTTP status: a headline and how to fix it. */
function adviceFor(status: number): { headline: string; advice: string } {
	if (status === 400) {
		return {
			headline: 'Exotel refused the request as malformed',
			advice: 'Check the fields Exotel names; at most 100 messages fit in one request.',
		};
	}
	if (status === 401) {
		return {
			headline: 'Exotel did not accept the API key and token',
			advice: `Check the API key and API token of the Exotel credential, ${REGION_ADVICE}`,
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
			advice: `Check the account SID of the Exotel credential ${REGION_ADVICE}`,
		};
	}
	if (status === 409) {
		return {
			headline: 'Exotel reported a conflicting concurrent update',
			advice: NOT_RESENT_ADVICE,
		};
	}
	if (status === 429) {
		return {
			headline: 'Exotel is limiting the request rate',
			advice: `Wait before sending more. ${NOT_RESENT_ADVICE}`,
		};
	}
	if (status >= 500) {
		return {
			headline: `Exotel could not process the request (HTTP ${status})`,
			advice: `Exotel may or may not have sent the messages. ${NOT_RESENT_ADVICE}`,
		};
	}
	return { headline: `Exotel answered HTTP ${status}`, advice: NOT_RESENT_ADVICE };
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

/** Replaces the credential's secrets, and any Basic authorization value, in text that may travel into an error or log. */
export function scrubSecrets(value: string, secrets: string[]): string {
	return scrubSharedSecrets(value, secrets).replace(/Basic\s+[A-Za-z0-9+/=]{8,}/g, 'Basic ***');
}

/** A clean error object: nothing of the request (headers, URL with credentials) is kept. */
export function apiError(
	node: INode,
	fields: { message: string; description: string; httpCode?: string; itemIndex?: number; data?: JsonObject },
): NodeApiError {
	return new NodeApiError(node, { ...fields.data, message: fields.message }, {
		message: fields.message,
		description: fields.description,
		httpCode: fields.httpCode,
		itemIndex: fields.itemIndex,
	});
}

function exotelSays(data: ExotelErrorData): string {
	const parts = [data.message, data.description && data.description !== data.message ? data.description : undefined];
	const said = parts.filter(Boolean).join(' — ');
	if (!said) return '';
	return data.code !== undefined ? `Exotel says (code ${data.code}): ${said}.` : `Exotel says: ${said}.`;
}

/** An HTTP error answer of Exotel as a NodeApiError with Exotel's own code and message. */
export function exotelHttpError(
	node: INode,
	statusCode: number,
	body: unknown,
	options: { itemIndex?: number; secrets: string[] },
): NodeApiError {
	const data = exotelErrorData(body);
	const { headline, advice } = adviceFor(statusCode);
	const scrub = (value: string) => scrubSecrets(value, options.secrets);
	const message = scrub(data.message ? `${headline}: ${data.message}` : headline);
	const requestId = isObject(body) ? text(body.request_id) : undefined;
	return apiError(node, {
		message,
		description: scrub([exotelSays(data), advice].filter(Boolean).join(' ')),
		httpCode: String(statusCode),
		itemIndex: options.itemIndex,
		data: {
			httpCode: String(statusCode),
			exotelCode: data.code ?? null,
			exotelMessage: data.message ? scrub(data.message) : null,
			requestId: requestId ?? null,
		},
	});
}

/** The request never got an answer (time-out, connection refused...): it may still have arrived. */
export function exotelNetworkError(
	node: INode,
	error: unknown,
	options: { itemIndex?: number; secrets: string[] },
): NodeApiError {
	const reason = error instanceof Error ? error.message : String(error);
	const code = isObject(error) ? text(error.code) : undefined;
	const message = scrubSecrets(`The request to Exotel did not complete: ${reason}`, options.secrets);
	return apiError(node, {
		message,
		description: `Exotel may or may not have received it. ${NOT_RESENT_ADVICE}`,
		itemIndex: options.itemIndex,
		data: { networkCode: code ?? null },
	});
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
	const message = scrub(
		data.message ? `Exotel did not accept the message: ${data.message}` : 'Exotel did not accept the message',
	);
	return apiError(node, {
		message,
		description: scrub(
			[exotelSays(data), 'Fix the input of this item, then send it again; the other items are not affected.']
				.filter(Boolean)
				.join(' '),
		),
		httpCode,
		itemIndex: options.itemIndex,
		data: {
			httpCode: httpCode ?? null,
			exotelCode: data.code ?? null,
			exotelMessage: data.message ? scrub(data.message) : null,
		},
	});
}
