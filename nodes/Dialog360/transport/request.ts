import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { providerRequest } from '../../shared/transport/request';
import type { ProviderAnswer, ProviderUnreachableError, RequestContext } from '../../shared/transport/request';
import { dialog360ApiHost } from './apiHost';
import { dialog360HttpError, dialog360NetworkError } from './errors';

export const DIALOG360_CREDENTIAL = 'dialog360Api';

export interface Dialog360Request {
	method: IHttpRequestMethods;
	/** Path below the API host, e.g. `/messages`. */
	path: string;
	body?: IDataObject;
	itemIndex?: number;
	/** Whether a failure may have left a message sent (adds the not-resent advice to errors). */
	mayHaveSent?: boolean;
	/** Values of this request that are secrets besides the credential's (webhook header values). */
	secrets?: string[];
	/** How long to wait for the answer (the shared default when not set). */
	timeoutMs?: number;
	/** `read` for a GET that may be tried again (see providerRequest); never for a send. */
	retry?: 'read';
}

/** What a failed call must not quote: the credential's key and partner secret. */
export function dialog360Secrets(credentials: IDataObject): string[] {
	return [String(credentials.apiKey ?? ''), String(credentials.partnerWebhookSecret ?? '')];
}

function hasErrors(body: unknown): boolean {
	const errors = (body as IDataObject | undefined)?.errors;
	return typeof body === 'object' && body !== null && Array.isArray(errors) && errors.length > 0;
}

/**
 * One call to 360dialog, authorized by the credential's D360-API-KEY header, through the
 * package's one request function (no throw on status, a time limit; one attempt unless the
 * caller asks to retry a read). Non-2xx answers become NodeApiErrors with 360dialog's code and
 * message.
 */
export async function dialog360Request(this: RequestContext, request: Dialog360Request): Promise<ProviderAnswer> {
	const credentials = await this.getCredentials(DIALOG360_CREDENTIAL);
	const secrets = [...dialog360Secrets(credentials), ...(request.secrets ?? [])];
	const url = `${dialog360ApiHost(this.getNode(), credentials)}${request.path}`;
	const errorOptions = {
		itemIndex: request.itemIndex,
		secrets,
		mayHaveSent: request.mayHaveSent === true,
		timeoutMs: request.timeoutMs,
	};

	let answer: ProviderAnswer;
	try {
		answer = await providerRequest(this, DIALOG360_CREDENTIAL, {
			method: request.method,
			url,
			body: request.body,
			timeoutMs: request.timeoutMs,
			retry: request.retry,
		});
	} catch (error) {
		// providerRequest throws only ProviderUnreachableError: the call got no answer.
		throw dialog360NetworkError(this.getNode(), error as ProviderUnreachableError, errorOptions);
	}

	const { statusCode, body } = answer;
	// Some 360dialog answers carry errors with a 200 (docs/providers.md §2.6 shows one for the lookup).
	if (statusCode < 200 || statusCode >= 300 || hasErrors(body)) {
		throw dialog360HttpError(this.getNode(), statusCode, body, errorOptions);
	}
	return answer;
}
