import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

/*
 * The trigger's IP(s) Allowlist, modelled on n8n's Webhook node: the same option name and
 * wording, comma-separated addresses and CIDR ranges, and the caller known by `req.ips` and
 * `req.ip` (n8n fills both from X-Forwarded-For only as far as N8N_PROXY_HOPS trusts it).
 * Entries are parsed rather than compared as text, so `10.0.0.1` does not also allow `10.0.0.10`.
 * Node's net.BlockList would do the matching, but community nodes may not import `node:net`
 * (n8n Cloud), hence the small parser below.
 */

export const ipAllowlistOption: INodeProperties = {
	displayName: 'IP(s) Allowlist',
	name: 'ipWhitelist',
	type: 'string',
	default: '',
	placeholder: 'e.g. 203.0.113.10, 203.0.113.0/24, 2001:db8::/32',
	description:
		"Comma-separated IP addresses or CIDR ranges Exotel calls from; other callers get 403 and start nothing. Leave empty to allow all. Behind a reverse proxy, set n8n's N8N_PROXY_HOPS so the caller's address is seen.",
};

export interface IpAllowlist {
	/** False when the list is empty: every caller is allowed. */
	restricts: boolean;
	/** Entries that are neither an address nor a CIDR range; they allow nobody. */
	invalid: string[];
	allows(address: string): boolean;
}

/** An address as a number: 32 bits for IPv4, 128 for IPv6. */
interface IpAddress {
	bits: 32 | 128;
	value: bigint;
	/** Written as IPv4-mapped IPv6 (`::ffff:1.2.3.4`) and read as the IPv4 address it maps. */
	mapped?: boolean;
}

interface IpRange extends IpAddress {
	prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

function parseIpv4(text: string): bigint | undefined {
	const octets = IPV4.exec(text)?.slice(1).map(Number);
	if (!octets || octets.some((octet) => octet > 255)) return undefined;
	return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function parseHextets(text: string): number[] | undefined {
	if (text === '') return [];
	const groups = text.split(':');
	return groups.every((group) => HEXTET.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

function parseIpv6(text: string): bigint | undefined {
	let rest = text.replace(/%.*$/, '');
	const tail: number[] = [];
	const lastColon = rest.lastIndexOf(':');
	if (rest.slice(lastColon + 1).includes('.')) {
		const ipv4 = parseIpv4(rest.slice(lastColon + 1));
		if (ipv4 === undefined) return undefined;
		tail.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
		const before = rest.slice(0, lastColon + 1);
		rest = before.endsWith('::') ? before : before.slice(0, -1);
	}
	const halves = rest.split('::');
	if (halves.length > 2) return undefined;
	const head = parseHextets(halves[0]);
	const middle = halves.length === 2 ? parseHextets(halves[1]) : [];
	if (!head || !middle) return undefined;
	const given = head.length + middle.length + tail.length;
	if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
	const groups = [...head, ...new Array<number>(8 - given).fill(0), ...middle, ...tail];
	return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function parseAddress(text: string): IpAddress | undefined {
	const ipv4 = parseIpv4(text);
	if (ipv4 !== undefined) return { bits: 32, value: ipv4 };
	if (!text.includes(':')) return undefined;
	const ipv6 = parseIpv6(text);
	if (ipv6 === undefined) return undefined;
	// A dual-stack socket reports an IPv4 caller as ::ffff:a.b.c.d.
	if (ipv6 >> 32n === 0xffffn) return { bits: 32, value: ipv6 & 0xffffffffn, mapped: true };
	return { bits: 128, value: ipv6 };
}

/** `203.0.113.10`, `203.0.113.0/24` or `2001:db8::/32`; undefined for anything else. */
function parseRange(entry: string): IpRange | undefined {
	const [addressText, prefixText, extra] = entry.split('/');
	if (extra !== undefined) return undefined;
	const address = parseAddress(addressText.trim());
	if (!address) return undefined;
	if (prefixText === undefined) return { ...address, prefix: address.bits };
	if (!/^\d{1,3}$/.test(prefixText.trim())) return undefined;
	// A mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
	const prefix = Number(prefixText) - (address.mapped ? 96 : 0);
	if (prefix < 0 || prefix > address.bits) return undefined;
	return { ...address, prefix };
}

function inRange(address: IpAddress, range: IpRange): boolean {
	if (address.bits !== range.bits) return false;
	const hostBits = BigInt(range.bits - range.prefix);
	return address.value >> hostBits === range.value >> hostBits;
}

/** Reads the option's text: "203.0.113.10, 198.51.100.0/24, 2001:db8::/32". */
export function parseIpAllowlist(value: unknown): IpAllowlist {
	const entries = String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	const ranges: IpRange[] = [];
	const invalid: string[] = [];
	for (const entry of entries) {
		const range = parseRange(entry);
		if (range) ranges.push(range);
		else invalid.push(entry);
	}
	return {
		restricts: entries.length > 0,
		invalid,
		allows(address: string): boolean {
			const parsed = parseAddress(address.trim());
			return parsed !== undefined && ranges.some((range) => inRange(parsed, range));
		},
	};
}

/** The addresses n8n knows the caller by, as its Webhook node reads them: `req.ips`, then `req.ip`. */
export function callerAddresses(ctx: IWebhookFunctions): string[] {
	const req = ctx.getRequestObject() as { ips?: unknown; ip?: unknown };
	const ips = Array.isArray(req.ips) ? req.ips.filter((ip): ip is string => typeof ip === 'string') : [];
	return typeof req.ip === 'string' ? [...ips, req.ip] : ips;
}

/** Whether the caller may deliver: always without a list, else when any of its addresses is listed. */
export function isAllowedCaller(ctx: IWebhookFunctions, allowlistText: unknown): boolean {
	const allowlist = parseIpAllowlist(allowlistText);
	if (!allowlist.restricts) return true;
	if (allowlist.invalid.length > 0) {
		ctx.logger.warn(
			`IP(s) Allowlist of "${ctx.getNode().name}" has entries that are neither an address nor a CIDR range, which allow nobody: ${allowlist.invalid.join(', ')}`,
		);
	}
	return callerAddresses(ctx).some((address) => allowlist.allows(address));
}
