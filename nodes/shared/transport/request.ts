import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { parseResponseBody } from './responseBody';

/** Every context a provider call is made from: actions, trigger lifecycles, trigger webhooks. */
export type RequestContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

/** How long a provider call may take when the node sets nothing else. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Absolute, or relative to the credential's `baseURL` when its `authenticate` sets one. */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | string;
	headers?: IDataObject;
	timeoutMs?: number;
}

export interface ProviderAnswer {
	statusCode: number;
	/** Parsed JSON where the answer is JSON, the text otherwise, undefined when empty. */
	body: unknown;
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

/**
 * The one way this package calls a provider, with the options every call needs set once:
 * - the full response, and no error thrown on an HTTP status: n8n re-sends a request that got a 401
 *   (it takes it for an expired token), which could create a payment twice; each transport reads
 *   the status and maps it to the provider's error instead;
 * - no redirects (a signed request must reach the host that was signed for);
 * - a time limit, so a provider that never answers cannot hold an execution open;
 * - the answer parsed as JSON where it is JSON (signed bodies are sent as text, so n8n does not
 *   parse their answers).
 * Exactly one attempt. A call that gets no answer throws ProviderUnreachableError.
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
	let response: IN8nHttpFullResponse | undefined;
	let unreachable: ProviderUnreachableError | undefined;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			credentialType,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		unreachable = new ProviderUnreachableError(error, isTimeout(error));
	}
	// Thrown outside the catch: each transport turns it into its provider's NodeApiError.
	if (unreachable) throw unreachable;
	return { statusCode: Number(response?.statusCode ?? 0), body: parseResponseBody(response?.body) };
}
