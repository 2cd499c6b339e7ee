import { NodeApiError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { resolveApiHost } from '../../shared/apiHost';
import { withErrorFacts } from '../../shared/errors';
import { providerRequest, ProviderUnreachableError, type RequestContext } from '../../shared/transport/request';
import { calypsoApiError, calypsoTransportError, isErrorBody } from './errors';
import { CALYPSO_API_HOST_URLS } from './signing';

export const CALYPSO_CREDENTIAL = 'calypsoApi';

/** Calypso can be slow to create an invoice; a call that hangs longer is reported, never re-sent. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface CalypsoRequest {
	/** Every Calypso call is a POST, except deleting a webhook subscription. */
	method?: 'POST' | 'DELETE';
	/** Path below the API host, e.g. `/api/v1/invoice`. */
	path: string;
	/** The envelope's `payload`; omit it for calls that take none (listing subscriptions). */
	payload?: IDataObject;
	itemIndex?: number;
	/** The idempotency key of a create, quoted in its errors so a retry can reuse it. */
	idempotencyKey?: string;
	/** Whether an answer without a JSON object is fine (DELETE answers with nothing). */
	allowEmpty?: boolean;
}

/** The API base URL of the node's Calypso credential. */
export async function calypsoApiHost(this: RequestContext): Promise<string> {
	const credentials = await this.getCredentials(CALYPSO_CREDENTIAL);
	return resolveApiHost(this.getNode(), 'Calypso', credentials, CALYPSO_API_HOST_URLS);
}

function isObject(body: unknown): body is IDataObject {
	return body !== null && typeof body === 'object' && !Array.isArray(body);
}

/**
 * One signed call to Calypso; returns the answer as Calypso sent it (read tolerantly: unknown
 * fields pass through, nothing is validated against a schema). The credential wraps `payload`
 * in the 2.0 envelope and signs it. Calypso also answers errors with HTTP 200, so the body is
 * checked as well as the status.
 */
export async function calypsoRequest<T = IDataObject>(
	this: RequestContext,
	request: CalypsoRequest,
): Promise<T | undefined> {
	const context = { itemIndex: request.itemIndex, idempotencyKey: request.idempotencyKey };
	const method = request.method ?? 'POST';
	const url = `${await calypsoApiHost.call(this)}${request.path}`;
	let answer;
	try {
		answer = await providerRequest(this, CALYPSO_CREDENTIAL, {
			method,
			url,
			body: request.payload,
			timeoutMs: REQUEST_TIMEOUT_MS,
		});
	} catch (error) {
		throw calypsoTransportError(this.getNode(), error instanceof ProviderUnreachableError ? error.cause : error, context);
	}
	const { statusCode, body } = answer;
	if (statusCode < 200 || statusCode >= 300 || isErrorBody(body)) {
		throw calypsoApiError(this.getNode(), statusCode, body, context);
	}
	if (!isObject(body) && !request.allowEmpty) {
		const error = new NodeApiError(
			this.getNode(),
			{ httpCode: String(statusCode) },
			{
				message: 'Calypso answered without a JSON object',
				description:
					`${method} ${request.path} returned HTTP ${statusCode} with ${body === undefined ? 'an empty body' : 'something else'}.` +
					(request.idempotencyKey ? ` The request's idempotency key was ${request.idempotencyKey}.` : ''),
				itemIndex: request.itemIndex,
			},
		);
		throw withErrorFacts(error, { idempotencyKey: request.idempotencyKey });
	}
	return isObject(body) ? (body as T) : undefined;
}
