import {
	generateSecretToken,
	hmac,
	isWithinReplayWindow,
	safeEqual,
	verifyHmac,
} from '../../../../../nodes/shared/webhook/authenticity';

// Vectors from docs/providers.md (§1.6, §2.7, §4.5).
const craftgate = {
	key: 'Aoh7tReTybO6wOjBmOJFFsOR53SBojEp',
	message: 'API_VERIFY_AND_AUTH1661521221SUCCESS584',
	signature: '0wRB5XqWJxwwPbn5Z9TcbHh8EGYFufSYTsRMB74N094=',
};
const calypso = {
	key: 'whsec_calypso_test',
	body: '{"requestId":"r1","id":1,"eventType":"INVOICE_PAID"}',
	signature:
		'4d48841bf08da9f68359b9c75f4a7182c8ca5743ae69e89bad482de45b016ca2010d7ee5751fbc2e2436463509eb2baab83f0b44ae087a9e9a8c0aebf806e198',
};
const meta = {
	key: 'test_app_secret',
	body: '{"object":"whatsapp_business_account"}',
	header: 'sha256=62dd87e2fca9df61d2bb074ef802490563f3f47ab32fc81b2267f074ab32ad96',
};

describe('safeEqual', () => {
	it('is true for equal strings and equal buffers', () => {
		expect(safeEqual('abc123', 'abc123')).toBe(true);
		expect(safeEqual(Buffer.from('abc123'), Buffer.from('abc123'))).toBe(true);
		expect(safeEqual('abc123', Buffer.from('abc123'))).toBe(true);
		expect(safeEqual('', '')).toBe(true);
	});

	it('is false for different values of the same length', () => {
		expect(safeEqual('abc123', 'abc124')).toBe(false);
		expect(safeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 4]))).toBe(false);
	});

	it('is false, without throwing, for different lengths', () => {
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', 'a')).toBe(false);
		expect(safeEqual(Buffer.alloc(0), Buffer.from('a'))).toBe(false);
	});

	it('is false, without throwing, for values that are neither strings nor buffers', () => {
		expect(safeEqual(undefined as unknown as string, 'a')).toBe(false);
		expect(safeEqual('a', null as unknown as string)).toBe(false);
		expect(safeEqual(undefined as unknown as string, undefined as unknown as string)).toBe(false);
	});
});

describe('hmac', () => {
	it('matches the Craftgate webhook vector (HMAC-SHA256, base64)', () => {
		expect(hmac('sha256', craftgate.key, craftgate.message, 'base64')).toBe(craftgate.signature);
	});

	it('matches the Calypso webhook vector (HMAC-SHA512, hex)', () => {
		expect(hmac('sha512', calypso.key, calypso.body, 'hex')).toBe(calypso.signature);
	});

	it('matches the Meta X-Hub-Signature-256 vector (HMAC-SHA256, hex)', () => {
		expect(`sha256=${hmac('sha256', meta.key, meta.body, 'hex')}`).toBe(meta.header);
	});

	it('gives the same result for string and buffer inputs', () => {
		expect(hmac('sha512', Buffer.from(calypso.key), Buffer.from(calypso.body), 'hex')).toBe(calypso.signature);
	});
});

describe('verifyHmac', () => {
	it('accepts the provider vectors', () => {
		expect(
			verifyHmac({
				algorithm: 'sha256',
				key: craftgate.key,
				payload: craftgate.message,
				received: craftgate.signature,
				encoding: 'base64',
			}),
		).toBe(true);
		expect(
			verifyHmac({
				algorithm: 'sha512',
				key: calypso.key,
				payload: Buffer.from(calypso.body),
				received: calypso.signature,
				encoding: 'hex',
			}),
		).toBe(true);
		expect(
			verifyHmac({
				algorithm: 'sha256',
				key: meta.key,
				payload: meta.body,
				received: meta.header,
				encoding: 'hex',
				prefix: 'sha256=',
			}),
		).toBe(true);
	});

	it('accepts upper-case hex and surrounding whitespace', () => {
		expect(
			verifyHmac({
				algorithm: 'sha512',
				key: calypso.key,
				payload: calypso.body,
				received: ` ${calypso.signature.toUpperCase()} `,
				encoding: 'hex',
			}),
		).toBe(true);
	});

	it('rejects a changed payload, a wrong key and a tampered signature', () => {
		const base = { algorithm: 'sha512', encoding: 'hex' } as const;
		expect(verifyHmac({ ...base, key: calypso.key, payload: `${calypso.body} `, received: calypso.signature })).toBe(
			false,
		);
		expect(verifyHmac({ ...base, key: 'other', payload: calypso.body, received: calypso.signature })).toBe(false);
		const tampered = `${calypso.signature.slice(0, -1)}0`;
		expect(verifyHmac({ ...base, key: calypso.key, payload: calypso.body, received: tampered })).toBe(false);
	});

	it('is case-sensitive for base64', () => {
		expect(
			verifyHmac({
				algorithm: 'sha256',
				key: craftgate.key,
				payload: craftgate.message,
				received: craftgate.signature.toLowerCase(),
				encoding: 'base64',
			}),
		).toBe(false);
	});

	it('requires the prefix when one is given, and nothing else after it', () => {
		const base = { algorithm: 'sha256', key: meta.key, payload: meta.body, encoding: 'hex', prefix: 'sha256=' } as const;
		expect(verifyHmac({ ...base, received: meta.header.slice('sha256='.length) })).toBe(false);
		expect(verifyHmac({ ...base, received: meta.header.replace('sha256=', 'sha1=') })).toBe(false);
		expect(verifyHmac({ ...base, received: 'sha256=' })).toBe(false);
		expect(verifyHmac({ ...base, received: meta.header.replace('sha256=', 'SHA256=') })).toBe(true);
	});

	it('fails closed for a missing signature or an empty key', () => {
		const base = { algorithm: 'sha256', payload: 'x', encoding: 'hex' } as const;
		expect(verifyHmac({ ...base, key: 'k', received: undefined })).toBe(false);
		expect(verifyHmac({ ...base, key: 'k', received: '' })).toBe(false);
		expect(verifyHmac({ ...base, key: 'k', received: ['a', 'b'] as unknown as string })).toBe(false);
		// An attacker can compute an HMAC with an empty key, so "no key configured" never verifies.
		expect(verifyHmac({ ...base, key: '', received: hmac('sha256', '', 'x', 'hex') })).toBe(false);
		expect(verifyHmac({ ...base, key: Buffer.alloc(0), received: hmac('sha256', '', 'x', 'hex') })).toBe(false);
	});
});

describe('isWithinReplayWindow', () => {
	const now = new Date('2024-05-01T12:00:00.000Z');
	const nowSeconds = now.getTime() / 1000;
	const nowMs = now.getTime();

	it('reads epoch seconds and epoch milliseconds alike', () => {
		expect(isWithinReplayWindow(nowSeconds, { now })).toBe(true);
		expect(isWithinReplayWindow(nowMs, { now })).toBe(true);
		expect(isWithinReplayWindow(String(nowSeconds), { now })).toBe(true);
		expect(isWithinReplayWindow(String(nowMs), { now })).toBe(true);
	});

	it('accepts the edges of the default 300 s window and refuses just beyond them', () => {
		expect(isWithinReplayWindow(nowSeconds - 300, { now })).toBe(true);
		expect(isWithinReplayWindow(nowSeconds + 300, { now })).toBe(true);
		expect(isWithinReplayWindow(nowSeconds - 301, { now })).toBe(false);
		expect(isWithinReplayWindow(nowSeconds + 301, { now })).toBe(false);
		expect(isWithinReplayWindow(nowMs - 300_000, { now })).toBe(true);
		expect(isWithinReplayWindow(nowMs - 300_001, { now })).toBe(false);
		expect(isWithinReplayWindow(nowMs + 300_001, { now })).toBe(false);
	});

	it('honours a custom tolerance', () => {
		expect(isWithinReplayWindow(nowSeconds - 180, { now, toleranceSeconds: 180 })).toBe(true);
		expect(isWithinReplayWindow(nowSeconds - 181, { now, toleranceSeconds: 180 })).toBe(false);
		expect(isWithinReplayWindow(nowSeconds, { now, toleranceSeconds: 0 })).toBe(true);
		expect(isWithinReplayWindow(nowSeconds - 1, { now, toleranceSeconds: 0 })).toBe(false);
		expect(isWithinReplayWindow(nowSeconds, { now, toleranceSeconds: -1 })).toBe(false);
	});

	it('uses the real clock when no now is given', () => {
		expect(isWithinReplayWindow(Date.now())).toBe(true);
		expect(isWithinReplayWindow(Math.floor(Date.now() / 1000))).toBe(true);
		expect(isWithinReplayWindow(1661521221)).toBe(false);
	});

	it('refuses missing and garbage timestamps', () => {
		for (const garbage of [undefined, '', '  ', 'abc', '12abc', '-5', '1e9', 'NaN', NaN, Infinity, -1, 0]) {
			expect(isWithinReplayWindow(garbage as number | string | undefined, { now })).toBe(false);
		}
		expect(isWithinReplayWindow(null as unknown as number, { now })).toBe(false);
		expect(isWithinReplayWindow({} as unknown as number, { now })).toBe(false);
	});
});

describe('generateSecretToken', () => {
	it('is URL-safe and carries at least 128 bits', () => {
		const token = generateSecretToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(encodeURIComponent(token)).toBe(token);
	});

	it('differs on every call', () => {
		const tokens = new Set(Array.from({ length: 200 }, () => generateSecretToken()));
		expect(tokens.size).toBe(200);
	});
});
