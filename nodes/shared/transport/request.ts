import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { isMalformedJson, parseResponseBody } from './responseBody';

/** Every context a provider call is made from: actions, trigger lifecycles, trigger webhooks. */
export type RequestContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

/** How long a provider call may take when the node sets nothing else. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** How often a read is tried in all (see `retry`). */
export const READ_ATTEMPTS = 3;
/** The wait before the second attempt; it doubles for each one after. */
export const FIRST_RETRY_DELAY_MS = 500;
/** The longest wait between two attempts: a Retry-After asking for more is not retried. */
export const MAX_RETRY_DELAY_MS = 10_000;

export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Absolute, or relative to the credential's `baseURL` when its `authenticate` sets one. */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | string;
	headers?: IDataObject;
	timeoutMs?: number;
	/**
	 * `read`: the call may be sent again without changing anything at the provider (a read, or a
	 * create carrying an idempotency key), so an attempt that got no answer, a 429, a 5xx or broken
	 * JSON is tried again, up to READ_ATTEMPTS in all, with back-off. Absent: exactly one attempt.
	 */
	retry?: 'read';
}

export interface ProviderAnswer {
	statusCode: number;
	/** Parsed JSON where the answer is JSON, the text otherwise, undefined when empty. */
	body: unknown;
	/**
	 * Set when an earlier attempt of this call may have been carried out by the provider (it got
	 * no answer, a 5xx or a broken 2xx): an answer like "already exists" may then be that attempt's.
	 */
	earlierAttemptMayHaveActed?: true;
}

/** The call got no answer: the connection failed or `timedOut`. The provider may have acted. */
export class ProviderUnreachableError extends Error {
	constructor(
		readonly cause: unknown,
		readonly timedOut: boolean,
	) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'ProviderUnreachableError';
	}
}

function isTimeout(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return true;
		if (typeof message === 'string' && /timeout|timed out/i.test(message)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

type Attempt = { answer: ProviderAnswer; malformed: boolean; headers: IDataObject } | { unreachable: ProviderUnreachableError };

function headerOf(headers: IDataObject, name: string): unknown {
	const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
	return found === undefined ? undefined : headers[found];
}

/** Retry-After in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: unknown, now: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before trying again after `attempt` (1-based); undefined: do not try again. */
function retryDelay(outcome: Attempt, attempt: number): number | undefined {
	const backOff = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
	if ('unreachable' in outcome) return backOff;
	const { statusCode } = outcome.answer;
	if (statusCode === 429 || statusCode >= 500) {
		const asked = retryAfterMs(headerOf(outcome.headers, 'retry-after'));
		if (asked === undefined) return backOff;
		return asked <= MAX_RETRY_DELAY_MS ? asked : undefined;
	}
	if (statusCode >= 200 && statusCode < 300 && outcome.malformed) return backOff;
	return undefined;
}

function cancelled(ctx: RequestContext): boolean {
	const signal = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	return signal?.aborted === true;
}

async function attemptOnce(ctx: RequestContext, credentialType: string, options: IHttpRequestOptions): Promise<Attempt> {
	try {
		// A copy per attempt: signing and n8n's helper rewrite the options they are given.
		const copy: IHttpRequestOptions = { ...options, headers: options.headers && { ...options.headers }, qs: options.qs && { ...options.qs } };
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, copy)) as
			| IN8nHttpFullResponse
			| undefined;
		const headers = (response?.headers ?? {}) as IDataObject;
		return {
			answer: { statusCode: Number(response?.statusCode ?? 0), body: parseResponseBody(response?.body) },
			malformed: isMalformedJson(response?.body, headerOf(headers, 'content-type')),
			headers,
		};
	} catch (error) {
		return { unreachable: new ProviderUnreachableError(error, isTimeout(error)) };
	}
}

/**
 * The one way this package calls a provider, with the options every call needs set once:
 * - the full response, and no error thrown on an HTTP status: n8n re-sends a request that got a 401
 *   (it takes it for an expired token), which could create a payment twice; each transport reads
 *   the status and maps it to the provider's error instead;
 * - no redirects (a signed request must reach the host that was signed for);
 * - a time limit, so a provider that never answers cannot hold an execution open;
 * - the answer parsed as JSON where it is JSON (signed bodies are sent as text, so n8n does not
 *   parse their answers).
 * Exactly one attempt, unless the caller says the call is safe to repeat (`retry: 'read'`); never
 * for a send or a create without an idempotency key. A call whose last attempt got no answer
 * throws ProviderUnreachableError.
 */
export async function providerRequest(
	ctx: RequestContext,
	credentialType: string,
	request: ProviderRequest,
): Promise<ProviderAnswer> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: request.body,
		headers: request.headers,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
	};
	const attempts = request.retry === 'read' ? READ_ATTEMPTS : 1;
	let mayHaveActed = false;
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce(ctx, credentialType, options);
		const wait = attempt < attempts ? retryDelay(outcome, attempt) : undefined;
		if (wait === undefined || cancelled(ctx)) {
			// Thrown here, not in a catch: each transport turns it into its provider's NodeApiError.
			if ('unreachable' in outcome) throw outcome.unreachable;
			return mayHaveActed ? { ...outcome.answer, earlierAttemptMayHaveActed: true } : outcome.answer;
		}
		if ('unreachable' in outcome || outcome.answer.statusCode !== 429) mayHaveActed = true;
		await sleep(wait);
	}
}
