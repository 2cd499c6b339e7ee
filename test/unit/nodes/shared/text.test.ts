import { InputRuleError } from '../../../../nodes/shared/errors';
import { compact, optionalText, payloadText, requireText, trimmedText } from '../../../../nodes/shared/text';

describe('trimmedText', () => {
	it('trims, turns numbers and booleans into text, and null or undefined into ""', () => {
		expect(trimmedText('  ORD-1 \n')).toBe('ORD-1');
		expect(trimmedText(42)).toBe('42');
		expect(trimmedText(0)).toBe('0');
		expect(trimmedText(false)).toBe('false');
		expect(trimmedText(null)).toBe('');
		expect(trimmedText(undefined)).toBe('');
	});
});

describe('optionalText', () => {
	it('is the trimmed text, or undefined when nothing is left', () => {
		expect(optionalText(' note ')).toBe('note');
		expect(optionalText('   ')).toBeUndefined();
		expect(optionalText('')).toBeUndefined();
		expect(optionalText(null)).toBeUndefined();
		expect(optionalText(0)).toBe('0');
	});
});

describe('requireText', () => {
	it('returns the trimmed text', () => {
		expect(requireText('  ORD-1 ', 'referenceId', 'Reference ID')).toBe('ORD-1');
	});

	it.each([undefined, null, '', '   '])('refuses %j with the label in the message and the field', (value) => {
		let thrown: unknown;
		try {
			requireText(value, 'referenceId', 'Reference ID');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputRuleError);
		expect(thrown).toMatchObject({ message: 'Reference ID is required', field: 'referenceId' });
	});
});

describe('payloadText', () => {
	it('keeps a non-empty string exactly as it came (no trimming)', () => {
		expect(payloadText(' tx-1 ')).toBe(' tx-1 ');
	});

	it('writes finite numbers as text', () => {
		expect(payloadText(30050)).toBe('30050');
		expect(payloadText(0)).toBe('0');
	});

	it.each([null, undefined, '', Number.NaN, Number.POSITIVE_INFINITY, true, {}, []])('is null for %p', (value) => {
		expect(payloadText(value)).toBeNull();
	});
});

describe('compact', () => {
	it('drops undefined, null and empty strings and keeps every other value', () => {
		expect(compact({ a: undefined, b: null, c: '', d: 0, e: false, f: ' ', g: [], h: { x: 1 } })).toEqual({
			d: 0,
			e: false,
			f: ' ',
			g: [],
			h: { x: 1 },
		});
	});

	it('returns a new object', () => {
		const fields = { a: 1 };
		expect(compact(fields)).not.toBe(fields);
	});
});
