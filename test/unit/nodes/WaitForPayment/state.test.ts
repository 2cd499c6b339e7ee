// The wait state carried by the check URL: signed with a key derived from the credential's secret,
// read back only when the signature holds (constant-time compare), 'forged' otherwise.
import { createHash, createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import * as webhookShared from '../../../../nodes/shared/webhook';
import {
	CHECK_PARAM,
	SIGNATURE_PARAM,
	signedStateQuery,
	STATE_PARAM,
	stateFromQuery,
	type WaitState,
} from '../../../../nodes/WaitForPayment/wait/state';

jest.mock('../../../../nodes/shared/webhook', () => {
	const actual = jest.requireActual('../../../../nodes/shared/webhook');
	return { ...actual, safeEqual: jest.fn(actual.safeEqual) };
});
const safeEqual = webhookShared.safeEqual as jest.MockedFunction<typeof webhookShared.safeEqual>;

const SECRET = 'credential-secret-for-state-tests';

const STATE: WaitState = {
	executionId: '4711',
	target: { provider: 'craftgate', linkId: '12', expiryTimeZone: 'Europe/Istanbul' },
	deadline: Date.UTC(2030, 0, 1, 10, 0, 0),
	intervalMs: 60_000,
	timeoutMs: 30_000,
	cleanUp: 'deleteLink',
};

/** One character of `text` changed at `index`. */
function flip(text: string, index: number): string {
	const replacement = text[index] === 'A' ? 'B' : 'A';
	return text.slice(0, index) + replacement + text.slice(index + 1);
}

beforeEach(() => safeEqual.mockClear());

describe('signedStateQuery / stateFromQuery', () => {
	it('puts the state and its signature in two query parameters, and reads the same state back', () => {
		const query = signedStateQuery(STATE, SECRET);
		expect(Object.keys(query).sort()).toEqual([SIGNATURE_PARAM, STATE_PARAM].sort());
		expect([STATE_PARAM, SIGNATURE_PARAM, CHECK_PARAM]).toEqual(['cp_state', 'cp_sig', 'cp_check']);
		expect(query[SIGNATURE_PARAM]).toMatch(/^[0-9a-f]{64}$/);
		expect(stateFromQuery(query, SECRET)).toEqual(STATE);
	});

	it('keeps every target shape', () => {
		const targets: WaitState['target'][] = [
			{ provider: '360dialog', paymentConfiguration: 'cfg', referenceId: 'ORDER-1', lookupPath: '/payments/{configuration}/{reference}' },
			{ provider: 'calypso', kind: 'widget', id: 'w-key' },
			{ provider: 'calypso', kind: 'invoice', id: 'inv-1' },
		];
		for (const target of targets) {
			const state = { ...STATE, target, cleanUp: 'none' as const };
			expect(stateFromQuery(signedStateQuery(state, SECRET), SECRET)).toEqual(state);
		}
	});

	it('puts the state in URL-safe base64 (nothing to escape) and never the secret', () => {
		const query = signedStateQuery(STATE, SECRET);
		expect(query[STATE_PARAM]).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(JSON.stringify(query)).not.toContain(SECRET);
	});

	it('signs with a key derived from the secret, fixed across versions (waits signed before an upgrade still verify)', () => {
		const key = createHash('sha256').update('n8n-nodes-chat-payments wait state\0').update(SECRET).digest();
		const query = signedStateQuery(STATE, SECRET);
		expect(query[SIGNATURE_PARAM]).toBe(createHmac('sha256', key).update(query[STATE_PARAM]).digest('hex'));
		// The secret itself is not the key.
		expect(query[SIGNATURE_PARAM]).not.toBe(createHmac('sha256', SECRET).update(query[STATE_PARAM]).digest('hex'));
	});

	it('answers null when the request carries no state, with or without a signature', () => {
		expect(stateFromQuery({}, SECRET)).toBeNull();
		expect(stateFromQuery({ [SIGNATURE_PARAM]: signedStateQuery(STATE, SECRET)[SIGNATURE_PARAM], signature: 'n8n-token' }, SECRET)).toBeNull();
	});

	it('compares the signature with the constant-time safeEqual', () => {
		const query = signedStateQuery(STATE, SECRET);
		stateFromQuery(query, SECRET);
		expect(safeEqual).toHaveBeenCalledTimes(1);
		expect(safeEqual).toHaveBeenCalledWith(query[SIGNATURE_PARAM], query[SIGNATURE_PARAM]);

		safeEqual.mockClear();
		const forged = flip(query[SIGNATURE_PARAM], 0);
		expect(stateFromQuery({ ...query, [SIGNATURE_PARAM]: forged }, SECRET)).toBe('forged');
		expect(safeEqual).toHaveBeenCalledWith(query[SIGNATURE_PARAM], forged);
	});
});

describe('stateFromQuery refuses as forged', () => {
	const query = signedStateQuery(STATE, SECRET);
	const cases: Array<[string, IDataObject, string]> = [
		['a changed state', { ...query, [STATE_PARAM]: flip(query[STATE_PARAM], 10) }, SECRET],
		['another payment\'s state under this signature', { ...query, [STATE_PARAM]: signedStateQuery({ ...STATE, target: { provider: 'craftgate', linkId: '13' } }, SECRET)[STATE_PARAM] }, SECRET],
		['a changed signature', { ...query, [SIGNATURE_PARAM]: flip(query[SIGNATURE_PARAM], 63) }, SECRET],
		['a shortened signature', { ...query, [SIGNATURE_PARAM]: query[SIGNATURE_PARAM].slice(0, 62) }, SECRET],
		['an upper-cased signature', { ...query, [SIGNATURE_PARAM]: query[SIGNATURE_PARAM].toUpperCase() }, SECRET],
		['a missing signature', { [STATE_PARAM]: query[STATE_PARAM] }, SECRET],
		['an empty signature', { ...query, [SIGNATURE_PARAM]: '' }, SECRET],
		['a signature given twice', { ...query, [SIGNATURE_PARAM]: [query[SIGNATURE_PARAM], query[SIGNATURE_PARAM]] }, SECRET],
		['a state given twice', { ...query, [STATE_PARAM]: [query[STATE_PARAM], query[STATE_PARAM]] }, SECRET],
		['a signature made with another secret', query, 'another-credential-secret'],
		['any state when the credential has no secret', query, ''],
		['a state signed with an empty secret, read with an empty secret', signedStateQuery(STATE, ''), ''],
	];

	it.each(cases)('%s', (_case, received, secret) => {
		expect(stateFromQuery(received, secret)).toBe('forged');
	});

	it('a correctly signed text that is not a state', () => {
		const key = createHash('sha256').update('n8n-nodes-chat-payments wait state\0').update(SECRET).digest();
		const encoded = Buffer.from('not json', 'utf8').toString('base64url');
		const signature = createHmac('sha256', key).update(encoded).digest('hex');
		expect(stateFromQuery({ [STATE_PARAM]: encoded, [SIGNATURE_PARAM]: signature }, SECRET)).toBe('forged');
	});
});
