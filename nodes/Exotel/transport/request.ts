import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { exotelBaseUrl } from './baseUrl';
import { exotelHttpError, exotelNetworkError } from './errors';

export const EXOTEL_CREDENTIAL = 'exotelApi';

export interface ExotelAnswer {
	statusCode: number;
	body: unknown;
}

/** What a failed call must not quote: the credential's key and token. */
export async function exotelSecrets(ctx: IExecuteFunctions): Promise<string[]> {
	const credentials = await ctx.getCredentials(EXOTEL_CREDENTIAL);
	return [String(credentials.apiKey ?? ''), String(credentials.apiToken ?? '')];
}

/**
 * One call to Exotel's v2 API under `/v2/accounts/<sid>`, authorized by the credential.
 * Exactly one attempt: nothing here retries, so a payment request is never sent twice.
 * HTTP errors come back as NodeApiErrors with Exotel's message; 2xx answers are returned whole.
 */
export async function exotelApiRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	accountPath: string,
	body: IDataObject,
	options: { itemIndex?: number } = {},
): Promise<ExotelAnswer> {
	const credentials = await this.getCredentials(EXOTEL_CREDENTIAL);
	const secrets = [String(credentials.apiKey ?? ''), String(credentials.apiToken ?? '')];
	const sid = encodeURIComponent(String(credentials.accountSid ?? '').trim());
	const url = `${exotelBaseUrl(this.getNode(), credentials)}/v2/accounts/${sid}${accountPath}`;

	let answer: { statusCode?: number; body?: unknown };
	try {
		answer = (await this.helpers.httpRequestWithAuthentication.call(this, EXOTEL_CREDENTIAL, {
			method,
			url,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		throw exotelNetworkError(this.getNode(), error, { itemIndex: options.itemIndex, secrets });
	}

	const statusCode = Number(answer?.statusCode ?? 0);
	if (statusCode < 200 || statusCode >= 300) {
		throw exotelHttpError(this.getNode(), statusCode, answer?.body, { itemIndex: options.itemIndex, secrets });
	}
	return { statusCode, body: answer.body };
}
