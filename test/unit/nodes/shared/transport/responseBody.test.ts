import { parseResponseBody } from '../../../../../nodes/shared/transport/responseBody';

describe('parseResponseBody', () => {
	it('parses JSON handed back as text or as bytes', () => {
		expect(parseResponseBody('{"a":1}')).toEqual({ a: 1 });
		expect(parseResponseBody(Buffer.from('[1,2]'))).toEqual([1, 2]);
	});

	it('keeps text that is not JSON as it is', () => {
		expect(parseResponseBody('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
	});

	it('is undefined for an empty or blank answer', () => {
		expect(parseResponseBody('')).toBeUndefined();
		expect(parseResponseBody('  \n')).toBeUndefined();
		expect(parseResponseBody(Buffer.alloc(0))).toBeUndefined();
	});

	it('returns what n8n already parsed unchanged', () => {
		const parsed = { data: { id: 1 } };
		expect(parseResponseBody(parsed)).toBe(parsed);
		expect(parseResponseBody(undefined)).toBeUndefined();
	});
});
