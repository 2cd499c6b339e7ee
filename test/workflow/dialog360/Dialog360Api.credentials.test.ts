import { nock, testCredential } from '../harness';
import { API_KEY, fakeDialog360 } from './fakeDialog360';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("360dialog API credential test (through n8n-core's RoutingNode)", () => {
	it('passes when /health_status answers, with the key in the D360-API-KEY header', async () => {
		const seen = fakeDialog360(() => [200, { health_status: { can_send_message: 'AVAILABLE' } }]);
		const result = await testCredential('dialog360Api', { apiKey: API_KEY, environment: 'production' });
		expect(result.status).toBe('OK');
		expect(seen.map(({ method, path, headers }) => [method, path, headers['d360-api-key']])).toEqual([['GET', '/health_status', API_KEY]]);
	});

	it('says the key was refused on 401', async () => {
		fakeDialog360(() => [401, { error: 'Invalid api key' }]);
		const result = await testCredential('dialog360Api', { apiKey: 'wrong', environment: 'production' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/refused the API key/) });
	});

	it('asks the sandbox host for sandbox credentials', async () => {
		const sandbox = nock('https://waba-sandbox.360dialog.io').get('/health_status').reply(200, {});
		expect((await testCredential('dialog360Api', { apiKey: API_KEY, environment: 'sandbox' })).status).toBe('OK');
		expect(sandbox.isDone()).toBe(true);
	});
});
