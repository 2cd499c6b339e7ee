import { createHmac } from 'crypto';
import { accountIdOf, buildEnvelope, calypsoSignature, payLinkHost, signCalypsoRequest } from '../../../../../nodes/Calypso/transport/signing';

const ACCOUNT = '0x' + '3f'.repeat(20);
const credentials = { publicKey: 'test-public', secretKey: 'test-secret', accountId: ACCOUNT, apiHost: 'https://api.calypso.finance' };
const NOW = 1767225600000;
const API = 'https://api.calypso.finance';

/** Calypso's rule restated without the package: hex(HMAC-SHA512(secret, exact body)). */
const expectedSign = (body: string, secret = 'test-secret') => createHmac('sha512', secret).update(body, 'utf8').digest('hex');

describe('calypsoSignature (docs/providers.md §4.2 test vector)', () => {
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
	it('uses pay.calypso.finance for links unless another host is set', () => {
		expect(payLinkHost({})).toBe('https://pay.calypso.finance');
		expect(payLinkHost({ payLinkHost: 'https://pay.calypso.money/' })).toBe('https://pay.calypso.money');
		expect(() => payLinkHost({ payLinkHost: 'pay.calypso.money' })).toThrow('The Calypso credential\'s "Payment Link Host" is not an http(s) URL');
	});

	it.each([['0x' + 'a'.repeat(39)], ['0x' + 'g'.repeat(40)], ['3f'.repeat(21)], ['']])('refuses the account id %j', (accountId) => {
		expect(() => accountIdOf({ accountId })).toThrow(/0x followed by 40 hexadecimal digits/);
	});

	it('accepts a mixed-case account id', () => {
		expect(accountIdOf({ accountId: ' 0x' + 'aB'.repeat(20) + ' ' })).toBe('0x' + 'aB'.repeat(20));
	});
});

describe('signCalypsoRequest', () => {
	it('wraps the payload in the envelope once and signs exactly the string it sends', () => {
		const signed = signCalypsoRequest(credentials, { method: 'POST', url: 'https://api.calypso.finance/api/v1/invoice', body: { id: 'inv-1' }, json: true }, NOW);
		expect(signed.body).toBe(`{"timestamp":${NOW},"account":"${ACCOUNT}","payload":{"id":"inv-1"}}`);
		expect(signed.json).toBe(false);
		expect(signed.url).toBe('https://api.calypso.finance/api/v1/invoice');
		expect(signed.headers).toMatchObject({ Key: 'test-public', Sign: expectedSign(signed.body as string), 'Content-Type': 'application/json' });
	});

	it('sends no payload for an empty body, as n8n routing gives the credential test', () => {
		const signed = signCalypsoRequest(credentials, { method: 'POST', url: `${API}/api/v1/subscription/webhook`, body: {} }, NOW);
		expect(JSON.parse(signed.body as string)).toEqual({ timestamp: NOW, account: ACCOUNT });
	});

	it('keeps a DELETE body as a string (n8n sends string bodies for every method)', () => {
		const signed = signCalypsoRequest(credentials, { method: 'DELETE', url: `${API}/api/v1/subscription/webhook`, body: { requestId: 'r-1' } }, NOW);
		expect(signed.method).toBe('DELETE');
		expect(typeof signed.body).toBe('string');
		expect(JSON.parse(signed.body as string).payload).toEqual({ requestId: 'r-1' });
	});

	it('re-signing its own output signs the same bytes (n8n re-authenticates a re-sent request)', () => {
		const first = signCalypsoRequest(credentials, { url: `${API}/api/v1/invoice`, body: { id: 'x' } }, NOW);
		const second = signCalypsoRequest(credentials, first, NOW + 5000);
		expect(second.body).toBe(first.body);
		expect(second.headers?.Sign).toBe(first.headers?.Sign);
	});

	it('wraps a JSON string payload that is not an envelope, and refuses a body that is not a JSON object', () => {
		const signed = signCalypsoRequest(credentials, { url: `${API}/x`, body: '{"id":"a"}' }, NOW);
		expect(JSON.parse(signed.body as string).payload).toEqual({ id: 'a' });
		expect(() => signCalypsoRequest(credentials, { url: `${API}/x`, body: 'not json' }, NOW)).toThrow(/JSON object/);
		expect(() => signCalypsoRequest(credentials, { url: `${API}/x`, body: '[1]' }, NOW)).toThrow(/JSON object/);
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
		expect(() => signCalypsoRequest(credentials, { url: '/x' }, NOW)).toThrow('A Calypso request needs the API host: /x is a path only');
	});

	it('refuses to sign without keys or with a malformed account id', () => {
		expect(() => signCalypsoRequest({ ...credentials, secretKey: '' }, { url: `${API}/x` })).toThrow('The Calypso credential needs a public key and a secret key');
		expect(() => signCalypsoRequest({ ...credentials, accountId: 'acct-1' }, { url: `${API}/x` })).toThrow("The Calypso credential's Merchant Account ID must be 0x followed by 40 hexadecimal digits");
	});
});

