import { NodeApiError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { resolveApiHost } from '../../shared/apiHost';
import { withErrorFacts } from '../../shared/errors';
import { providerRequest, ProviderUnreachableError, type RequestContext } from '../../shared/transport/request';
import { calypsoApiError, calypsoTransportError, isErrorBody } from './errors';
import { CALYPSO_API_HOST_URLS } from './signing';

export const CALYPSO_CREDENTIAL = 'calypsoApi';

/** Calypso can be slow to create an invoice: its calls wait this long unless the node says otherwise. */
export const CALYPSO_DEFAULT_TIMEOUT_SECONDS = 60;

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
	/** How long to wait for the answer (CALYPSO_DEFAULT_TIMEOUT_SECONDS when not set). */
	timeoutMs?: number;
	/**
	 * `read` for a call that may be sent again (see providerRequest): a read, or a create carrying
	 * its idempotency key, which Calypso never carries out twice.
	 */
	retry?: 'read';
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
	const credentials = await this.getCredentials(CALYPSO_CREDENTIAL);
	const context = {
		itemIndex: request.itemIndex,
		idempotencyKey: request.idempotencyKey,
		secrets: [credentials.publicKey, credentials.secretKey],
	};
	const method = request.method ?? 'POST';
	const url = `${await calypsoApiHost.call(this)}${request.path}`;
	const timeoutMs = request.timeoutMs ?? CALYPSO_DEFAULT_TIMEOUT_SECONDS * 1000;
	let answer;
	try {
		answer = await providerRequest(this, CALYPSO_CREDENTIAL, { method, url, body: request.payload, timeoutMs, retry: request.retry });
	} catch (error) {
		const unreachable = error instanceof ProviderUnreachableError ? error : undefined;
		throw calypsoTransportError(this.getNode(), unreachable?.cause ?? error, context, unreachable?.timedOut ? timeoutMs : undefined);
	}
	const { statusCode, body } = answer;
	if (statusCode < 200 || statusCode >= 300 || isErrorBody(body)) {
		const error = calypsoApiError(this.getNode(), statusCode, body, context);
		// A create's "key already used" may then be the earlier attempt's own object (see createOnce).
		if (answer.earlierAttemptMayHaveActed) error.context.earlierAttemptMayHaveActed = true;
		throw error;
	}
	if (!isObject(body) && !request.allowEmpty) {
		const error = new NodeApiError(
			this.getNode(),
			{ httpCode: String(statusCode) },
			{
				message: 'Calypso answered without a JSON object',
				description:
					`${method} ${request.path} returned HTTP ${statusCode} with ${body === undefined ? 'an empty body' : 'something else'}.` +
					(request.idempotencyKey
						? ` It may have been created anyway: look it up by Idempotency Key = ${request.idempotencyKey}, or retry with that key (never a new one).`
						: ''),
				itemIndex: request.itemIndex,
			},
		);
		throw withErrorFacts(error, { idempotencyKey: request.idempotencyKey, outcomeUnknown: request.idempotencyKey ? true : undefined });
	}
	return isObject(body) ? (body as T) : undefined;
}
