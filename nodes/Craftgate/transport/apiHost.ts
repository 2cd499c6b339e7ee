import type { ApiHostChoice } from '../../shared/apiHost';

export const CRAFTGATE_CREDENTIAL = 'craftgateApi';

/** Craftgate's two API hosts; sandbox keys work only on the sandbox, and the other way round. */
export const CRAFTGATE_API_HOSTS: ApiHostChoice[] = [
	{ name: 'Production (api.craftgate.io)', url: 'https://api.craftgate.io' },
	{ name: 'Sandbox (sandbox-api.craftgate.io)', url: 'https://sandbox-api.craftgate.io', description: 'For test keys' },
];

export const CRAFTGATE_API_HOST_URLS = CRAFTGATE_API_HOSTS.map((host) => host.url);
