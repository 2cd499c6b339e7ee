import type { ICredentialDataDecryptedObject, INode, INodePropertyOptions, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { CalypsoApi } from '../../../credentials/CalypsoApi.credentials';

const credential = new CalypsoApi();
const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
const KEYS = { publicKey: 'test-public', secretKey: 'test-secret', accountId: '0x' + '3f'.repeat(20) };

// n8n resolves the test request's `={{ }}` values with the workflow expression engine and
// `$credentials`; this does the same with n8n-workflow's engine.
const node: INode = { id: '1', name: 'Calypso Pay', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {} };
const nodeTypes: INodeTypes = {
	getByName: () => ({}) as INodeType | IVersionedNodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
const resolve = (value: unknown, credentials: ICredentialDataDecryptedObject) =>
	workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '');

describe('CalypsoApi credential type', () => {
	it('asks for the keys, the account, the API host and the payment link host, in that order', () => {
		expect(credential.properties.map((p) => p.name)).toEqual(['publicKey', 'secretKey', 'accountId', 'apiHost', 'customApiHost', 'payLinkHost']);
	});

	it('hides the secret, requires the account id, and says the link host is unverified', () => {
		expect(byName.secretKey.typeOptions?.password).toBe(true);
		expect(byName.accountId.required).toBe(true);
		expect(byName.payLinkHost.default).toBe('https://pay.calypso.finance');
		expect(byName.payLinkHost.description).toMatch(/unverified/);
	});

	it('offers the API hosts by their base URLs, api.calypso.finance first, and a custom one', () => {
		expect((byName.apiHost.options as INodePropertyOptions[]).map((o) => [o.name, o.value])).toEqual([
			['api.calypso.finance', 'https://api.calypso.finance'],
			['api.calypso.money', 'https://api.calypso.money'],
			['Custom', 'custom'],
		]);
		expect(byName.apiHost.default).toBe('https://api.calypso.finance');
		expect(byName.customApiHost.displayOptions).toEqual({ show: { apiHost: ['custom'] } });
	});

	it.each([
		[{ apiHost: 'https://api.calypso.finance' }, 'https://api.calypso.finance'],
		[{ apiHost: 'https://api.calypso.money' }, 'https://api.calypso.money'],
		[{ apiHost: 'custom', customApiHost: ' http://127.0.0.1:8090/ ' }, 'http://127.0.0.1:8090'],
	])('tests the keys by listing webhook subscriptions (POST, no payload) on the chosen host: %j', (host, baseURL) => {
		const { baseURL: expression, ...request } = credential.test.request;
		expect(request).toEqual({ method: 'POST', url: '/api/v1/subscription/webhook' });
		expect(resolve(expression, { ...KEYS, ...host })).toBe(baseURL);
	});

	it('authenticate stamps the current time in milliseconds', async () => {
		const before = Date.now();
		const signed = await credential.authenticate(KEYS, { method: 'POST', url: 'https://api.calypso.finance/api/v1/invoice', body: { id: 'x' } });
		const { timestamp } = JSON.parse(signed.body as string);
		expect(timestamp).toBeGreaterThanOrEqual(before);
		expect(timestamp).toBeLessThanOrEqual(Date.now());
	});
});
