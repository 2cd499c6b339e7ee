import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** 360dialog's hosts (providers.md §2.1). */
export const DIALOG360_HOSTS = {
	production: 'https://waba-v2.360dialog.io',
	sandbox: 'https://waba-sandbox.360dialog.io',
} as const;

export type Dialog360Environment = keyof typeof DIALOG360_HOSTS | 'custom';

/** What the dialog360Api credential holds. */
export interface Dialog360Credentials {
	apiKey: string;
	environment: Dialog360Environment;
	baseUrl?: string;
	partnerWebhookSecret?: string;
}

function parseHttpUrl(raw: string): URL | undefined {
	try {
		const url = new URL(raw);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The base URL requests go to, from the credential's environment. A custom address must be a
 * plain http(s) URL without user name or password (those would travel and be logged).
 */
export function dialog360BaseUrl(node: INode, credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'production' || environment === 'sandbox') return DIALOG360_HOSTS[environment];
	if (environment !== 'custom') {
		throw new NodeOperationError(node, `Unknown 360dialog environment "${environment}" in the credential`);
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	const url = parseHttpUrl(raw);
	if (!url) {
		throw new NodeOperationError(node, 'The Base URL of the 360dialog credential is not an http(s) address', {
			description: 'Enter an address such as https://proxy.example.com, or choose the Production or Sandbox environment.',
		});
	}
	if (url.username || url.password) {
		throw new NodeOperationError(node, 'The Base URL of the 360dialog credential must not contain a user name or password', {
			description: 'Put the API key in its own field; it is sent in the D360-API-KEY header.',
		});
	}
	return raw.replace(/\/+$/, '');
}

/**
 * Where messages are posted. The Cloud API takes `/messages` with no phone number ID (360dialog
 * adds it); the sandbox still speaks the older `/v1/messages` (providers.md §2.1).
 */
export function messagesPath(credentials: ICredentialDataDecryptedObject): string {
	return credentials.environment === 'sandbox' ? '/v1/messages' : '/messages';
}

/** Whether a host name is this machine (loopback or unspecified). */
export function isLocalHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		/^127(\.\d{1,3}){3}$/.test(host) ||
		host === '::1' ||
		host === '0.0.0.0' ||
		host === '::'
	);
}

/** Whether a URL points at this machine; false for anything that is not a URL. */
export function isLocalUrl(raw: string): boolean {
	const url = parseHttpUrl(raw);
	return url !== undefined && isLocalHost(url.hostname);
}
