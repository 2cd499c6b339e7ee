/**
 * A provider's answer as JSON where it is JSON. Requests that sign their body are sent as a
 * string (json: false), so n8n hands the answer back as text (or bytes) instead of parsing it.
 * An empty answer is undefined; text that is not JSON is returned as it is.
 */
export function parseResponseBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * Whether an answer meant to be JSON arrived broken (cut off, garbled): text whose content type
 * says JSON, or that opens like JSON, and does not parse.
 */
export function isMalformedJson(body: unknown, contentType: unknown): boolean {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string' || text.trim() === '') return false;
	const saysJson = typeof contentType === 'string' && /\bjson\b/i.test(contentType);
	if (!saysJson && !/^\s*[[{]/.test(text)) return false;
	try {
		JSON.parse(text);
		return false;
	} catch {
		return true;
	}
}
