import { nock, testCredential } from '../harness';
import { KEYS, fakeCraftgate } from './fakeCraftgate';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Each test file loads its own nock; un-patch http so the next file's copy starts clean.
afterAll(() => nock.restore());

describe('Craftgate API credential test (through n8n-core\'s RoutingNode)', () => {
	it('passes with keys Craftgate accepts: a signed one-item product search', async () => {
		const { seen } = fakeCraftgate(() => [200, { data: { page: 0, size: 1, totalSize: 0, items: [] } }]);
		const result = await testCredential('craftgateApi', { environment: 'sandbox', ...KEYS });
		expect(result.status).toBe('OK');
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'GET', path: '/craftlink/v1/products?page=0&size=1', body: '', signatureOk: true });
	});

	it('fails with a wrong secret key', async () => {
		const { seen } = fakeCraftgate(() => [200, { data: {} }]);
		const result = await testCredential('craftgateApi', { environment: 'sandbox', ...KEYS, secretKey: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(seen[0].signatureOk).toBe(false);
	});
});
