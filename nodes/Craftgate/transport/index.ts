import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { resolveApiHost } from '../../shared/apiHost';
import {
	DEFAULT_REQUEST_TIMEOUT_MS,
	providerRequest,
	type ProviderUnreachableError,
	type RequestContext,
} from '../../shared/transport/request';
import { CRAFTGATE_API_HOST_URLS, CRAFTGATE_CREDENTIAL } from './apiHost';
import { craftgateApiError, craftgateNoDataError, craftgateTransportError, type LinkLookup } from './errors';

export type CraftgateContext = RequestContext;

export interface CraftgateRequest {
	method: IHttpRequestMethods;
	/** Path below the API host, e.g. `/craftlink/v1/products/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Whether an answer without `data` is fine (DELETE answers with nothing). */
	allowEmpty?: boolean;
	/** For a create: how to find the link should the answer never come. */
	creates?: LinkLookup;
	/** How long to wait for the answer (the shared default when not set). */
	timeoutMs?: number;
	/** `read` for a GET that may be tried again (see providerRequest); never for a create. */
	retry?: 'read';
}

/**
 * One signed call to Craftgate (the credential signs it); returns the `data` of its
 * `{data: ...}` envelope. Errors are Craftgate's own, mapped with its errorCode.
 */
export async function craftgateRequest<T = IDataObject>(
	this: CraftgateContext,
	request: CraftgateRequest,
): Promise<T | undefined> {
	const credentials = await this.getCredentials(CRAFTGATE_CREDENTIAL);
	const context = {
		itemIndex: request.itemIndex,
		secrets: [credentials.apiKey, credentials.secretKey, credentials.webhookSecret],
		creates: request.creates,
	};
	const host = resolveApiHost(this.getNode(), 'Craftgate', credentials, CRAFTGATE_API_HOST_URLS);
	let answer;
	try {
		answer = await providerRequest(this, CRAFTGATE_CREDENTIAL, {
			method: request.method,
			url: `${host}${request.path}`,
			qs: request.qs,
			body: request.body,
			timeoutMs: request.timeoutMs,
			retry: request.retry,
		});
	} catch (error) {
		// providerRequest throws nothing else.
		const { cause, timedOut } = error as ProviderUnreachableError;
		throw craftgateTransportError(this.getNode(), cause, timedOut, context, request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
	}
	const { statusCode, body } = answer;
	if (statusCode < 200 || statusCode >= 300) throw craftgateApiError(this.getNode(), statusCode, body, context);
	if (body && typeof body === 'object' && 'errors' in body && (body as IDataObject).errors) {
		throw craftgateApiError(this.getNode(), statusCode, body, context);
	}
	const data = body && typeof body === 'object' ? (body as { data?: T }).data : undefined;
	if ((data === undefined || data === null) && !request.allowEmpty) {
		throw craftgateNoDataError(this.getNode(), statusCode, request, context);
	}
	return data ?? undefined;
}
