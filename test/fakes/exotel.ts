/**
 * Exotel's side of the unit tests: answers in the shape of providers.md §3.6 for the
 * `httpRequestWithAuthentication` mock. Only Exotel is faked; the node code runs for real.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** What the httpRequestWithAuthentication mock is programmed with. */
export type FakeExotel = (credentialType: string, options: IHttpRequestOptions) => Promise<unknown>;

export interface SentRequest {
	credentialType: string;
	options: IHttpRequestOptions;
	messages: IDataObject[];
}

/** The calls the mock received, with the messages of each bulk request. */
export function sentRequests(http: jest.Mock): SentRequest[] {
	return http.mock.calls.map(([credentialType, options]: [string, IHttpRequestOptions]) => ({
		credentialType,
		options,
		messages: (((options.body as IDataObject)?.whatsapp as IDataObject)?.messages ?? []) as IDataObject[],
	}));
}

export function referenceOfMessage(message: IDataObject): string {
	const content = message.content as IDataObject;
	const interactive = content.interactive as IDataObject;
	return String(((interactive.action as IDataObject).parameters as IDataObject).reference_id);
}

export interface Rejection {
	code?: number;
	message: string;
	description: string;
}

/**
 * A fake Exotel send endpoint: accepts every message (sid `sid-<reference_id>`) except those
 * `reject` names (by reference_id), and answers 202 like Exotel for a partly accepted request.
 */
export function exotelAccepts(reject: (message: IDataObject) => Rejection | undefined = () => undefined): FakeExotel {
	let requests = 0;
	return async (_type: string, options: IHttpRequestOptions) => {
		requests++;
		const messages = (((options.body as IDataObject).whatsapp as IDataObject).messages ?? []) as IDataObject[];
		const results = messages.map((message) => {
			const rejection = reject(message);
			if (rejection) {
				return {
					code: 400,
					status: 'failure',
					error_data: { code: rejection.code ?? 1002, message: rejection.message, description: rejection.description },
					data: null,
				};
			}
			return { code: 202, status: 'success', error_data: null, data: { sid: `sid-${referenceOfMessage(message)}` } };
		});
		const failed = results.filter((result) => result.status === 'failure').length;
		return {
			statusCode: failed === results.length ? 400 : 202,
			headers: {},
			body: {
				request_id: `req-${requests}`,
				method: 'POST',
				http_code: 202,
				metadata: { total: results.length, success: results.length - failed, failed },
				response: { whatsapp: { messages: results } },
			},
		};
	};
}

/** A whole-request error answer in Exotel's envelope. */
export function exotelErrorAnswer(statusCode: number, message: string, description = message, code = 1000) {
	return {
		statusCode,
		headers: {},
		body: {
			request_id: 'req-error',
			method: 'POST',
			http_code: statusCode,
			response: { code: statusCode, error_data: { code, message, description }, status: 'failure', data: null },
		},
	};
}
