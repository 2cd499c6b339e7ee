// nock standing in for Exotel's v2 messages API (providers.md §3.3, §3.6): it checks the Basic
// Authorization header with its own encoding of the test key and token, answers per message,
// and records every request it saw.
import type { IncomingHttpHeaders } from 'node:http';
import { nock } from '../harness';

export const EXOTEL = 'https://api.exotel.com';
export const KEYS = { apiKey: 'wf-exotel-key', apiToken: 'wf-exotel-token', accountSid: 'wf-sid' };
export const CREDENTIALS = { exotelApi: { ...KEYS, region: 'singapore' } };
export const BASIC = `Basic ${Buffer.from(`${KEYS.apiKey}:${KEYS.apiToken}`).toString('base64')}`;
export const MESSAGES_PATH = `/v2/accounts/${KEYS.accountSid}/messages`;

export interface SeenRequest {
	path: string;
	headers: IncomingHttpHeaders;
	messages: Array<Record<string, any>>;
}

type Answer = [number, unknown];
/** Decides per message: undefined accepts it, a string rejects it with that description. */
type Judge = (message: Record<string, any>, index: number) => string | undefined;

export function referenceOf(message: Record<string, any>): string {
	return message.content.interactive.action.parameters.reference_id;
}

function answerFor(messages: Array<Record<string, any>>, judge: Judge, requestNumber: number): Answer {
	const results = messages.map((message, index) => {
		const rejection = judge(message, index);
		return rejection === undefined
			? { code: 202, status: 'success', error_data: null, data: { sid: `sid-${referenceOf(message)}` } }
			: { code: 400, status: 'failure', error_data: { code: 1002, message: 'Invalid parameter', description: rejection }, data: null };
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

/** Intercepts the send endpoint; `override` may answer a request as a whole (e.g. a 503). */
export function fakeExotel(judge: Judge = () => undefined, override?: (requestNumber: number) => Answer | undefined) {
	const seen: SeenRequest[] = [];
	const scope = nock(EXOTEL)
		.persist()
		.post(MESSAGES_PATH)
		.reply(function (this: { req: { headers: IncomingHttpHeaders } }, path: string, body: any): Answer {
			const messages = (body?.whatsapp?.messages ?? []) as Array<Record<string, any>>;
			seen.push({ path, headers: this.req.headers, messages });
			if (this.req.headers.authorization !== BASIC) {
				return [401, { http_code: 401, response: { code: 401, error_data: { code: 1010, message: 'Authorization failed', description: 'Authorization failed' }, status: 'failure' } }];
			}
			return override?.(seen.length) ?? answerFor(messages, judge, seen.length);
		});
	return { seen, scope };
}
