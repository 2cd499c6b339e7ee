/**
 * 360dialog's side of the unit tests: a stand-in for httpRequestWithAuthentication that records
 * each call and answers from a responder, in the shapes of providers.md §2. Only 360dialog is
 * faked; the node code runs for real.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: 'test-d360-key-0001',
	environment: 'production',
	baseUrl: '',
	partnerWebhookSecret: 'test-partner-secret-0001',
};

export interface Call {
	credentialType: string;
	method: string;
	/** Path and query, whatever the host. */
	path: string;
	url: string;
	body: IDataObject | undefined;
	options: IHttpRequestOptions;
}

export interface Answer {
	status: number;
	body?: unknown;
}

export type Responder = (call: Call, index: number) => Answer | Promise<Answer>;

/** A jest.fn answering like n8n's helper with returnFullResponse, recording calls in `calls`. */
export function fakeDialog360(respond: Responder): { http: jest.Mock; calls: Call[] } {
	const calls: Call[] = [];
	const http = jest.fn(async (credentialType: string, options: IHttpRequestOptions) => {
		const url = String(options.url);
		const call: Call = {
			credentialType,
			method: String(options.method ?? 'GET'),
			path: url.replace(/^https?:\/\/[^/]+/, ''),
			url,
			body: options.body as IDataObject | undefined,
			options,
		};
		calls.push(call);
		const answer = await respond(call, calls.length - 1);
		return { statusCode: answer.status, headers: {}, body: answer.body };
	});
	return { http, calls };
}

/** `{messaging_product, contacts, messages}` as the Cloud API answers an accepted message. */
export function accepted(to: string, wamid: string): Answer {
	return {
		status: 200,
		body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: wamid }] },
	};
}

/** A Graph-style error body (providers.md §2.5). */
export function graphError(status: number, code: number, message: string, details?: string, extra: IDataObject = {}): Answer {
	return {
		status,
		body: {
			error: {
				message,
				type: 'OAuthException',
				code,
				error_data: { messaging_product: 'whatsapp', details },
				error_subcode: 2494010,
				fbtrace_id: 'AbCdEf123',
				...extra,
			},
		},
	};
}

/** Accepts every message with wamid `wamid.<reference_id>`. */
export const acceptAll: Responder = (call) => {
	const body = call.body as IDataObject;
	const interactive = body.interactive as IDataObject;
	const reference = ((interactive.action as IDataObject).parameters as IDataObject).reference_id;
	return accepted(String(body.to), `wamid.${String(reference)}`);
};
