import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { calypsoApiError, calypsoTransportError, isErrorBody } from './errors';
import { parseResponseBody } from '../../shared/responseBody';

export type CalypsoContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions;

export const CALYPSO_CREDENTIAL = 'calypsoApi';

/** A create or read that hangs longer than this is reported (never re-sent). */
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

/**
 * One signed call to Calypso; returns the answer as Calypso sent it (read tolerantly: unknown
 * fields pass through, nothing is validated against a schema). The credential wraps `payload`
 * in the 2.0 envelope and signs it. HTTP errors are read here (ignoreHttpStatusErrors) instead
 * of by n8n, because n8n re-sends a request that got a 401, and a create must go out once.
 */
export async function calypsoRequest<T = IDataObject>(
	this: CalypsoContext,
	request: CalypsoRequest,
): Promise<T | undefined> {
	const context = { itemIndex: request.itemIndex, idempotencyKey: request.idempotencyKey };
	const options: IHttpRequestOptions = {
		method: request.method ?? 'POST',
		url: request.path,
		body: request.payload,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CALYPSO_CREDENTIAL,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw calypsoTransportError(this.getNode(), error, context);
	}
	const body = parseResponseBody(response.body);
	if (response.statusCode < 200 || response.statusCode >= 300 || isErrorBody(body)) {
		throw calypsoApiError(this.getNode(), response.statusCode, body, context);
	}
	const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
	if (!isObject && !request.allowEmpty) {
		throw new NodeApiError(
			this.getNode(),
			{ httpCode: String(response.statusCode) },
			{
				message: 'Calypso answered without a JSON object',
				description:
					`${options.method} ${request.path} returned HTTP ${response.statusCode} with ${body === undefined ? 'an empty body' : 'something else'}.` +
					(request.idempotencyKey ? ` The request's idempotency key was ${request.idempotencyKey}.` : ''),
				itemIndex: request.itemIndex,
			},
		);
	}
	return isObject ? (body as T) : undefined;
}
