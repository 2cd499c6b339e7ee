import { createHash, randomBytes } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export interface CraftgateSignatureInput {
	/** The absolute URL as it goes on the wire, query string included. */
	url: string;
	apiKey: string;
	secretKey: string;
	randomKey: string;
	/** The exact body string that is sent; omit for requests without a body. */
	body?: string;
}

function decodeUrl(url: string): string {
	try {
		return decodeURIComponent(url);
	} catch {
		// A malformed escape cannot be decoded by Craftgate either; sign what is sent.
		return url;
	}
}

/**
 * Craftgate's x-signature: base64(SHA-256(decoded full URL + apiKey + secretKey + randomKey + body)).
 * A plain digest, not an HMAC; empty parts are skipped. The URL is URL-decoded first, as the
 * official node and Java clients do.
 */
export function craftgateSignature(input: CraftgateSignatureInput): string {
	const hashed = [decodeUrl(input.url), input.apiKey, input.secretKey, input.randomKey, input.body ?? '']
		.filter((part) => typeof part === 'string' && part !== '')
		.join('');
	return createHash('sha256').update(hashed, 'utf8').digest('base64');
}

/**
 * Query string in insertion order, arrays as repeated keys, values percent-encoded with
 * encodeURIComponent so that Craftgate's URL decoding gives back exactly the values.
 * Null, undefined and empty values are left out.
 */
export function serializeQuery(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(qs)) {
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) {
			if (item === undefined || item === null || item === '') continue;
			const text = item instanceof Date ? item.toISOString() : String(item);
			pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
		}
	}
	return pairs.join('&');
}

function isAbsolute(url: string): boolean {
	return /^https?:\/\//i.test(url);
}

/** baseURL + url + query, exactly as it will be requested. */
export function buildRequestUrl(base: string | undefined, url: string, qs?: IDataObject): string {
	if (!isAbsolute(url) && !base) {
		// The transport and the credential test always give the resolved API host.
		throw new Error(`The Craftgate request for ${url} has no API host to go to`);
	}
	let full = isAbsolute(url) ? url : `${String(base).replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
	const query = serializeQuery(qs);
	if (query) full += (full.includes('?') ? '&' : '?') + query;
	return full;
}

const BODYLESS_METHODS = ['GET', 'HEAD', 'DELETE', 'OPTIONS'];

function isEmptyObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && Object.keys(value).length === 0;
}

/** The body serialized once; undefined when nothing is sent. */
function serializeBody(method: string, body: IHttpRequestOptions['body']): string | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body === '' ? undefined : body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (BODYLESS_METHODS.includes(method) && isEmptyObject(body)) return undefined;
	return JSON.stringify(body);
}

const SIGNING_HEADERS = ['x-api-key', 'x-rnd-key', 'x-auth-version', 'x-signature'];

/**
 * Signs a request the way Craftgate checks it. The body is serialized once and that exact
 * string is sent; query and API host (`baseURL`, or an absolute `url`) are folded into one
 * absolute `url`, so what was hashed is what axios requests. Running it again on its own output (n8n re-authenticates after a
 * 401) signs the same bytes with a fresh random key.
 */
export function signCraftgateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	randomKey: string = randomBytes(8).toString('hex'),
): IHttpRequestOptions {
	const apiKey = String(credentials.apiKey ?? '');
	const secretKey = String(credentials.secretKey ?? '');
	if (!apiKey || !secretKey) throw new Error('The Craftgate credential needs an API key and a secret key');

	const method = (requestOptions.method ?? 'GET').toUpperCase() as IHttpRequestOptions['method'];
	const url = buildRequestUrl(requestOptions.baseURL, requestOptions.url, requestOptions.qs);
	const body = serializeBody(method as string, requestOptions.body);

	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		if (!SIGNING_HEADERS.includes(name.toLowerCase())) headers[name] = value;
	}
	headers['x-api-key'] = apiKey;
	headers['x-rnd-key'] = randomKey;
	headers['x-auth-version'] = '1';
	headers['x-signature'] = craftgateSignature({ url, apiKey, secretKey, randomKey, body });
	headers['Content-Type'] = 'application/json';
	headers.Accept = 'application/json';

	const signed: IHttpRequestOptions = { ...requestOptions, method, url, headers, json: false };
	delete signed.baseURL;
	delete signed.qs;
	delete signed.arrayFormat;
	if (body === undefined) delete signed.body;
	else signed.body = body;
	return signed;
}
