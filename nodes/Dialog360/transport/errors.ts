import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { scrubSecrets } from '../../shared/secrets';

export { scrubSecrets };

/** What an error answer said, whichever of its envelopes it came in (providers.md §2.5). */
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
export const NOT_RESENT_ADVICE =
	'The node did not resend it, so the customer never gets the same message twice. Check whether it went out ' +
	'(status webhook or 360dialog Client Hub) before sending again; resend a payment request with a new reference_id.';

/** What to do about the WhatsApp errors users meet with payment messages. */
const CODE_HINTS: Record<string, string> = {
	'131005':
		'The WhatsApp Business Account has not accepted the WhatsApp Payments terms: accept them in the WhatsApp Manager (Meta Business Suite), then send again.',
	'131047':
		'More than 24 hours have passed since the customer last wrote, so an interactive order_details message is not allowed. Send an approved template with an ORDER_DETAILS button instead, or wait for the customer to message you.',
	'131009':
		'A parameter value is not valid: check the field named in the details above (reference_id, amounts, payment configuration, phone number).',
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
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
	if (!isObject(body)) return { message: text(body) };
	if (isObject(body.error)) {
		const error = body.error;
		const errorData = isObject(error.error_data) ? error.error_data : {};
		return {
			code: text(error.code),
			title: text(error.type) ?? text(error.title),
			message: text(error.message) ?? text(error.error_user_msg),
			details: text(errorData.details) ?? text(error.error_user_title),
			subcode: text(error.error_subcode),
			fbtraceId: text(error.fbtrace_id),
		};
	}
	if (Array.isArray(body.errors) && isObject(body.errors[0])) {
		const first = body.errors[0];
		const errorData = isObject(first.error_data) ? first.error_data : {};
		return {
			code: text(first.code),
			title: text(first.title),
			message: text(first.message) ?? text(first.title),
			details: text(first.details) ?? text(errorData.details),
		};
	}
	if (text(body.error)) return { message: text(body.error) };
	if (isObject(body.meta)) {
		return {
			code: text(body.meta.code) ?? text(body.meta.http_code),
			message: text(body.meta.developer_message) ?? text(body.meta.message),
		};
	}
	return { message: text(body.message) ?? text(body.detail) };
}


function statusAdvice(status: number, mayHaveSent: boolean): { headline: string; advice: string } {
	if (status === 401) {
		return {
			headline: '360dialog did not accept the API key',
			advice: 'Check the D360-API-KEY of the 360dialog credential (one key per number) and its environment.',
		};
	}
	if (status === 403) {
		return { headline: '360dialog denied access with this API key', advice: 'Check that the key belongs to this number and that payments are enabled for it.' };
	}
	if (status === 404) {
		return { headline: '360dialog could not find it', advice: 'Check the path, the IDs you gave and the environment of the credential.' };
	}
	if (status === 429) {
		return { headline: '360dialog is limiting the request rate', advice: mayHaveSent ? `Wait before sending more. ${NOT_RESENT_ADVICE}` : 'Wait, then try again.' };
	}
	if (status >= 500) {
		return {
			headline: `360dialog could not process the request (HTTP ${status})`,
			advice: mayHaveSent ? `The message may or may not have been sent. ${NOT_RESENT_ADVICE}` : 'Try again later.',
		};
	}
	return { headline: `360dialog refused the request (HTTP ${status})`, advice: mayHaveSent ? NOT_RESENT_ADVICE : '' };
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
	return new NodeApiError(node, { ...fields.data, message: fields.message }, {
		message: fields.message,
		description: fields.description,
		httpCode: fields.httpCode,
		itemIndex: fields.itemIndex,
	});
}

/**
 * An error answer of 360dialog as a NodeApiError with the provider's own code and message, and
 * a hint for the codes users can fix themselves. `mayHaveSent` adds the not-resent advice.
 */
export function dialog360HttpError(
	node: INode,
	statusCode: number,
	body: unknown,
	options: { itemIndex?: number; secrets: string[]; mayHaveSent: boolean },
): NodeApiError {
	const data = dialog360ErrorData(body);
	const scrub = (value: string) => scrubSecrets(value, options.secrets);
	const { headline, advice } = statusAdvice(statusCode, options.mayHaveSent);
	const said = data.message ?? data.title;
	const message = scrub(
		data.code !== undefined ? `360dialog error ${data.code}: ${said ?? headline}` : said ? `${headline}: ${said}` : headline,
	);
	const hint = data.code !== undefined ? CODE_HINTS[data.code] : undefined;
	return apiError(node, {
		message,
		description: scrub([providerSays(data), hint, advice].filter(Boolean).join(' ')),
		httpCode: String(statusCode),
		itemIndex: options.itemIndex,
		data: {
			httpCode: String(statusCode),
			dialog360Code: data.code ?? null,
			dialog360Title: data.title ? scrub(data.title) : null,
			dialog360Message: data.message ? scrub(data.message) : null,
			dialog360Details: data.details ? scrub(data.details) : null,
			dialog360Subcode: data.subcode ?? null,
			fbtraceId: data.fbtraceId ?? null,
		},
	});
}

/** The request never got an answer (time-out, connection refused...): it may still have arrived. */
export function dialog360NetworkError(
	node: INode,
	error: unknown,
	options: { itemIndex?: number; secrets: string[]; mayHaveSent: boolean },
): NodeApiError {
	const cause = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
	const reason = cause?.cause?.message ?? cause?.message ?? String(error);
	const code = text(cause?.cause?.code) ?? text(cause?.code);
	return apiError(node, {
		message: scrubSecrets(`The request to 360dialog did not complete: ${reason}`, options.secrets),
		description: options.mayHaveSent
			? `360dialog may or may not have received it. ${NOT_RESENT_ADVICE}`
			: 'No answer from 360dialog. Check the environment or base URL of the 360dialog credential and the network.',
		itemIndex: options.itemIndex,
		data: { networkCode: code ?? null },
	});
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
