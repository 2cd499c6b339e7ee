import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { resolveApiHost } from '../../shared/apiHost';

/** 360dialog's hosts (docs/providers.md §2.1): the values of the credential's API Host. */
export const DIALOG360_HOSTS = {
	production: 'https://waba-v2.360dialog.io',
	sandbox: 'https://waba-sandbox.360dialog.io',
} as const;

/** The base URL requests go to, from the credential's API Host (a custom one checked). */
export function dialog360ApiHost(node: INode, credentials: ICredentialDataDecryptedObject): string {
	return resolveApiHost(node, '360dialog', credentials, Object.values(DIALOG360_HOSTS));
}

/**
 * Where messages are posted. The Cloud API takes `/messages` with no phone number ID (360dialog
 * adds it); the sandbox still speaks the older `/v1/messages` (docs/providers.md §2.1).
 */
export function messagesPath(credentials: ICredentialDataDecryptedObject): string {
	return credentials.apiHost === DIALOG360_HOSTS.sandbox ? '/v1/messages' : '/messages';
}
