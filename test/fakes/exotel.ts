/**
 * The one stand-in for Exotel, used by the unit tests (as the httpRequestWithAuthentication mock)
 * and by the workflow tests (behind nock, reached through n8n-core's own request helpers, with
 * the Basic authorization header checked as Exotel checks it).
 *
 * The send endpoint answers in the shape of docs/providers.md §3.6: one result per message, 202
 * for a request with at least one accepted message, 400 when all were refused. A `Judge` refuses
 * single messages; `answer` replaces the answer to a whole request (a 503, a redirect).
 * The callbacks below are what Exotel posts to a status callback URL (§3.7).
 *
 * Each test makes its own fake, so no test sees what another one sent.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import type nockModule from 'nock';

export const EXOTEL_API = 'https://api.exotel.com';

export const EXOTEL_KEYS = { apiKey: 'test-exotel-key', apiToken: 'test-exotel-token', accountSid: 'test-sid' };

/** An Exotel API credential as n8n stores it (Singapore cluster). */
export const EXOTEL_CREDENTIALS: ICredentialDataDecryptedObject = { ...EXOTEL_KEYS, apiHost: EXOTEL_API };

export const EXOTEL_BASIC = `Basic ${Buffer.from(`${EXOTEL_KEYS.apiKey}:${EXOTEL_KEYS.apiToken}`).toString('base64')}`;

export const MESSAGES_PATH = `/v2/accounts/${EXOTEL_KEYS.accountSid}/messages`;

export type Message = Record<string, any>;

export interface Rejection {
	code?: number;
	message?: string;
	description: string;
}

/** Decides per message: undefined accepts it; a rejection (or just its description) refuses it. */
export type Judge = (message: Message, index: number) => Rejection | string | undefined;

/** An answer to a whole request: [HTTP status, body]. */
export type Answer = [number, unknown];

export interface SeenRequest {
	/** The credential type the node asked n8n to authorize with (unit level only). */
	credentialType?: string;
	/** The request options the node gave n8n (unit level only). */
	options?: IHttpRequestOptions;
	url: string;
	headers: IncomingHttpHeaders;
	messages: Message[];
}

export function referenceOf(message: Message): string {
	return message.content.interactive.action.parameters.reference_id;
}

/** Exotel's error envelope for a whole request. */
export function errorAnswer(statusCode: number, message: string, description = message, code = 1000): Answer {
	return [
		statusCode,
		{
			request_id: 'req-error',
			method: 'POST',
			http_code: statusCode,
			response: { code: statusCode, error_data: { code, message, description }, status: 'failure', data: null },
		},
	];
}

function rejectionOf(verdict: Rejection | string): Rejection {
	return typeof verdict === 'string' ? { description: verdict } : verdict;
}

/** `sid-<reference_id>` for an order message; `sid-<type>-<request>-<position>` for others (a text). */
function sidOf(message: Message, requestNumber: number, index: number): string {
	if (message.content?.interactive) return `sid-${referenceOf(message)}`;
	return `sid-${message.content?.type ?? 'message'}-${requestNumber}-${index}`;
}

function sendAnswer(messages: Message[], judge: Judge, requestNumber: number): Answer {
	const results = messages.map((message, index) => {
		const verdict = judge(message, index);
		if (verdict === undefined) {
			return { code: 202, status: 'success', error_data: null, data: { sid: sidOf(message, requestNumber, index) } };
		}
		const rejection = rejectionOf(verdict);
		return {
			code: 400,
			status: 'failure',
			error_data: {
				code: rejection.code ?? 1002,
				message: rejection.message ?? 'Invalid parameter',
				description: rejection.description,
			},
			data: null,
		};
	});
	const failed = results.filter((result) => result.status === 'failure').length;
	return [
		failed === results.length ? 400 : 202,
		{
			request_id: `req-${requestNumber}`,
			method: 'POST',
			http_code: 202,
			metadata: { total: results.length, success: results.length - failed, failed },
			response: { whatsapp: { messages: results } },
		},
	];
}

const UNAUTHORIZED: Answer = [
	401,
	{
		http_code: 401,
		response: { code: 401, error_data: { code: 1010, message: 'Authorization failed', description: 'Authorization failed' }, status: 'failure' },
	},
];

/** A fresh fake Exotel send endpoint; see the top of this file. */
export function fakeExotel(options: { judge?: Judge; answer?: (requestNumber: number) => Answer | undefined } = {}) {
	const judge = options.judge ?? (() => undefined);
	const seen: SeenRequest[] = [];

	function respond(request: Omit<SeenRequest, 'messages'>, body: unknown): Answer {
		const messages = ((body as IDataObject | undefined)?.whatsapp as IDataObject | undefined)?.messages;
		seen.push({ ...request, messages: Array.isArray(messages) ? (messages as Message[]) : [] });
		return options.answer?.(seen.length) ?? sendAnswer(seen[seen.length - 1].messages, judge, seen.length);
	}

	return {
		seen,
		/** The httpRequestWithAuthentication implementation for unit tests (n8n's auth is not applied there). */
		http: async (credentialType: string, requestOptions: IHttpRequestOptions) => {
			const [statusCode, body] = respond(
				{ credentialType, options: requestOptions, url: String(requestOptions.url), headers: {} },
				requestOptions.body,
			);
			return { statusCode, headers: {}, body };
		},
		/** Intercepts the send endpoint for workflow tests; pass the nock of the workflow harness. */
		intercept(nock: typeof nockModule) {
			return nock(EXOTEL_API)
				.persist()
				.post(MESSAGES_PATH)
				.reply(function (this: { req: { headers: IncomingHttpHeaders } }, path: string, body: unknown): Answer {
					if (this.req.headers.authorization !== EXOTEL_BASIC) return UNAUTHORIZED;
					return respond({ url: `${EXOTEL_API}${path}`, headers: this.req.headers }, body);
				});
		},
	};
}

/** Exotel's payment success callback (its own example, docs/providers.md §3.7). */
export function paidCallback(fields: IDataObject = {}): IDataObject {
	return {
		callback_type: 'dlr',
		sid: 'e96ec08a641612c0001',
		to: '+918612345678',
		exo_status_code: 30050,
		exo_detailed_status: 'EX_PAYMENT_SUCCESS',
		description: 'Payment Succeeded',
		timestamp: '2024-05-21T12:53:54+05:30',
		payment_reference_id: '1033XX',
		payment_transaction_id: '4142800001',
		...fields,
	};
}

/** A delivery report of the same message. */
export function deliveredCallback(fields: IDataObject = {}): IDataObject {
	return {
		callback_type: 'dlr',
		sid: 'e96ec08a641612c0001',
		to: '+918612345678',
		exo_status_code: 30002,
		exo_detailed_status: 'EX_MESSAGE_DELIVERED',
		description: 'Message Delivered',
		timestamp: '2024-05-21T12:48:26+05:30',
		payment_reference_id: '1033XX',
		conversation_id: '675625c2',
		custom_data: 'order-7',
		...fields,
	};
}

/** The body Exotel posts for `items`, in its documented envelope. */
export function callbackBody(...items: IDataObject[]): IDataObject {
	return { whatsapp: { messages: items } };
}
