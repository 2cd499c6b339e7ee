import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import type { ApiHostChoice } from '../../shared/apiHost';
import { parseHttpUrl } from '../../shared/url';
import { hmac } from '../../shared/webhook';

/** Calypso documents the same paths on both hosts (docs/providers.md §4.1). */
export const CALYPSO_API_HOSTS: ApiHostChoice[] = [
	{ name: 'api.calypso.finance', url: 'https://api.calypso.finance' },
	{ name: 'api.calypso.money', url: 'https://api.calypso.money', description: 'The host of the newer documentation' },
];

export const CALYPSO_API_HOST_URLS = CALYPSO_API_HOSTS.map((host) => host.url);

/** Where customers pay a widget: `<host>/pay?widgetKey=<idempotencyKey>` (docs/providers.md §4.1; host unverified after the rebrand). */
export const DEFAULT_PAY_LINK_HOST = 'https://pay.calypso.finance';

/** Calypso's merchant account id: `0x` and 40 hex digits. */
export const ACCOUNT_ID_PATTERN = /^0x[0-9a-fA-F]{40}$/;

/** hex(HMAC-SHA512(secret key, exact body string)), lowercase: the `Sign` header. */
export function calypsoSignature(secretKey: string, body: string | Buffer): string {
	return hmac('sha512', secretKey, body, 'hex');
}

/** The host customers open widget links on, without a trailing slash. */
export function payLinkHost(credentials: ICredentialDataDecryptedObject): string {
	const configured = String(credentials.payLinkHost ?? '').trim();
	if (configured === '') return DEFAULT_PAY_LINK_HOST;
	if (!parseHttpUrl(configured)) throw new Error('The Calypso credential\'s "Payment Link Host" is not an http(s) URL');
	return configured.replace(/\/+$/, '');
}

/** The merchant account id, checked against Calypso's pattern. */
export function accountIdOf(credentials: ICredentialDataDecryptedObject): string {
	const account = String(credentials.accountId ?? '').trim();
	if (!ACCOUNT_ID_PATTERN.test(account)) {
		throw new Error(
			"The Calypso credential's Merchant Account ID must be 0x followed by 40 hexadecimal digits",
		);
	}
	return account;
}

/**
 * The 2.0 envelope, serialized once: `{"timestamp":<ms>,"account":"0x…","payload":{…}}`.
 * Without a payload (listing webhook subscriptions) the key is left out entirely.
 */
export function buildEnvelope(account: string, payload: IDataObject | undefined, timestamp: number): string {
	const envelope: IDataObject = { timestamp, account };
	if (payload !== undefined) envelope.payload = payload;
	return JSON.stringify(envelope);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** An already built envelope (n8n re-authenticates a request it re-sends): timestamp and account, nothing foreign. */
function isEnvelope(value: unknown): boolean {
	return (
		isObject(value) &&
		typeof value.timestamp === 'number' &&
		typeof value.account === 'string' &&
		Object.keys(value).every((key) => ['timestamp', 'account', 'payload'].includes(key))
	);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

type Body = { kind: 'payload'; payload: IDataObject | undefined } | { kind: 'envelope'; text: string };

/** What the caller gave as body: the payload object (the node's case), nothing, or a finished envelope. */
function readBody(body: IHttpRequestOptions['body']): Body {
	if (body === undefined || body === null || body === '') return { kind: 'payload', payload: undefined };
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = body.toString();
		const parsed = parseJson(text);
		if (!isObject(parsed)) throw new Error('A Calypso request body must be a JSON object');
		if (isEnvelope(parsed)) return { kind: 'envelope', text };
		return readBody(parsed);
	}
	if (!isObject(body)) throw new Error('A Calypso request body must be a JSON object');
	// An empty object is what n8n's routing (the credential test) sends for "no body".
	return { kind: 'payload', payload: Object.keys(body).length === 0 ? undefined : body };
}

const SIGNING_HEADERS = ['key', 'sign', 'content-type'];

/**
 * Wraps the request's body (the payload) in Calypso's 2.0 envelope, serializes it once and
 * signs exactly that string: `Key` = public key, `Sign` = hex(HMAC-SHA512(secret key, body)).
 * The string is sent as is (json: false), so no re-serialization can change the signed bytes.
 * Works for DELETE too: the body stays a string, which n8n's HTTP layer sends for any method.
 */
export function signCalypsoRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	now: number = Date.now(),
): IHttpRequestOptions {
	const publicKey = String(credentials.publicKey ?? '').trim();
	const secretKey = String(credentials.secretKey ?? '');
	if (!publicKey || !secretKey) throw new Error('The Calypso credential needs a public key and a secret key');

	const body = readBody(requestOptions.body);
	const text = body.kind === 'envelope' ? body.text : buildEnvelope(accountIdOf(credentials), body.payload, now);

	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		if (!SIGNING_HEADERS.includes(name.toLowerCase())) headers[name] = value;
	}
	headers.Key = publicKey;
	headers.Sign = calypsoSignature(secretKey, text);
	headers['Content-Type'] = 'application/json';
	headers.Accept = 'application/json';

	const method = (requestOptions.method ?? 'POST').toUpperCase() as IHttpRequestOptions['method'];
	if (!requestOptions.baseURL && !parseHttpUrl(requestOptions.url)) {
		// The node's transport sends absolute URLs and the credential test sets baseURL: a
		// relative URL without a host would go to no Calypso at all.
		throw new Error(`A Calypso request needs the API host: ${requestOptions.url} is a path only`);
	}
	return { ...requestOptions, method, headers, body: text, json: false };
}
