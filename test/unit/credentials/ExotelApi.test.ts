import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExotelApi } from '../../../credentials/ExotelApi.credentials';

const credential = new ExotelApi();

const CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: 'test-exotel-key',
	apiToken: 'test-exotel-token',
	accountSid: 'test-sid',
	apiHost: 'https://api.exotel.com',
};

// n8n resolves a generic authenticator's `={{ }}` values with the workflow expression engine and
// `$credentials` (CredentialsHelper.authenticate); this does the same with n8n-workflow's engine.
const node: INode = { id: '1', name: 'Exotel', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {} };
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
	const result: IHttpRequestOptions = { ...request, headers: { ...request.headers } };
	for (const [name, value] of Object.entries(generic.properties.headers ?? {})) {
		result.headers![name] = resolve(value, credentials) as string;
	}
	expect(Object.keys(generic.properties)).toEqual(['headers']);
	return result;
}

describe('ExotelApi credential', () => {
	it('is the exotelApi type with key and token as password fields', () => {
		expect(credential.name).toBe('exotelApi');
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.apiToken.typeOptions?.password).toBe(true);
		expect(byName.accountSid.typeOptions?.password).toBeUndefined();
		expect(byName.customApiHost.displayOptions).toEqual({ show: { apiHost: ['custom'] } });
		expect(byName.apiHost.default).toBe('https://api.exotel.com');
		expect(byName.apiHost.options).toEqual([
			expect.objectContaining({ name: 'Singapore (api.exotel.com)', value: 'https://api.exotel.com' }),
			expect.objectContaining({ name: 'Mumbai (api.in.exotel.com)', value: 'https://api.in.exotel.com' }),
			expect.objectContaining({ name: 'Custom', value: 'custom' }),
		]);
		expect(byName.region).toBeUndefined();
		expect(byName.baseUrl).toBeUndefined();
	});

	it('sends HTTP Basic key:token in the Authorization header and nothing in the URL', () => {
		const url = 'https://api.exotel.com/v2/accounts/test-sid/messages';
		const signed = authenticate(CREDENTIALS, { url, method: 'POST', body: { a: 1 } });
		const expected = `Basic ${Buffer.from('test-exotel-key:test-exotel-token').toString('base64')}`;
		expect(signed.headers?.Authorization).toBe(expected);
		expect(signed.url).toBe(url);
		expect(signed.url).not.toContain('test-exotel-key');
		expect(signed.url).not.toContain('@');
		expect(signed.auth).toBeUndefined();
		expect(signed.qs).toBeUndefined();
	});

	it('encodes characters outside ASCII letters in the token exactly', () => {
		const credentials = { ...CREDENTIALS, apiKey: 'kéy', apiToken: 'tok:en/+=' };
		const signed = authenticate(credentials, { url: 'https://api.exotel.com/x' });
		expect(signed.headers?.Authorization).toBe(`Basic ${Buffer.from('kéy:tok:en/+=').toString('base64')}`);
	});

	it.each([
		['https://api.exotel.com', '', 'https://api.exotel.com'],
		['https://api.in.exotel.com', '', 'https://api.in.exotel.com'],
		['custom', 'http://127.0.0.1:8090/', 'http://127.0.0.1:8090'],
	])('tests API host %s credentials against the Balance API of the right host', (apiHost, customApiHost, host) => {
		const credentials = { ...CREDENTIALS, apiHost, customApiHost };
		const request = credential.test.request;
		expect(request.method).toBe('GET');
		expect(resolve(request.baseURL, credentials)).toBe(host);
		expect(resolve(request.url, credentials)).toBe('/v1/Accounts/test-sid/Balance.json');
	});

	it('says which part is wrong for 401, 404 and 403', () => {
		const rules = credential.test.rules ?? [];
		const messageFor = (code: number) =>
			rules.find((rule) => rule.type === 'responseCode' && rule.properties.value === code)?.properties.message;
		expect(messageFor(401)).toBe(
			'Exotel refused the API key or API token. Check both, and that the API Host is the cluster your account is on (the other cluster answers 401 or 404 even with the right key).',
		);
		expect(messageFor(404)).toBe(
			'Exotel does not know this account SID here. Check the SID, and that the API Host is the cluster your account is on (the other cluster answers 401 or 404 even with the right key).',
		);
		expect(messageFor(403)).toMatch(/IP whitelisting/);
	});
});
