import { nock, testCredential } from '../harness';
import { EXOTEL_API, EXOTEL_BASIC, EXOTEL_KEYS } from '../../fakes/exotel';


beforeEach(() => nock.disableNetConnect());
// Leave no refusal behind for the next test file run in this process.
afterAll(() => nock.enableNetConnect());

const MUMBAI = 'https://api.in.exotel.com';

describe("Exotel API credential test (through n8n-core's RoutingNode)", () => {
	/** Exotel's Balance API on `host`, answering `status`; returns what it saw. */
	function balanceApi(status: number, host = EXOTEL_API) {
		const seen: Array<{ path: string; authorization: unknown }> = [];
		// persist: after a 401 n8n asks once more (it assumes an expired token).
		nock(host)
			.persist()
			.get(/\/v1\/Accounts\/.*\/Balance\.json/)
			.reply(function (this: { req: { headers: Record<string, unknown> } }, path: string) {
				seen.push({ path, authorization: this.req.headers.authorization });
				return [status, status === 200 ? { Balance: { Amount: '10.00', Currency: 'INR' } } : { message: 'no' }];
			});
		return seen;
	}

	it('passes when Exotel answers the Balance API, with Basic auth in the header', async () => {
		const seen = balanceApi(200);
		const result = await testCredential('exotelApi', { ...EXOTEL_KEYS, apiHost: EXOTEL_API });
		expect(result.status).toBe('OK');
		expect(seen).toEqual([{ path: `/v1/Accounts/${EXOTEL_KEYS.accountSid}/Balance.json`, authorization: EXOTEL_BASIC }]);
	});

	it.each([
		['the Mumbai cluster', { apiHost: MUMBAI }, MUMBAI],
		['a custom API host', { apiHost: 'custom', customApiHost: 'https://exotel-proxy.example.test/' }, 'https://exotel-proxy.example.test'],
	])('asks %s when the credential names it', async (_case, host, url) => {
		const seen = balanceApi(200, url);
		const result = await testCredential('exotelApi', { ...EXOTEL_KEYS, ...host });
		expect(result.status).toBe('OK');
		expect(seen).toHaveLength(1);
	});

	it('says the key or token is wrong on 401, and to check the API Host', async () => {
		balanceApi(401);
		const result = await testCredential('exotelApi', { ...EXOTEL_KEYS, apiHost: EXOTEL_API });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/API key or API token.*API Host is the cluster/) });
	});

	it('says the account SID is wrong on 404, and to check the API Host', async () => {
		balanceApi(404);
		const result = await testCredential('exotelApi', { ...EXOTEL_KEYS, apiHost: EXOTEL_API });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/account SID.*API Host is the cluster/) });
	});
});
