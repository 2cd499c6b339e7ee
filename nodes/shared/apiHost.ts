import type { ICredentialDataDecryptedObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseHttpUrl } from './url';

/*
 * "Which API host" is one choice with one shape in every credential of the package: an `apiHost`
 * option whose values are the provider's own base URLs, plus `custom` with a `customApiHost`
 * field (a proxy, or the offline emulator in tests).
 */

export const CUSTOM_API_HOST = 'custom';

export interface ApiHostChoice {
	/** What the editor shows, e.g. "Production (api.craftgate.io)". */
	name: string;
	/** The base URL itself, without a trailing slash. */
	url: string;
	description?: string;
}

/** The credential's `apiHost` and `customApiHost` fields. */
export function apiHostProperties(options: {
	provider: string;
	hosts: ApiHostChoice[];
	description: string;
}): INodeProperties[] {
	const defaultHost = options.hosts[0].url;
	return [
		{
			displayName: 'API Host',
			name: 'apiHost',
			type: 'options',
			options: [
				...options.hosts.map((host) => ({ name: host.name, value: host.url, description: host.description })),
				{
					name: 'Custom',
					value: CUSTOM_API_HOST,
					description: 'Another address, e.g. a proxy or a local emulator for tests',
				},
			],
			default: defaultHost,
			description: options.description,
		},
		{
			displayName: 'Custom API Host',
			name: 'customApiHost',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://proxy.example.com',
			required: true,
			description: `Base URL that takes the place of ${options.provider}'s API host (http or https, no user name or password)`,
			displayOptions: { show: { apiHost: [CUSTOM_API_HOST] } },
		},
	];
}

/** The same choice as `resolveApiHost`, as an n8n expression for `authenticate` and `test`. */
export const API_HOST_EXPRESSION =
	"={{ $credentials.apiHost === 'custom' ? String($credentials.customApiHost).trim().replace(/\\/+$/, '') : $credentials.apiHost }}";

/**
 * The base URL a credential points at. A custom address must be a plain http(s) URL: a user name
 * or password in it would be sent besides the credential's own header and end up in logs.
 */
export function resolveApiHost(
	node: INode,
	provider: string,
	credentials: ICredentialDataDecryptedObject,
	knownHosts: readonly string[],
): string {
	const choice = String(credentials.apiHost ?? knownHosts[0]);
	if (choice !== CUSTOM_API_HOST) {
		if (knownHosts.includes(choice)) return choice;
		throw new NodeOperationError(node, `Unknown API host "${choice}" in the ${provider} credential`, {
			description: 'Open the credential and choose one of the listed API hosts, or Custom.',
		});
	}
	const raw = String(credentials.customApiHost ?? '').trim();
	const url = parseHttpUrl(raw);
	if (!url) {
		throw new NodeOperationError(node, `The Custom API Host of the ${provider} credential is not an http(s) address`, {
			description: `Enter an address such as https://proxy.example.com, or choose one of ${provider}'s API hosts.`,
		});
	}
	if (url.username || url.password) {
		throw new NodeOperationError(
			node,
			`The Custom API Host of the ${provider} credential must not contain a user name or password`,
			{ description: 'Put the keys in their own fields of the credential.' },
		);
	}
	return raw.replace(/\/+$/, '');
}
