// nock standing in for Craftgate's sandbox: it checks every request's x-signature from the
// URL and the raw body bytes it receives (providers.md §1.2, written here without the package's
// code) and answers 401 like Craftgate when it does not match.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { nock } from '../harness';

export const SANDBOX = 'https://sandbox-api.craftgate.io';
export const KEYS = { apiKey: 'wf-api-key-value', secretKey: 'wf-secret-key-value', webhookSecret: 'wf-webhook-key-value' };
export const CREDENTIALS = { craftgateApi: { environment: 'sandbox', ...KEYS } };

export interface Seen {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	signatureOk: boolean;
}

function header(headers: IncomingHttpHeaders, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : String(value ?? '');
}

export function signatureOk(_method: string, url: string, headers: IncomingHttpHeaders, body: string): boolean {
	const text = decodeURIComponent(url) + KEYS.apiKey + KEYS.secretKey + header(headers, 'x-rnd-key') + body;
	const expected = createHash('sha256').update(text, 'utf8').digest('base64');
	return header(headers, 'x-api-key') === KEYS.apiKey && header(headers, 'x-auth-version') === '1' && header(headers, 'x-signature') === expected;
}

type Answer = [number, unknown];
type Handler = (seen: Seen) => Answer;

/** Intercepts every sandbox request; `handler` answers the correctly signed ones. */
export function fakeCraftgate(handler: Handler) {
	const seen: Seen[] = [];
	const scope = nock(SANDBOX).persist();
	// nock hands the reply function JSON bodies already parsed; its 'request' event still has the
	// raw string, which is what the signature must be checked against.
	const rawBodies = new WeakMap<object, string>();
	scope.on('request', (req: object, _interceptor: unknown, body: string) => rawBodies.set(req, body ?? ''));
	const reply = function (this: { req: { method: string; headers: IncomingHttpHeaders } }, uri: string): Answer {
		const body = rawBodies.get(this.req) ?? '';
		const method = this.req.method;
		const ok = signatureOk(method, SANDBOX + uri, this.req.headers, body);
		const entry: Seen = { method, path: uri, headers: this.req.headers, body, signatureOk: ok };
		seen.push(entry);
		if (!ok) return [401, { errors: { errorCode: '4', errorDescription: 'Signature is not valid' } }];
		return handler(entry);
	};
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) scope.intercept(/.*/, method).reply(reply);
	return { seen, scope };
}
