import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { craftgateApiError, craftgateTransportError } from './errors';
import { parseResponseBody } from '../../shared/responseBody';

export type CraftgateContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions;

export const CRAFTGATE_CREDENTIAL = 'craftgateApi';

export interface CraftgateRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/craftlink/v1/products/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Whether an answer without `data` is fine (DELETE answers with nothing). */
	allowEmpty?: boolean;
}

/** What an error must not quote: the credential's keys (Craftgate may echo the API key header). */
async function credentialSecrets(ctx: CraftgateContext): Promise<unknown[]> {
	const credentials = await ctx.getCredentials(CRAFTGATE_CREDENTIAL);
	return [credentials.apiKey, credentials.secretKey, credentials.webhookSecret];
}

/**
 * One signed call to Craftgate; returns the `data` of its `{data: ...}` envelope.
 * HTTP errors are read here (ignoreHttpStatusErrors) instead of by n8n, because n8n re-sends a
 * request that got a 401 (it assumes an expired token), and a create must never go out twice.
 */
export async function craftgateRequest<T = IDataObject>(
	this: CraftgateContext,
	request: CraftgateRequest,
): Promise<T | undefined> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CRAFTGATE_CREDENTIAL,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw craftgateTransportError(this.getNode(), error, request.itemIndex, await credentialSecrets(this));
	}
	const body = parseResponseBody(response.body);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw craftgateApiError(this.getNode(), response.statusCode, body, request.itemIndex, await credentialSecrets(this));
	}
	if (body && typeof body === 'object' && 'errors' in body && (body as IDataObject).errors) {
		throw craftgateApiError(this.getNode(), response.statusCode, body, request.itemIndex, await credentialSecrets(this));
	}
	const data = body && typeof body === 'object' ? (body as { data?: T }).data : undefined;
	if ((data === undefined || data === null) && !request.allowEmpty) {
		throw new NodeApiError(
			this.getNode(),
			{ httpCode: String(response.statusCode) },
			{
				message: 'Craftgate answered without data',
				description: `${request.method} ${request.path} returned HTTP ${response.statusCode} but no "data" object.`,
				itemIndex: request.itemIndex,
			},
		);
	}
	return data ?? undefined;
}
