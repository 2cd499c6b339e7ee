import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { providerRequest } from '../../shared/transport/request';
import type { ProviderAnswer } from '../../shared/transport/request';
import { exotelApiHost } from './apiHost';
import { exotelHttpError, exotelUnreachableError } from './errors';

export const EXOTEL_CREDENTIAL = 'exotelApi';

/**
 * What a failed call must not quote: the key, the token, and the Basic authorization value made
 * of both (an answer or a network error may echo the request's headers).
 */
export function exotelSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	const apiKey = String(credentials.apiKey ?? '');
	const apiToken = String(credentials.apiToken ?? '');
	return [apiKey, apiToken, Buffer.from(`${apiKey}:${apiToken}`).toString('base64')];
}

/**
 * One call to Exotel's v2 API under `/v2/accounts/<sid>`, authorized by the credential, through
 * the package's one request function (no redirects, a time limit, exactly one attempt: a payment
 * request is never sent twice). A non-2xx answer or no answer becomes a NodeApiError in Exotel's
 * words; a 2xx answer is returned whole.
 */
export async function exotelApiRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	accountPath: string,
	body: IDataObject,
	options: { itemIndex?: number; timeoutMs?: number } = {},
): Promise<ProviderAnswer> {
	const credentials = await this.getCredentials(EXOTEL_CREDENTIAL);
	const secrets = exotelSecrets(credentials);
	const sid = encodeURIComponent(String(credentials.accountSid ?? '').trim());
	const url = `${exotelApiHost(this.getNode(), credentials)}/v2/accounts/${sid}${accountPath}`;

	let answer: ProviderAnswer;
	try {
		answer = await providerRequest(this, EXOTEL_CREDENTIAL, { method, url, body, timeoutMs: options.timeoutMs });
	} catch (error) {
		throw exotelUnreachableError(this.getNode(), error, { itemIndex: options.itemIndex, secrets });
	}

	if (answer.statusCode < 200 || answer.statusCode >= 300) {
		throw exotelHttpError(this.getNode(), answer.statusCode, answer.body, { itemIndex: options.itemIndex, secrets });
	}
	return answer;
}
