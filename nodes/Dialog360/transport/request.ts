import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { dialog360BaseUrl } from './baseUrl';
import { dialog360HttpError, dialog360NetworkError } from './errors';
import { parseResponseBody } from '../../shared/responseBody';

export const DIALOG360_CREDENTIAL = 'dialog360Api';

export type Dialog360Context = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

export interface Dialog360Request {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/messages`. */
	path: string;
	body?: IDataObject;
	itemIndex?: number;
	/** Whether a failure may have left a message sent (adds the not-resent advice to errors). */
	mayHaveSent?: boolean;
	/** Values of this request that are secrets besides the credential's (webhook header values). */
	secrets?: string[];
}

export interface Dialog360Answer {
	statusCode: number;
	body: unknown;
}

/** What a failed call must not quote: the credential's key and partner secret. */
export function dialog360Secrets(credentials: IDataObject): string[] {
	return [String(credentials.apiKey ?? ''), String(credentials.partnerWebhookSecret ?? '')];
}

/**
 * One call to 360dialog, authorized by the credential's D360-API-KEY header. Exactly one
 * attempt: HTTP errors are read here (ignoreHttpStatusErrors) rather than by n8n, because n8n
 * re-sends a request that got a 401 (it assumes an expired token), and a payment request must
 * never go out twice. Non-2xx answers become NodeApiErrors with 360dialog's code and message.
 */
export async function dialog360Request(this: Dialog360Context, request: Dialog360Request): Promise<Dialog360Answer> {
	const credentials = await this.getCredentials(DIALOG360_CREDENTIAL);
	const secrets = [...dialog360Secrets(credentials), ...(request.secrets ?? [])];
	const url = `${dialog360BaseUrl(this.getNode(), credentials)}${request.path}`;
	const errorOptions = { itemIndex: request.itemIndex, secrets, mayHaveSent: request.mayHaveSent === true };

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, DIALOG360_CREDENTIAL, {
			method: request.method,
			url,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw dialog360NetworkError(this.getNode(), error, errorOptions);
	}

	const statusCode = Number(response?.statusCode ?? 0);
	const body = parseResponseBody(response?.body);
	if (statusCode < 200 || statusCode >= 300) {
		throw dialog360HttpError(this.getNode(), statusCode, body, errorOptions);
	}
	// Some 360dialog answers carry errors with a 200 (providers.md §2.6 shows one for the lookup).
	if (body && typeof body === 'object' && Array.isArray((body as IDataObject).errors) && ((body as IDataObject).errors as unknown[]).length > 0) {
		throw dialog360HttpError(this.getNode(), statusCode, body, errorOptions);
	}
	return { statusCode, body };
}
