import { nock, testCredential } from '../harness';
import { KEYS, fakeCalypso } from './fakeCalypso';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

const data = (fields: Record<string, string> = {}) => ({ ...KEYS, apiHost: 'finance', payLinkHost: '', ...fields });

describe('Calypso API credential test (through n8n-core\'s RoutingNode)', () => {
	it('passes with keys Calypso accepts: a signed subscription list, envelope without payload', async () => {
		const { seen } = fakeCalypso(() => [200, { subscriptions: [] }]);
		const result = await testCredential('calypsoApi', data());
		expect(result.status).toBe('OK');
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/subscription/webhook', refusal: undefined });
		expect(Object.keys(seen[0].envelope ?? {})).toEqual(['timestamp', 'account']);
	});

	it('fails with a wrong secret key (Calypso: 003)', async () => {
		const { seen } = fakeCalypso(() => [200, { subscriptions: [] }]);
		const result = await testCredential('calypsoApi', data({ secretKey: 'not-the-secret' }));
		expect(result.status).toBe('Error');
		expect(seen[0].refusal).toBe('003');
	});

	it('fails before sending anything with a malformed account id', async () => {
		const { seen } = fakeCalypso(() => [200, { subscriptions: [] }]);
		const result = await testCredential('calypsoApi', data({ accountId: 'merchant-1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Merchant Account ID/);
		expect(seen).toHaveLength(0);
	});
});
