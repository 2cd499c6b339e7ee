import type { ICredentialTestRequest, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { CraftgateApi } from '../../../credentials/CraftgateApi.credentials';
import { API_HOST_EXPRESSION } from '../../../nodes/shared/apiHost';

const credential = new CraftgateApi();
const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p])) as Record<string, INodeProperties>;

describe('CraftgateApi credential type', () => {
	it('chooses the API host the one way every credential of the package does, production by default', () => {
		expect(credential.properties.map((p) => p.name)).toEqual(['apiHost', 'customApiHost', 'apiKey', 'secretKey', 'webhookSecret']);
		expect(byName.apiHost.default).toBe('https://api.craftgate.io');
		expect(byName.apiHost.options).toEqual([
			{ name: 'Production (api.craftgate.io)', value: 'https://api.craftgate.io', description: undefined },
			{ name: 'Sandbox (sandbox-api.craftgate.io)', value: 'https://sandbox-api.craftgate.io', description: 'For test keys' },
			expect.objectContaining({ name: 'Custom', value: 'custom' }),
		]);
		expect(byName.customApiHost.displayOptions).toEqual({ show: { apiHost: ['custom'] } });
	});

	it('hides every secret', () => {
		for (const secret of ['apiKey', 'secretKey', 'webhookSecret']) {
			expect(byName[secret].typeOptions?.password).toBe(true);
		}
	});

	it('tests the keys with a signed one-item product search on the chosen host', () => {
		expect(credential.test.request).toEqual({
			baseURL: API_HOST_EXPRESSION,
			method: 'GET',
			url: '/craftlink/v1/products',
			qs: { page: 0, size: 1 },
		});
	});

	it('says what to check when Craftgate refuses the keys, not only "Unauthorized"', () => {
		const rules = credential.test.rules as NonNullable<ICredentialTestRequest['rules']>;
		expect(rules.map((rule) => [rule.type, rule.properties.value])).toEqual([
			['responseCode', 401],
			['responseCode', 403],
		]);
		expect(rules[0].properties.message).toBe(
			'Craftgate refused these keys (HTTP 401): the request signature did not match. Check that the API Key and the Secret Key are copied whole from the Craftgate panel (Settings → Merchant Settings → API keys), and that the API Host is the one they belong to (sandbox keys only work on the sandbox).',
		);
	});

	it('signs in authenticate(), on the host the request names', async () => {
		const request: IHttpRequestOptions = { method: 'GET', baseURL: 'https://sandbox-api.craftgate.io', url: '/x' };
		const signed = await credential.authenticate({ apiKey: 'k', secretKey: 's' }, request);
		expect(signed.url).toBe('https://sandbox-api.craftgate.io/x');
		expect(signed.headers).toMatchObject({ 'x-api-key': 'k', 'x-auth-version': '1' });
	});
});
