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
