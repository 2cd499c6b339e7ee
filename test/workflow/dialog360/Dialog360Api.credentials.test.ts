import { DIALOG360_SANDBOX, interceptDialog360 } from '../../fakes/dialog360';
import { nock, testCredential } from '../harness';


const API_KEY = 'wf-360dialog-key-0001';
const PRODUCTION = { apiKey: API_KEY, apiHost: 'https://waba-v2.360dialog.io', customApiHost: '' };

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("360dialog API credential test (through n8n-core's RoutingNode)", () => {
	it('passes when /health_status answers, with the key in the D360-API-KEY header', async () => {
		const { calls } = interceptDialog360(nock, () => ({ status: 200, body: { health_status: { can_send_message: 'AVAILABLE' } } }));
		const result = await testCredential('dialog360Api', PRODUCTION);
		expect(result.status).toBe('OK');
		expect(calls.map(({ method, path, headers }) => [method, path, headers['d360-api-key']])).toEqual([['GET', '/health_status', API_KEY]]);
	});

	it('says the key was refused on 401', async () => {
		interceptDialog360(nock, () => ({ status: 401, body: { error: 'Invalid api key' } }));
		const result = await testCredential('dialog360Api', { ...PRODUCTION, apiKey: 'wrong' });
		expect(result).toEqual({
			status: 'Error',
			message: '360dialog refused the API key. Check the D360-API-KEY of this number in the 360dialog Client Hub, and the API host.',
		});
	});

	it('asks the sandbox host for a sandbox credential', async () => {
		const { calls } = interceptDialog360(nock, () => ({ status: 200, body: {} }), DIALOG360_SANDBOX);
		expect((await testCredential('dialog360Api', { ...PRODUCTION, apiHost: DIALOG360_SANDBOX })).status).toBe('OK');
		expect(calls.map((call) => call.url)).toEqual(['https://waba-sandbox.360dialog.io/health_status']);
	});

	it('asks a custom API host, without its trailing slash', async () => {
		const { calls } = interceptDialog360(nock, () => ({ status: 200, body: {} }), 'https://proxy.example.test');
		expect((await testCredential('dialog360Api', { ...PRODUCTION, apiHost: 'custom', customApiHost: 'https://proxy.example.test/' })).status).toBe('OK');
		expect(calls.map((call) => call.url)).toEqual(['https://proxy.example.test/health_status']);
	});
});
