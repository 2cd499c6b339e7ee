import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The API host of each Exotel cluster; an account lives on exactly one of them. */
export const EXOTEL_REGION_HOSTS = {
	singapore: 'https://api.exotel.com',
	mumbai: 'https://api.in.exotel.com',
} as const;

/** What the exotelApi credential holds. */
export interface ExotelCredentials {
	apiKey: string;
	apiToken: string;
	accountSid: string;
	region: keyof typeof EXOTEL_REGION_HOSTS | 'custom';
	baseUrl?: string;
}

/**
 * The base URL requests go to, from the credential's region. A custom address must be a plain
 * http(s) URL: credentials embedded in it would be sent as well as the header and end up in logs.
 */
export function exotelBaseUrl(node: INode, credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'singapore');
	if (region === 'singapore' || region === 'mumbai') return EXOTEL_REGION_HOSTS[region];
	if (region !== 'custom') {
		throw new NodeOperationError(node, `Unknown Exotel region "${region}" in the credential`);
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new NodeOperationError(node, 'The Base URL of the Exotel credential is not an http(s) address', {
			description: 'Enter an address such as https://proxy.example.com, or choose the Singapore or Mumbai region.',
		});
	}
	if (url.username || url.password) {
		throw new NodeOperationError(node, 'The Base URL of the Exotel credential must not contain a user name or password', {
			description: 'Put the API key and token in their own fields; they are sent in the Authorization header.',
		});
	}
	return raw.replace(/\/+$/, '');
}
