import { createHmac } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { CalypsoApi } from '../../../credentials/CalypsoApi.credentials';
import {
	accountIdOf,
	buildEnvelope,
	calypsoBaseUrl,
	calypsoSignature,
	payLinkHost,
	signCalypsoRequest,
} from '../../../nodes/Calypso/transport/signing';

const ACCOUNT = '0x' + '3f'.repeat(20);
const credentials = { publicKey: 'test-public', secretKey: 'test-secret', accountId: ACCOUNT, apiHost: 'finance' };
const NOW = 1767225600000;

/** Calypso's rule restated without the package: hex(HMAC-SHA512(secret, exact body)). */
const expectedSign = (body: string, secret = 'test-secret') => createHmac('sha512', secret).update(body, 'utf8').digest('hex');

describe('calypsoSignature (providers.md §4.2 test vector)', () => {
	it('signs {"timestamp":1} with the documented secret to the documented hex', () => {
		expect(calypsoSignature('b823a6b9ea72408583cef9ec8d67fa52', '{"timestamp":1}')).toBe(
			'b16e9d45f49f2069becbc4f108b237bee588cfc353fe9501df103e692acbc68d482a10d34c12bea22fedde7e28e1b8e57a6a0a373b0e9a27c5257bd8b36e13b9',
		);
	});

	it('is lowercase hex of 128 characters and changes with a single byte', () => {
		const a = calypsoSignature('k', '{"a":1}');
		expect(a).toMatch(/^[0-9a-f]{128}$/);
		expect(calypsoSignature('k', '{"a": 1}')).not.toBe(a);
	});
});

describe('buildEnvelope', () => {
	it('puts timestamp, account and payload in that order, serialized compactly', () => {
		expect(buildEnvelope(ACCOUNT, { requestId: 'r' }, 5)).toBe(`{"timestamp":5,"account":"${ACCOUNT}","payload":{"requestId":"r"}}`);
	});

	it('leaves payload out entirely when there is none (listing subscriptions)', () => {
		expect(buildEnvelope(ACCOUNT, undefined, 5)).toBe(`{"timestamp":5,"account":"${ACCOUNT}"}`);
	});
});

describe('credential values', () => {
	it('maps the API host, defaulting to api.calypso.finance, and takes a custom base URL without its trailing slash', () => {
		expect(calypsoBaseUrl({})).toBe('https://api.calypso.finance');
		expect(calypsoBaseUrl({ apiHost: 'money' })).toBe('https://api.calypso.money');
		expect(calypsoBaseUrl({ apiHost: 'custom', baseUrl: 'http://127.0.0.1:8090/' })).toBe('http://127.0.0.1:8090');
		expect(() => calypsoBaseUrl({ apiHost: 'custom', baseUrl: '' })).toThrow(/Base URL/);
		expect(() => calypsoBaseUrl({ apiHost: 'staging' })).toThrow(/Unknown Calypso API host/);
	});

	it('uses pay.calypso.finance for links unless another host is set', () => {
		expect(payLinkHost({})).toBe('https://pay.calypso.finance');
		expect(payLinkHost({ payLinkHost: 'https://pay.calypso.money/' })).toBe('https://pay.calypso.money');
		expect(() => payLinkHost({ payLinkHost: 'pay.calypso.money' })).toThrow(/Payment Link Host/);
	});

	it.each([['0x' + 'a'.repeat(39)], ['0x' + 'g'.repeat(40)], ['3f'.repeat(21)], ['']])('refuses the account id %j', (accountId) => {
		expect(() => accountIdOf({ accountId })).toThrow(/0x followed by 40 hexadecimal digits/);
	});

	it('accepts a mixed-case account id', () => {
		expect(accountIdOf({ accountId: ' 0x' + 'aB'.repeat(20) + ' ' })).toBe('0x' + 'aB'.repeat(20));
	});
});

describe('signCalypsoRequest / CalypsoApi.authenticate', () => {
	it('wraps the payload in the envelope once and signs exactly the string it sends', () => {
		const signed = signCalypsoRequest(credentials, { method: 'POST', url: '/api/v1/invoice', body: { id: 'inv-1' }, json: true }, NOW);
		expect(signed.body).toBe(`{"timestamp":${NOW},"account":"${ACCOUNT}","payload":{"id":"inv-1"}}`);
		expect(signed.json).toBe(false);
		expect(signed.baseURL).toBe('https://api.calypso.finance');
		expect(signed.headers).toMatchObject({ Key: 'test-public', Sign: expectedSign(signed.body as string), 'Content-Type': 'application/json' });
	});

	it('sends no payload for an empty body, as n8n routing gives the credential test', () => {
		const signed = signCalypsoRequest(credentials, { method: 'POST', url: '/api/v1/subscription/webhook', body: {} }, NOW);
		expect(JSON.parse(signed.body as string)).toEqual({ timestamp: NOW, account: ACCOUNT });
	});

	it('keeps a DELETE body as a string (n8n sends string bodies for every method)', () => {
		const signed = signCalypsoRequest(credentials, { method: 'DELETE', url: '/api/v1/subscription/webhook', body: { requestId: 'r-1' } }, NOW);
		expect(signed.method).toBe('DELETE');
		expect(typeof signed.body).toBe('string');
		expect(JSON.parse(signed.body as string).payload).toEqual({ requestId: 'r-1' });
	});

	it('re-signing its own output signs the same bytes (n8n re-authenticates a re-sent request)', () => {
		const first = signCalypsoRequest(credentials, { url: '/api/v1/invoice', body: { id: 'x' } }, NOW);
		const second = signCalypsoRequest(credentials, first, NOW + 5000);
		expect(second.body).toBe(first.body);
		expect(second.headers?.Sign).toBe(first.headers?.Sign);
	});

	it('wraps a JSON string payload that is not an envelope, and refuses a body that is not a JSON object', () => {
		const signed = signCalypsoRequest(credentials, { url: '/x', body: '{"id":"a"}' }, NOW);
		expect(JSON.parse(signed.body as string).payload).toEqual({ id: 'a' });
		expect(() => signCalypsoRequest(credentials, { url: '/x', body: 'not json' }, NOW)).toThrow(/JSON object/);
		expect(() => signCalypsoRequest(credentials, { url: '/x', body: '[1]' }, NOW)).toThrow(/JSON object/);
	});

	it('replaces stale Key/Sign headers, keeps others, and keeps a baseURL or absolute URL it is given', () => {
		const signed = signCalypsoRequest(
			credentials,
			{ url: '/x', baseURL: 'http://127.0.0.1:1', headers: { sign: 'old', KEY: 'old', 'x-custom': 'keep' } },
			NOW,
		);
		expect(signed.headers).not.toHaveProperty('sign');
		expect(signed.headers).not.toHaveProperty('KEY');
		expect(signed.headers?.['x-custom']).toBe('keep');
		expect(signed.baseURL).toBe('http://127.0.0.1:1');
		expect(signCalypsoRequest(credentials, { url: 'https://api.calypso.money/api/v1/invoice' }, NOW).baseURL).toBeUndefined();
		expect(signCalypsoRequest({ ...credentials, apiHost: 'money' }, { url: '/x' }, NOW).baseURL).toBe('https://api.calypso.money');
	});

	it('refuses to sign without keys or with a malformed account id', () => {
		expect(() => signCalypsoRequest({ ...credentials, secretKey: '' }, { url: '/x' })).toThrow(/public key and a secret key/);
		expect(() => signCalypsoRequest({ ...credentials, accountId: 'acct-1' }, { url: '/x' })).toThrow(/Merchant Account ID/);
	});

	it('authenticate stamps the current time in milliseconds', async () => {
		const before = Date.now();
		const request: IHttpRequestOptions = { method: 'POST', url: '/api/v1/invoice', body: { id: 'x' } };
		const signed = await new CalypsoApi().authenticate(credentials, request);
		const { timestamp } = JSON.parse(signed.body as string);
		expect(timestamp).toBeGreaterThanOrEqual(before);
		expect(timestamp).toBeLessThanOrEqual(Date.now());
	});
});

describe('CalypsoApi credential type', () => {
	const cred = new CalypsoApi();
	const byName = Object.fromEntries(cred.properties.map((p) => [p.name, p]));

	it('tests the keys by listing webhook subscriptions (POST, no payload)', () => {
		expect(cred.test.request).toEqual({ method: 'POST', url: '/api/v1/subscription/webhook' });
	});

	it('hides the secret, requires the account id, defaults the hosts and says the link host is unverified', () => {
		expect(byName.secretKey.typeOptions?.password).toBe(true);
		expect(byName.accountId.required).toBe(true);
		expect(byName.apiHost.default).toBe('finance');
		expect(byName.payLinkHost.default).toBe('https://pay.calypso.finance');
		expect(byName.payLinkHost.description).toMatch(/unverified/);
	});
});
