// The credential's test request, run as n8n's CredentialsTester runs it (through n8n-core's
// RoutingNode and the credential's authenticate), against the fake Craftgate.
import { nock, testCredential } from '../harness';
import { FAKE_CREDENTIALS, FakeCraftgate } from '../../fakes/craftgate';


beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Craftgate API credential test', () => {
	it('passes with keys Craftgate accepts: a signed one-item product search on the chosen host', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock);
		const result = await testCredential('craftgateApi', FAKE_CREDENTIALS);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(craftgate.calls.map((call) => [call.method, call.url.toString(), call.rawBody, call.signatureOk])).toEqual([
			['GET', 'https://sandbox-api.craftgate.io/craftlink/v1/products?page=0&size=1', undefined, true],
		]);
	});

	it('goes to a custom API host as the nodes do', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock, 'http://127.0.0.1:8090');
		const result = await testCredential('craftgateApi', { ...FAKE_CREDENTIALS, apiHost: 'custom', customApiHost: 'http://127.0.0.1:8090/' });
		expect(result.status).toBe('OK');
		expect(craftgate.calls[0].url.toString()).toBe('http://127.0.0.1:8090/craftlink/v1/products?page=0&size=1');
	});

	it('with a wrong secret key, says which keys and which API host to check', async () => {
		const craftgate = new FakeCraftgate();
		craftgate.intercept(nock);
		const result = await testCredential('craftgateApi', { ...FAKE_CREDENTIALS, secretKey: 'not-the-secret' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Craftgate refused these keys (HTTP 401): the request signature did not match. Check that the API Key and the Secret Key are copied whole from the Craftgate panel (Settings → Merchant Settings → API keys), and that the API Host is the one they belong to (sandbox keys only work on the sandbox).',
		});
		expect(craftgate.calls[0].signatureOk).toBe(false);
	});
});
