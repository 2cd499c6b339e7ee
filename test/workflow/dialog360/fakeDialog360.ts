// nock standing in for 360dialog's Cloud API (providers.md §2): it records every request with its
// headers, so the tests see what n8n-core really sent after the credential's authenticate().
import type { IncomingHttpHeaders } from 'node:http';
import { nock } from '../harness';

export const WABA = 'https://waba-v2.360dialog.io';
export const API_KEY = 'wf-360dialog-key-0001';
export const CREDENTIALS = { dialog360Api: { apiKey: API_KEY, environment: 'production', baseUrl: '', partnerWebhookSecret: '' } };

export interface Seen {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: any;
}

type Reply = [number, unknown];

/** Answers every request to the production host with `answer`, recording them in the returned list. */
export function fakeDialog360(answer: (seen: Seen, index: number) => Reply): Seen[] {
	const seen: Seen[] = [];
	const record = function (this: { req: { headers: IncomingHttpHeaders; method: string } }, path: string, body: unknown): Reply {
		const entry = { method: this.req.method, path, headers: this.req.headers, body };
		seen.push(entry);
		return answer(entry, seen.length - 1);
	};
	nock(WABA).persist().get(/.*/).reply(record).post(/.*/).reply(record);
	return seen;
}

export const acceptMessages = (seen: Seen, index: number): Reply => [
	200,
	{ messaging_product: 'whatsapp', contacts: [{ input: seen.body.to, wa_id: seen.body.to }], messages: [{ id: `wamid.wf-${index}` }] },
];
