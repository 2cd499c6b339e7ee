import { nock, testCredential } from '../harness';
import { BASIC, EXOTEL, KEYS } from './fakeExotel';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Leave no refusal behind for the next test file run in this process.
afterAll(() => nock.enableNetConnect());

describe("Exotel API credential test (through n8n-core's RoutingNode)", () => {
	function balanceApi(status: number) {
		const seen: Array<{ path: string; authorization: unknown }> = [];
		// persist: after a 401 n8n asks once more (it assumes an expired token).
		nock(EXOTEL)
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
		const result = await testCredential('exotelApi', { ...KEYS, region: 'singapore' });
		expect(result.status).toBe('OK');
		expect(seen).toEqual([{ path: `/v1/Accounts/${KEYS.accountSid}/Balance.json`, authorization: BASIC }]);
	});

	it('says the key or token is wrong on 401', async () => {
		balanceApi(401);
		const result = await testCredential('exotelApi', { ...KEYS, region: 'singapore' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/API key or API token/) });
	});

	it('says the account SID is wrong on 404', async () => {
		balanceApi(404);
		const result = await testCredential('exotelApi', { ...KEYS, region: 'singapore' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/account SID/) });
	});
});
