import { nock, testCredential } from '../harness';
import { CALYPSO_KEYS, interceptCalypso, ok } from '../../fakes/calypso';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

const data = (fields: Record<string, string> = {}) => ({ ...CALYPSO_KEYS, apiHost: 'https://api.calypso.finance', payLinkHost: '', ...fields });

describe('Calypso API credential test (through n8n-core\'s RoutingNode)', () => {
	it('passes with keys Calypso accepts: a signed subscription list, envelope without payload', async () => {
		const { calls: seen } = interceptCalypso(nock, () => ok({ subscriptions: [] }));
		const result = await testCredential('calypsoApi', data());
		expect(result.status).toBe('OK');
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/subscription/webhook', refusal: undefined });
		expect(Object.keys(seen[0].envelope ?? {})).toEqual(['timestamp', 'account']);
	});

	it.each([
		['api.calypso.money', { apiHost: 'https://api.calypso.money' }, 'https://api.calypso.money'],
		['a custom API host', { apiHost: 'custom', customApiHost: 'http://calypso-proxy.test/' }, 'http://calypso-proxy.test'],
	])('tests the keys on %s', async (_name, host, api) => {
		const { calls } = interceptCalypso(nock, () => ok({ subscriptions: [] }), api);
		const result = await testCredential('calypsoApi', data(host));
		expect(result.status).toBe('OK');
		expect(calls.map((call) => [call.url, call.refusal])).toEqual([[`${api}/api/v1/subscription/webhook`, undefined]]);
	});

	it('fails with a wrong secret key (Calypso: 003)', async () => {
		const { calls: seen } = interceptCalypso(nock, () => ok({ subscriptions: [] }));
		const result = await testCredential('calypsoApi', data({ secretKey: 'not-the-secret' }));
		expect(result.status).toBe('Error');
		expect(seen[0].refusal).toBe('003');
	});

	it('fails before sending anything with a malformed account id', async () => {
		const { calls: seen } = interceptCalypso(nock, () => ok({ subscriptions: [] }));
		const result = await testCredential('calypsoApi', data({ accountId: 'merchant-1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain("The Calypso credential's Merchant Account ID must be 0x followed by 40 hexadecimal digits");
		expect(seen).toHaveLength(0);
	});
});
