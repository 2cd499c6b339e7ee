import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import type { ApiHostChoice } from '../../shared/apiHost';
import { resolveApiHost } from '../../shared/apiHost';

/** Exotel's clusters: an account lives on exactly one, and the other answers 401 or 404. */
export const EXOTEL_API_HOSTS = {
	singapore: 'https://api.exotel.com',
	mumbai: 'https://api.in.exotel.com',
} as const;

/** The clusters as the credential's API Host choice lists them, Singapore (the default) first. */
export const EXOTEL_API_HOST_CHOICES: ApiHostChoice[] = [
	{ name: 'Singapore (api.exotel.com)', url: EXOTEL_API_HOSTS.singapore },
	{ name: 'Mumbai (api.in.exotel.com)', url: EXOTEL_API_HOSTS.mumbai },
];

/** The base URL requests go to, from the credential's API Host. */
export function exotelApiHost(node: INode, credentials: ICredentialDataDecryptedObject): string {
	return resolveApiHost(node, 'Exotel', credentials, Object.values(EXOTEL_API_HOSTS));
}
