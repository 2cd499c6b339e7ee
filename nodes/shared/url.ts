/** `raw` as a URL when it is an http(s) address; undefined for anything else. */
export function parseHttpUrl(raw: string): URL | undefined {
	try {
		const url = new URL(raw);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether a host name is this machine: localhost, the 127.0.0.0/8 range (also IPv4-mapped, as
 * `new URL` writes it: ::ffff:7f00:1), ::1 or unspecified. A name such as 127.example.com is not.
 */
export function isLocalHost(hostname: string): boolean {
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		/^127(\.\d{1,3}){3}$/.test(host) ||
		/^::ffff:(127(\.\d{1,3}){3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host) ||
		host === '::1' ||
		host === '0.0.0.0' ||
		host === '::'
	);
}

/** Whether a URL points at this machine; false for anything that is not an http(s) URL. */
export function isLocalUrl(raw: string): boolean {
	const url = parseHttpUrl(raw);
	return url !== undefined && isLocalHost(url.hostname);
}
