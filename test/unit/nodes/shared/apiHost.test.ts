import type { INode } from 'n8n-workflow';
import { NodeOperationError, Workflow } from 'n8n-workflow';
import {
	API_HOST_EXPRESSION,
	CUSTOM_API_HOST,
	apiHostProperties,
	resolveApiHost,
} from '../../../../nodes/shared/apiHost';

const node: INode = { id: 'n1', name: 'Pay', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const PRODUCTION = 'https://api.provider.example';
const SANDBOX = 'https://sandbox-api.provider.example';
const KNOWN = [PRODUCTION, SANDBOX];

describe('apiHostProperties', () => {
	const [apiHost, custom] = apiHostProperties({
		provider: 'Provider',
		hosts: [
			{ name: 'Production (api.provider.example)', url: PRODUCTION },
			{ name: 'Sandbox (sandbox-api.provider.example)', url: SANDBOX, description: 'Test money' },
		],
		description: 'Where requests go',
	});

	it('is an API Host option whose values are the base URLs themselves, then Custom; the first is the default', () => {
		expect(apiHost).toMatchObject({ displayName: 'API Host', name: 'apiHost', type: 'options', default: PRODUCTION, description: 'Where requests go' });
		expect(apiHost.options).toEqual([
			{ name: 'Production (api.provider.example)', value: PRODUCTION, description: undefined },
			{ name: 'Sandbox (sandbox-api.provider.example)', value: SANDBOX, description: 'Test money' },
			{ name: 'Custom', value: CUSTOM_API_HOST, description: 'Another address, e.g. a proxy or a local emulator for tests' },
		]);
	});

	it('asks for the Custom API Host only when Custom is chosen', () => {
		expect(custom).toMatchObject({
			displayName: 'Custom API Host',
			name: 'customApiHost',
			type: 'string',
			required: true,
			displayOptions: { show: { apiHost: ['custom'] } },
		});
		expect(custom.description).toContain("Provider's API host");
	});
});

describe('resolveApiHost', () => {
	it('returns a known host as chosen', () => {
		expect(resolveApiHost(node, 'Provider', { apiHost: SANDBOX }, KNOWN)).toBe(SANDBOX);
	});

	it('uses the first known host when the credential has no choice saved', () => {
		expect(resolveApiHost(node, 'Provider', {}, KNOWN)).toBe(PRODUCTION);
	});

	it('refuses a host the provider does not have, naming it', () => {
		expect(() => resolveApiHost(node, 'Provider', { apiHost: 'https://evil.example' }, KNOWN)).toThrow(
			new NodeOperationError(node, 'Unknown API host "https://evil.example" in the Provider credential'),
		);
	});

	it('returns a custom host trimmed and without trailing slashes', () => {
		expect(resolveApiHost(node, 'Provider', { apiHost: 'custom', customApiHost: ' http://127.0.0.1:8090// ' }, KNOWN)).toBe(
			'http://127.0.0.1:8090',
		);
		expect(resolveApiHost(node, 'Provider', { apiHost: 'custom', customApiHost: 'https://proxy.example/provider/' }, KNOWN)).toBe(
			'https://proxy.example/provider',
		);
	});

	it.each(['', 'proxy.example', 'ftp://proxy.example'])('refuses the custom host %j as not an http(s) address', (customApiHost) => {
		expect(() => resolveApiHost(node, 'Provider', { apiHost: 'custom', customApiHost }, KNOWN)).toThrow(
			'The Custom API Host of the Provider credential is not an http(s) address',
		);
	});

	it('refuses a custom host carrying a user name or password', () => {
		expect(() =>
			resolveApiHost(node, 'Provider', { apiHost: 'custom', customApiHost: 'https://user:secret@proxy.example' }, KNOWN),
		).toThrow('The Custom API Host of the Provider credential must not contain a user name or password');
	});
});

describe('API_HOST_EXPRESSION', () => {
	// The credential's authenticate/test resolve it with n8n's expression engine; it must choose
	// the same base URL as resolveApiHost.
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
	function evaluate(credentials: Record<string, string>): unknown {
		return workflow.expression.getParameterValue(API_HOST_EXPRESSION, null, 0, 0, node.name, [], 'internal', {
			$credentials: credentials,
		});
	}

	it.each([
		[{ apiHost: SANDBOX }, SANDBOX],
		[{ apiHost: 'custom', customApiHost: ' http://127.0.0.1:8090/ ' }, 'http://127.0.0.1:8090'],
	])('resolves %j to %s', (credentials, expected) => {
		expect(evaluate(credentials)).toBe(expected);
		expect(resolveApiHost(node, 'Provider', credentials, KNOWN)).toBe(expected);
	});
});
