import { isMalformedJson, parseResponseBody } from '../../../../../nodes/shared/transport/responseBody';

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

describe('isMalformedJson', () => {
	it('is true for JSON cut off or garbled, said to be JSON by its content type or its first character', () => {
		expect(isMalformedJson('{"data":{"id":1', 'application/json; charset=utf-8')).toBe(true);
		expect(isMalformedJson('[1,2', undefined)).toBe(true);
		expect(isMalformedJson(Buffer.from('{"a":'), 'text/plain')).toBe(true);
		expect(isMalformedJson('not json', 'application/json')).toBe(true);
	});

	it('is false for JSON, for text that is not meant as JSON, and for nothing', () => {
		expect(isMalformedJson('{"a":1}', 'application/json')).toBe(false);
		expect(isMalformedJson('<html>Bad Gateway</html>', 'text/html')).toBe(false);
		expect(isMalformedJson('', 'application/json')).toBe(false);
		expect(isMalformedJson({ a: 1 }, 'application/json')).toBe(false);
		expect(isMalformedJson(undefined, undefined)).toBe(false);
	});
});
