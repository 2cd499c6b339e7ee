import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { Dialog360Api } from '../../../credentials/Dialog360Api.credentials';
import { dialog360ApiHost } from '../../../nodes/Dialog360/transport/apiHost';

const credential = new Dialog360Api();

const CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: 'test-d360-key-0001',
	apiHost: 'https://waba-v2.360dialog.io',
	customApiHost: '',
	partnerWebhookSecret: '',
};

// n8n resolves a generic authenticator's `={{ }}` values with the workflow expression engine and
// `$credentials` (CredentialsHelper.authenticate); this does the same with n8n-workflow's engine.
const node: INode = { id: '1', name: '360dialog', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {} };
const nodeTypes: INodeTypes = {
	getByName: () => ({}) as INodeType | IVersionedNodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

function authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions): IHttpRequestOptions {
	const generic = credential.authenticate;
	expect(Object.keys(generic.properties)).toEqual(['headers']);
	const result: IHttpRequestOptions = { ...request, headers: { ...request.headers } };
	for (const [name, value] of Object.entries(generic.properties.headers ?? {})) {
		result.headers![name] = resolve(value, credentials) as string;
	}
	return result;
}

describe('Dialog360Api credential', () => {
	it('is the dialog360Api type with the key and the partner secret as password fields', () => {
		expect(credential.name).toBe('dialog360Api');
		expect(credential.displayName).toBe('360dialog API');
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(Object.keys(byName)).toEqual(['apiKey', 'apiHost', 'customApiHost', 'partnerWebhookSecret']);
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.apiKey.required).toBe(true);
		expect(byName.partnerWebhookSecret.typeOptions?.password).toBe(true);
		expect(byName.partnerWebhookSecret.required).toBeUndefined();
		expect(byName.customApiHost.displayOptions).toEqual({ show: { apiHost: ['custom'] } });
		expect(byName.apiHost.default).toBe('https://waba-v2.360dialog.io');
		expect(byName.apiHost.options?.map((option) => (option as { name: string; value: string }).value)).toEqual([
			'https://waba-v2.360dialog.io',
			'https://waba-sandbox.360dialog.io',
			'custom',
		]);
	});

	it('sends the key in the D360-API-KEY header and nowhere else', () => {
		const url = 'https://waba-v2.360dialog.io/messages';
		const signed = authenticate(CREDENTIALS, { url, method: 'POST', body: { a: 1 } });
		expect(signed.headers).toEqual({ 'D360-API-KEY': 'test-d360-key-0001' });
		expect(signed.url).toBe(url);
		expect(signed.qs).toBeUndefined();
		expect(signed.body).toEqual({ a: 1 });
	});

	it('does not send the partner webhook secret', () => {
		const signed = authenticate({ ...CREDENTIALS, partnerWebhookSecret: 'test-partner-secret-0001' }, { url: 'https://x.test/' });
		expect(JSON.stringify(signed)).not.toContain('test-partner-secret-0001');
	});

	it.each([
		['https://waba-v2.360dialog.io', '', 'https://waba-v2.360dialog.io'],
		['https://waba-sandbox.360dialog.io', '', 'https://waba-sandbox.360dialog.io'],
		['custom', 'http://127.0.0.1:8090/', 'http://127.0.0.1:8090'],
	])('tests API host %s credentials with GET /health_status on the same host the nodes use', (apiHost, customApiHost, host) => {
		const credentials = { ...CREDENTIALS, apiHost, customApiHost };
		const request = credential.test.request;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/health_status');
		expect(resolve(request.baseURL, credentials)).toBe(host);
		expect(dialog360ApiHost(node, credentials)).toBe(host);
	});

	it('says what to check on 401 and 403', () => {
		const rules = credential.test.rules ?? [];
		const messageFor = (code: number) =>
			rules.find((rule) => rule.type === 'responseCode' && rule.properties.value === code)?.properties.message;
		expect(messageFor(401)).toBe('360dialog refused the API key. Check the D360-API-KEY of this number in the 360dialog Client Hub, and the API host.');
		expect(messageFor(403)).toBe('The API key is valid but has no access to this API: check the number and the API host');
	});
});
