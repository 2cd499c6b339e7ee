import { NodeOperationError } from 'n8n-workflow';
import { FAKE_KEYS } from '../../../../fakes/craftgate';
import { runCraftgate } from '../contexts';

const get = { resource: 'link', operation: 'get', linkId: '12' };

describe('craftgateRequest: where requests go', () => {
	it('uses the credential\'s API host, signs it, and sets a time limit', async () => {
		const { fake } = await runCraftgate(get, { credentials: { apiHost: 'https://sandbox-api.craftgate.io', ...FAKE_KEYS } });
		expect(fake.calls[0].url.toString()).toBe('https://sandbox-api.craftgate.io/craftlink/v1/products/12');
		expect(fake.calls[0].signatureOk).toBe(true);
		expect(fake.calls[0].options).toMatchObject({ timeout: 30_000, disableFollowRedirect: true, returnFullResponse: true });
	});

	it.each([
		[{ apiHost: 'https://staging.craftgate.io' }, 'Unknown API host "https://staging.craftgate.io" in the Craftgate credential'],
		[{ apiHost: 'custom', customApiHost: 'ftp://x' }, 'The Custom API Host of the Craftgate credential is not an http(s) address'],
		[{ apiHost: 'custom', customApiHost: 'https://user:pw@proxy.example' }, 'The Custom API Host of the Craftgate credential must not contain a user name or password'],
	])('refuses the host %j before sending anything', async (host, message) => {
		const { error, fake } = await runCraftgate(get, { credentials: { ...host, ...FAKE_KEYS } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(fake.calls).toHaveLength(0);
	});
});
