// Webhook deliveries for the hardening suites: genuine ones as each provider signs them, and
// generated attacks (forged, unsigned, re-signed with another key, tampered, re-split, stale,
// future, malformed) with the status each trigger's contract gives them. Generated with fast-check
// from a fixed seed, so every run sends the same deliveries.
import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';

export const SEED = 20260611;

/** One HTTP delivery: where relative to the trigger URL (`url` replaces it), what, and what must come back. */
export interface Delivery {
	kind: string;
	body: string;
	headers: Record<string, string>;
	/** Sent somewhere else than the trigger's production URL (wrong paths). */
	url?: string;
	method?: string;
	/** The statuses the trigger's contract allows for it. */
	expect: number[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** `count` attacks drawn from `arbitrary`, always the same ones. */
export function sample<T>(arbitrary: fc.Arbitrary<T>, count: number): T[] {
	return fc.sample(arbitrary, { seed: SEED, numRuns: count });
}

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((a) => Buffer.from(a).toString('hex'));
const base64 = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((a) => Buffer.from(a).toString('base64'));
const otherKey = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' });

/** Bodies no provider sends: not JSON, not an object, empty, or objects without anything to read. */
export const malformedBody: fc.Arbitrary<{ body: string; contentType: string }> = fc.oneof(
	fc.constantFrom(
		{ body: '', contentType: 'application/json' },
		{ body: '{}', contentType: 'application/json' },
		{ body: '[]', contentType: 'application/json' },
		{ body: 'null', contentType: 'application/json' },
		{ body: '"text"', contentType: 'application/json' },
		{ body: '{"a":', contentType: 'text/plain' },
		{ body: 'a=b&c=d', contentType: 'application/x-www-form-urlencoded' },
		{ body: '<xml/>', contentType: 'application/xml' },
	),
	// Random JSON without any name a provider's body is recognised by.
	fc
		.json({ maxDepth: 3 })
		.filter((body) => !/"(sid|exo_status_code|exo_detailed_status|whatsapp|params|eventType|id|statuses|errors|entry|payloadId)"/.test(body))
		.map((body) => ({ body, contentType: 'text/plain' })),
	fc
		.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 4 })
		.map((object) => ({ body: JSON.stringify({ unrelated: object }), contentType: 'application/json' })),
);

// ---------------------------------------------------------------- Craftgate

export interface CraftgateFields {
	eventType: string;
	eventTimestamp: string;
	status: string;
	payloadId: string;
}

export function craftgateSignature(key: string, f: CraftgateFields): string {
	return createHmac('sha256', key).update(f.eventType + f.eventTimestamp + f.status + f.payloadId).digest('base64');
}

/** A genuine Craftgate delivery (docs/providers.md §1.6) for payment `payloadId`. */
export function craftgateDelivery(key: string, payloadId: string, nowSeconds: number, overrides: Partial<CraftgateFields> = {}): Delivery {
	const fields: CraftgateFields = { eventType: 'API_AUTH', eventTimestamp: String(nowSeconds), status: 'SUCCESS', payloadId, ...overrides };
	const body = JSON.stringify({ ...fields, eventTime: new Date(nowSeconds * 1000).toISOString().slice(0, 19) });
	return { kind: 'genuine', body, headers: { ...JSON_HEADERS, 'x-cg-signature-v1': craftgateSignature(key, fields) }, expect: [200] };
}

/** Every way of cutting `joined` into four non-empty fields other than `original`. */
export function resplits(original: CraftgateFields): CraftgateFields[] {
	const joined = original.eventType + original.eventTimestamp + original.status + original.payloadId;
	const cuts: CraftgateFields[] = [];
	for (let a = 1; a < joined.length - 2; a++) {
		for (let b = a + 1; b < joined.length - 1; b++) {
			for (let c = b + 1; c < joined.length; c++) {
				const fields = { eventType: joined.slice(0, a), eventTimestamp: joined.slice(a, b), status: joined.slice(b, c), payloadId: joined.slice(c) };
				if (fields.eventType === original.eventType && fields.eventTimestamp === original.eventTimestamp && fields.status === original.status) continue;
				cuts.push(fields);
			}
		}
	}
	return cuts;
}

/**
 * Attacks on the Craftgate Trigger built from one captured genuine delivery (`captured`, signed
 * with `key`): every one must be refused with 401 (or 400 for a body that cannot be read).
 */
export function craftgateAttacks(key: string, captured: CraftgateFields, nowSeconds: number, count: number): Delivery[] {
	const sign = (f: CraftgateFields, withKey = key) => ({ ...JSON_HEADERS, 'x-cg-signature-v1': craftgateSignature(withKey, f) });
	const bodyOf = (f: CraftgateFields) => JSON.stringify(f);
	const capturedSignature = sign(captured);
	const refused = [401];
	const day = 24 * 60 * 60;

	const unsigned = fc.constant({ kind: 'unsigned', body: bodyOf(captured), headers: { ...JSON_HEADERS }, expect: refused });
	const forged = base64(32).map((signature) => ({ kind: 'forged', body: bodyOf(captured), headers: { ...JSON_HEADERS, 'x-cg-signature-v1': signature }, expect: refused }));
	const anotherKey = otherKey
		.filter((k) => k !== key)
		.map((k) => ({ kind: 're-signed with another key', body: bodyOf(captured), headers: sign(captured, k), expect: refused }));
	const tampered = fc
		.oneof(
			fc.integer({ min: 1, max: 10_000 }).map((n) => ({ payloadId: String(Number(captured.payloadId) + n) })),
			fc.constantFrom({ status: 'FAILURE' }, { eventType: 'CHECKOUTFORM_AUTH' }, { eventType: 'API_VERIFY_AND_AUTH' }),
			fc.integer({ min: 1, max: 600 }).map((n) => ({ eventTimestamp: String(Number(captured.eventTimestamp) + n) })),
		)
		.map((change) => ({ kind: 'tampered', body: bodyOf({ ...captured, ...change }), headers: capturedSignature, expect: refused }));
	// The captured signature fits every other cut of the same text (issue 11, hole 1).
	const resplit = fc.constantFrom(...resplits(captured)).map((fields) => ({
		kind: 're-split',
		body: bodyOf(fields),
		headers: capturedSignature,
		expect: [400, 401],
	}));
	const stale = fc.integer({ min: day + 60, max: 400 * day }).map((age) => {
		const fields = { ...captured, eventTimestamp: String(nowSeconds - age) };
		return { kind: 'stale', body: bodyOf(fields), headers: sign(fields), expect: refused };
	});
	const future = fc.integer({ min: day + 60, max: 400 * day }).map((ahead) => {
		const fields = { ...captured, eventTimestamp: String(nowSeconds + ahead) };
		return { kind: 'future', body: bodyOf(fields), headers: sign(fields), expect: refused };
	});
	const malformed = malformedBody.map(({ body, contentType }) => ({
		kind: 'malformed',
		body,
		headers: { 'content-type': contentType, 'x-cg-signature-v1': capturedSignature['x-cg-signature-v1'] },
		expect: [400, 401],
	}));
	return sample(fc.oneof(unsigned, forged, anotherKey, tampered, resplit, stale, future, malformed), count);
}

// ---------------------------------------------------------------- Calypso

export function calypsoSign(secret: string, body: string): string {
	return createHmac('sha512', secret).update(body, 'utf8').digest('hex');
}

/** A genuine Calypso invoice event (docs/providers.md §4.6), event `id` unique per event. */
export function calypsoEventBody(id: number, requestId: string, eventType = 'INVOICE_PAID'): string {
	return JSON.stringify({
		requestId,
		id,
		createdDate: new Date().toISOString().replace('Z', '000').slice(0, 26),
		level: 'SUCCESS',
		service: 'INVOICE',
		eventType,
		data: { externalId: `order-${id}`, parentExternalId: `order-${id}`, amount: 0.5, currency: 'ETH', idempotencyKey: randomUUID(), type: eventType },
	});
}

export function calypsoDelivery(keys: { publicKey: string; secretKey: string }, body: string): Delivery {
	return { kind: 'genuine', body, headers: { ...JSON_HEADERS, key: keys.publicKey, sign: calypsoSign(keys.secretKey, body) }, expect: [200] };
}

/** Attacks on the Calypso Pay Trigger: refused 401, or 400 for a signed body it cannot read. */
export function calypsoAttacks(keys: { publicKey: string; secretKey: string; requestId: string }, count: number): Delivery[] {
	const genuine = fc.integer({ min: 1_000_000, max: 9_999_999 }).map((id) => calypsoEventBody(id, keys.requestId));
	const refused = [401];
	const unsigned = genuine.map((body) => ({ kind: 'unsigned', body, headers: { ...JSON_HEADERS }, expect: refused }));
	const keyOnly = genuine.map((body) => ({ kind: 'unsigned (Key only)', body, headers: { ...JSON_HEADERS, key: keys.publicKey }, expect: refused }));
	const forged = fc.tuple(genuine, hex(64)).map(([body, sign]) => ({ kind: 'forged', body, headers: { ...JSON_HEADERS, key: keys.publicKey, sign }, expect: refused }));
	const anotherKey = fc.tuple(genuine, otherKey.filter((k) => k !== keys.secretKey)).map(([body, secret]) => ({
		kind: 're-signed with another key',
		body,
		headers: { ...JSON_HEADERS, key: keys.publicKey, sign: calypsoSign(secret, body) },
		expect: refused,
	}));
	const wrongPublicKey = fc.tuple(genuine, hex(16)).map(([body, publicKey]) => ({
		kind: 'another public key',
		body,
		headers: { ...JSON_HEADERS, key: publicKey, sign: calypsoSign(keys.secretKey, body) },
		expect: refused,
	}));
	const tampered = fc
		.tuple(genuine, fc.constantFrom<[string, string]>(['"amount":0.5', '"amount":500'], ['INVOICE_PAID', 'INVOICE_EXPIRED'], ['"level":"SUCCESS"', '"level":"WARNING"']))
		.map(([body, [from, to]]) => ({
			kind: 'tampered',
			body: body.replace(from, to),
			headers: { ...JSON_HEADERS, key: keys.publicKey, sign: calypsoSign(keys.secretKey, body) },
			expect: refused,
		}));
	const malformedUnsigned = malformedBody.map(({ body, contentType }) => ({ kind: 'malformed', body, headers: { 'content-type': contentType }, expect: refused }));
	const malformedSigned = malformedBody
		.filter(({ body }) => body !== '')
		.map(({ body, contentType }) => ({
			kind: 'malformed, signed',
			body,
			headers: { 'content-type': contentType, key: keys.publicKey, sign: calypsoSign(keys.secretKey, body) },
			// 400 when the signed bytes are read; 401 when n8n keeps no raw bytes for that content type.
			expect: [400, 401],
		}));
	return sample(fc.oneof(unsigned, keyOnly, forged, anotherKey, wrongPublicKey, tampered, malformedUnsigned, malformedSigned), count);
}

// ---------------------------------------------------------------- 360dialog

export const D360_SECRET_HEADER = 'x-n8n-webhook-secret';
export const D360_SIGNATURE_HEADER = 'x-360dialog-signature';

export function dialog360Sign(secret: string, body: string): string {
	return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** A genuine 360dialog payment status webhook (Cloud API envelope, docs/providers.md §2.7). */
export function dialog360EventBody(wamid: string, transactionId: string): string {
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'emulator-waba-id',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '918000000000', phone_number_id: 'emulator-phone-number-id' },
							statuses: [
								{
									id: wamid,
									recipient_id: '919876543210',
									type: 'payment',
									status: 'captured',
									timestamp: String(Math.floor(Date.now() / 1000)),
									payment: {
										reference_id: `ORD-${transactionId}`,
										amount: { value: 1000, offset: 100 },
										currency: 'INR',
										transaction: { id: transactionId, type: 'razorpay', status: 'success', amount: { value: 1000, offset: 100 }, currency: 'INR' },
									},
								},
							],
						},
					},
				],
			},
		],
	});
}

export function dialog360Delivery(secrets: { header: string; partner: string }, body: string): Delivery {
	return {
		kind: 'genuine',
		body,
		headers: { ...JSON_HEADERS, [D360_SECRET_HEADER]: secrets.header, [D360_SIGNATURE_HEADER]: dialog360Sign(secrets.partner, body) },
		expect: [200],
	};
}

/** Attacks on the 360dialog Trigger (secret header and partner signature both required): all 401. */
export function dialog360Attacks(secrets: { header: string; partner: string }, count: number): Delivery[] {
	const genuine = fc.tuple(hex(12), fc.integer({ min: 1, max: 9_999_999 })).map(([id, tx]) => dialog360EventBody(`wamid.${id}`, `pay_${tx}`));
	const refused = [401];
	const withHeaders = (body: string, headers: Record<string, string>) => ({ ...JSON_HEADERS, ...headers });
	const unsigned = genuine.map((body) => ({ kind: 'unsigned', body, headers: withHeaders(body, {}), expect: refused }));
	const headerOnly = genuine.map((body) => ({ kind: 'secret header, no signature', body, headers: withHeaders(body, { [D360_SECRET_HEADER]: secrets.header }), expect: refused }));
	const signatureOnly = genuine.map((body) => ({
		kind: 'signature, no secret header',
		body,
		headers: withHeaders(body, { [D360_SIGNATURE_HEADER]: dialog360Sign(secrets.partner, body) }),
		expect: refused,
	}));
	const forgedHeader = fc.tuple(genuine, hex(32)).map(([body, header]) => ({
		kind: 'forged secret header',
		body,
		headers: withHeaders(body, { [D360_SECRET_HEADER]: header, [D360_SIGNATURE_HEADER]: dialog360Sign(secrets.partner, body) }),
		expect: refused,
	}));
	const forgedSignature = fc.tuple(genuine, fc.oneof(hex(32), base64(32))).map(([body, signature]) => ({
		kind: 'forged signature',
		body,
		headers: withHeaders(body, { [D360_SECRET_HEADER]: secrets.header, [D360_SIGNATURE_HEADER]: signature }),
		expect: refused,
	}));
	const anotherKey = fc.tuple(genuine, otherKey.filter((k) => k !== secrets.partner)).map(([body, key]) => ({
		kind: 're-signed with another key',
		body,
		headers: withHeaders(body, { [D360_SECRET_HEADER]: secrets.header, [D360_SIGNATURE_HEADER]: dialog360Sign(key, body) }),
		expect: refused,
	}));
	const tampered = fc.tuple(genuine, fc.constantFrom<[string, string]>(['"value":1000', '"value":1'], ['"status":"captured"', '"status":"failed"'])).map(([body, [from, to]]) => ({
		kind: 'tampered',
		body: body.replace(from, to),
		headers: withHeaders(body, { [D360_SECRET_HEADER]: secrets.header, [D360_SIGNATURE_HEADER]: dialog360Sign(secrets.partner, body) }),
		expect: refused,
	}));
	const malformed = malformedBody.map(({ body, contentType }) => ({ kind: 'malformed', body, headers: { 'content-type': contentType }, expect: refused }));
	return sample(fc.oneof(unsigned, headerOnly, signatureOnly, forgedHeader, forgedSignature, anotherKey, tampered, malformed), count);
}

// ---------------------------------------------------------------- Exotel

/** An Exotel payment success callback (docs/providers.md §3.7) for message `sid`. */
export function exotelCallbackBody(sid: string, transactionId: string): string {
	return JSON.stringify({
		whatsapp: {
			messages: [
				{
					callback_type: 'dlr',
					sid,
					to: '+919876543210',
					exo_status_code: 30050,
					exo_detailed_status: 'EX_PAYMENT_SUCCESS',
					description: 'Payment Succeeded',
					timestamp: new Date().toISOString(),
					payment_reference_id: `ORD-${transactionId}`,
					payment_transaction_id: transactionId,
				},
			],
		},
	});
}

/**
 * Attacks on the Exotel Trigger, whose secret is its URL (Exotel signs nothing): genuine-looking
 * callbacks to wrong paths (n8n's 404), to the URL of a trigger whose IP(s) Allowlist leaves the
 * caller out (403, a forwarded-for header changes nothing), and unreadable bodies to the right
 * URL (400).
 */
export function exotelAttacks(urls: { base: string; webhookId: string; allowlisted: string }, count: number): Delivery[] {
	const genuine = fc.tuple(hex(10), fc.integer({ min: 1, max: 9_999_999_999 })).map(([sid, tx]) => exotelCallbackBody(sid, String(tx)));
	const swapOne = fc.integer({ min: 0, max: urls.webhookId.length - 1 }).map((i) => {
		const id = urls.webhookId;
		const replacement = id[i] === '-' ? 'x' : id[i] === 'a' ? 'b' : 'a';
		return `${id.slice(0, i)}${replacement}${id.slice(i + 1)}`;
	});
	const wrongPath = fc
		.tuple(
			genuine,
			fc.oneof(
				fc.uuid().map((id) => `/webhook/${id}/webhook`),
				swapOne.map((id) => `/webhook/${id}/webhook`),
				fc.integer({ min: 8, max: 35 }).map((n) => `/webhook/${urls.webhookId.slice(0, n)}/webhook`),
				fc.constantFrom(
					`/webhook/${urls.webhookId}`,
					`/webhook/${urls.webhookId}/webhooks`,
					`/webhook/${urls.webhookId}/webhook/extra`,
					`/webhook-test/${urls.webhookId}/webhook`,
					`/webhook/webhook`,
				),
			),
		)
		.map(([body, path]) => ({ kind: 'wrong path', url: `${urls.base}${path}`, body, headers: { ...JSON_HEADERS }, expect: [404] }));
	const notAllowed = fc
		.tuple(genuine, fc.constantFrom('', '203.0.113.10', '203.0.113.10, 127.0.0.1', '::ffff:203.0.113.10'))
		.map(([body, forwarded]) => ({
			kind: 'caller not in the allowlist',
			url: urls.allowlisted,
			body,
			headers: forwarded ? { ...JSON_HEADERS, 'x-forwarded-for': forwarded } : { ...JSON_HEADERS },
			expect: [403],
		}));
	const malformed = malformedBody.map(({ body, contentType }) => ({ kind: 'malformed', body, headers: { 'content-type': contentType }, expect: [400] }));
	return sample(fc.oneof(wrongPath, notAllowed, malformed), count);
}
