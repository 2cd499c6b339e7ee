import { createHash } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { CraftgateApi } from '../../../../../credentials/CraftgateApi.credentials';
import {
	buildRequestUrl,
	craftgateSignature,
	serializeQuery,
	signCraftgateRequest,
} from '../../../../../nodes/Craftgate/transport/signing';

const dummy = { apiKey: 'dummy', secretKey: 'dummy' };
const credentials = { apiHost: 'https://sandbox-api.craftgate.io', apiKey: 'test-api', secretKey: 'test-secret' };
const SANDBOX = 'https://sandbox-api.craftgate.io';

/** Independent re-statement of the rule, to check the headers against the bytes actually sent. */
function expectedSignature(url: string, body: string | undefined, rnd: string, apiKey = 'test-api', secret = 'test-secret') {
	return createHash('sha256')
		.update(decodeURIComponent(url) + apiKey + secret + rnd + (body ?? ''))
		.digest('base64');
}

describe('craftgateSignature (docs/providers.md §1.2 test vectors from the official SDK)', () => {
	it.each([
		['https://sandbox-api.craftgate.io', '123', undefined, 'sgmDw5GY819oFF8SC5OTORgqvKGL/4iTZxCeWTSJP5Y='],
		['https://sandbox-api.craftgate.io', '123', '{"foo": 42}', 'tAse+e0kJf/+XC6yrM+laeTcszYTH8z7uNc5oZAIGPs='],
		['http://localhost:8000/foo?foo=42', 'foo', undefined, 'tf0w4o41UCEreJKeQZRHDmJlZr1K2IxG67dMZE5+0gc='],
		['http://localhost:8000/foo', 'foo', '{"foo":42}', '5PmVYuEmz1ueo49ta5QraJUrtUcDr0RKGwT+ZlmJqmM='],
	])('%s rnd=%s body=%s', (url, randomKey, body, signature) => {
		expect(craftgateSignature({ url, ...dummy, randomKey, body })).toBe(signature);
	});

	it('signs the URL-decoded form of the URL, as the official clients do', () => {
		const encoded = craftgateSignature({ url: 'http://h/p?name=My%20Shop', ...dummy, randomKey: 'r' });
		const decoded = craftgateSignature({ url: 'http://h/p?name=My Shop', ...dummy, randomKey: 'r' });
		expect(encoded).toBe(decoded);
	});
});

describe('query and URL building', () => {
	it('keeps insertion order, repeats array keys, drops empty values and percent-encodes', () => {
		expect(serializeQuery({ b: 1, a: 'x y&z', c: undefined, d: null, e: '', f: [1, 2] })).toBe('b=1&a=x%20y%26z&f=1&f=2');
	});

	it('joins base, path and query whether or not the URL already has a query', () => {
		expect(buildRequestUrl('https://h/', '/craftlink/v1/products', { page: 0 })).toBe('https://h/craftlink/v1/products?page=0');
		expect(buildRequestUrl('https://h', 'http://other/x?y=1', { z: 2 })).toBe('http://other/x?y=1&z=2');
		expect(buildRequestUrl(undefined, 'https://h/x', {})).toBe('https://h/x');
	});

	it('refuses a relative URL without an API host (the host is part of the signature)', () => {
		expect(() => buildRequestUrl(undefined, '/x')).toThrow('The Craftgate request for /x has no API host to go to');
	});
});

describe('signCraftgateRequest (CraftgateApi.authenticate)', () => {
	it('GET with query: folds base URL and query into the url it signs, no body', () => {
		const signed = signCraftgateRequest(
			credentials,
			{ method: 'GET', baseURL: SANDBOX, url: '/craftlink/v1/products', qs: { name: 'Çay Evi', page: 0, size: 10 }, body: {} },
			'rnd1',
		);
		expect(signed.url).toBe('https://sandbox-api.craftgate.io/craftlink/v1/products?name=%C3%87ay%20Evi&page=0&size=10');
		expect(signed.qs).toBeUndefined();
		expect(signed.baseURL).toBeUndefined();
		expect(signed.body).toBeUndefined();
		expect(signed.headers).toMatchObject({
			'x-api-key': 'test-api',
			'x-rnd-key': 'rnd1',
			'x-auth-version': '1',
			'x-signature': expectedSignature(signed.url, undefined, 'rnd1'),
		});
	});

	it('POST with body: serializes once, compact, and sends that exact string', () => {
		const body = { name: 'Shop', price: 10.5, enabledInstallments: [1] };
		const signed = signCraftgateRequest(credentials, { method: 'POST', url: `${SANDBOX}/craftlink/v1/products`, body, json: true }, 'rnd2');
		expect(signed.body).toBe('{"name":"Shop","price":10.5,"enabledInstallments":[1]}');
		expect(signed.json).toBe(false);
		expect(signed.headers?.['Content-Type']).toBe('application/json');
		expect(signed.headers?.['x-signature']).toBe(expectedSignature(signed.url, signed.body as string, 'rnd2'));
	});

	it('re-signing its own output signs the same bytes with a fresh key (n8n re-authenticates after a 401)', () => {
		const first = signCraftgateRequest(credentials, { method: 'PUT', url: `${SANDBOX}/craftlink/v1/products/7`, qs: { a: 1 }, body: { x: 1 } }, 'r1');
		const second = signCraftgateRequest(credentials, first, 'r2');
		expect(second.url).toBe(first.url);
		expect(second.body).toBe(first.body);
		expect(second.headers?.['x-signature']).toBe(expectedSignature(first.url, first.body as string, 'r2'));
	});

	it('uses a baseURL given by the request and drops stale signing headers', () => {
		const signed = signCraftgateRequest(
			credentials,
			{ method: 'DELETE', baseURL: 'http://127.0.0.1:1', url: 'craftlink/v1/products/9', headers: { 'X-Signature': 'old', 'x-custom': 'keep' } },
			'r',
		);
		expect(signed.url).toBe('http://127.0.0.1:1/craftlink/v1/products/9');
		expect(signed.headers?.['X-Signature']).toBeUndefined();
		expect(signed.headers?.['x-custom']).toBe('keep');
	});

	it('uses a fresh random key per request', async () => {
		const cred = new CraftgateApi();
		const request: IHttpRequestOptions = { method: 'GET', url: `${SANDBOX}/x` };
		const a = await cred.authenticate(credentials, { ...request });
		const b = await cred.authenticate(credentials, { ...request });
		expect(a.headers?.['x-rnd-key']).not.toBe(b.headers?.['x-rnd-key']);
		expect(String(a.headers?.['x-rnd-key']).length).toBeGreaterThanOrEqual(8);
	});

	it('refuses to sign without keys', () => {
		expect(() => signCraftgateRequest({ apiKey: '', secretKey: 's' }, { url: `${SANDBOX}/x` })).toThrow(/API key/);
	});
});
