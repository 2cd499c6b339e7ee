import type { IWebhookFunctions } from 'n8n-workflow';

/** "1.2.3.4, ::ffff:5.6.7.8" → ['1.2.3.4', '5.6.7.8']. */
export function parseAddressList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[\s,;]+/)
		.map((entry) => normalizeAddress(entry))
		.filter((entry) => entry !== '');
}

/** IPv4 addresses may reach Node as IPv4-mapped IPv6 (`::ffff:1.2.3.4`). */
function normalizeAddress(address: string): string {
	const trimmed = address.trim().toLowerCase();
	return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

/**
 * Whether the request comes from an allowed address. Without a list every address is allowed.
 * `req.ip` honours n8n's N8N_PROXY_HOPS, so behind a proxy it is the caller's address.
 */
export function isFromAllowedAddress(ctx: IWebhookFunctions, allowed: string[]): boolean {
	if (allowed.length === 0) return true;
	const req = ctx.getRequestObject();
	const address = normalizeAddress(String(req.ip ?? req.socket?.remoteAddress ?? ''));
	return address !== '' && allowed.includes(address);
}
