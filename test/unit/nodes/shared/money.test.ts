import { InputRuleError } from '../../../../nodes/shared/errors';
import {
	KNOWN_CURRENCIES,
	currencyDecimals,
	formatMinorAmount,
	parseDecimalAmount,
	toMajorUnits,
} from '../../../../nodes/shared/money';

function parseError(run: () => unknown): InputRuleError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InputRuleError);
		return error as InputRuleError;
	}
	throw new Error('expected an InputRuleError, nothing was thrown');
}

describe('currencyDecimals', () => {
	it.each([
		['INR', 2], ['TRY', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['ARS', 2], ['BRL', 2],
		['CNY', 2], ['AED', 2], ['IQD', 3], ['AZN', 2], ['KZT', 2], ['KWD', 3], ['SAR', 2],
		['BHD', 3], ['RUB', 2], ['JPY', 0], ['EGP', 2], ['MXN', 2], ['RON', 2],
	])('%s has %i minor digits', (currency, digits) => {
		expect(currencyDecimals(currency)).toBe(digits);
	});

	it('knows every currency of the list', () => {
		expect(KNOWN_CURRENCIES).toHaveLength(20);
	});

	it('ignores case and surrounding spaces', () => {
		expect(currencyDecimals(' kwd ')).toBe(3);
		expect(currencyDecimals('jpy')).toBe(0);
	});

	it('defaults unknown currencies to 2', () => {
		expect(currencyDecimals('XYZ')).toBe(2);
		expect(currencyDecimals('')).toBe(2);
	});
});

describe('parseDecimalAmount', () => {
	it.each([
		['12.34', 'INR', 1234, 100],
		['12', 'INR', 1200, 100],
		['12.3', 'INR', 1230, 100],
		['0.05', 'INR', 5, 100],
		['.5', 'INR', 50, 100],
		['12.', 'INR', 1200, 100],
		['007.10', 'INR', 710, 100],
		['+3', 'USD', 300, 100],
		['  42.42 ', 'EUR', 4242, 100],
		['1.234', 'KWD', 1234, 1000],
		['0.001', 'BHD', 1, 1000],
		['12.345', 'IQD', 12345, 1000],
		['1500', 'JPY', 1500, 1],
		['12.340', 'INR', 1234, 100],
		['12.0', 'JPY', 12, 1],
		['0', 'INR', 0, 100],
	])('%p in %s is %i / %i', (input, currency, value, offset) => {
		expect(parseDecimalAmount(input, currency, 'price')).toEqual({ value, offset });
	});

	it.each([
		[12.34, 'INR', 1234],
		[0.1, 'INR', 10],
		[1.005, 'INR', null],
		[19.99, 'USD', 1999],
		[4.35, 'INR', 435],
		[1.1, 'KWD', 1100],
		[100, 'JPY', 100],
		[1e21, 'INR', null],
		[123456789.12, 'INR', 12345678912],
	])('the JS number %p in %s uses its shortest decimal string', (input, currency, value) => {
		if (value === null) {
			expect(() => parseDecimalAmount(input, currency, 'price')).toThrow(InputRuleError);
		} else {
			expect(parseDecimalAmount(input, currency, 'price').value).toBe(value);
		}
	});

	it('never multiplies floats: 4.35 and 1.15 (which float math gets wrong) are exact', () => {
		expect(4.35 * 100).not.toBe(435);
		expect(1.15 * 100).not.toBe(115);
		expect(parseDecimalAmount(4.35, 'INR', 'a').value).toBe(435);
		expect(parseDecimalAmount('1.15', 'INR', 'a').value).toBe(115);
	});

	it('sums like 0.1 + 0.2 are exact in minor units', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		const sum = parseDecimalAmount('0.1', 'INR', 'a').value + parseDecimalAmount(0.2, 'INR', 'b').value;
		expect(sum).toBe(parseDecimalAmount('0.3', 'INR', 'c').value);
		expect(formatMinorAmount({ value: sum, offset: 100 })).toBe('0.30');
	});

	it('refuses more decimals than INR allows instead of rounding', () => {
		const error = parseError(() => parseDecimalAmount('12.345', 'INR', 'items[0].amount'));
		expect(error.field).toBe('items[0].amount');
		expect(error.message).toContain('items[0].amount "12.345" has more decimals than INR allows (at most 2 decimals)');
	});

	it('refuses a fraction for JPY', () => {
		const error = parseError(() => parseDecimalAmount('12.5', 'JPY', 'price'));
		expect(error.message).toContain('"12.5" has more decimals than JPY allows (no decimals)');
		expect(() => parseDecimalAmount(12.5, 'jpy', 'price')).toThrow('more decimals than JPY');
	});

	it('accepts three decimals for KWD but not four', () => {
		expect(parseDecimalAmount('1.234', 'KWD', 'price')).toEqual({ value: 1234, offset: 1000 });
		expect(() => parseDecimalAmount('1.2345', 'KWD', 'price')).toThrow('at most 3 decimals');
	});

	it('refuses a number with too many decimals, showing the number', () => {
		expect(() => parseDecimalAmount(0.001, 'INR', 'tax')).toThrow('tax 0.001 has more decimals than INR');
		expect(() => parseDecimalAmount(1e-7, 'INR', 'tax')).toThrow('tax 1e-7 has more decimals');
	});

	it.each([
		['', 'is empty'],
		['   ', 'is empty'],
		['abc', '"abc"'],
		['1e3', '"1e3"'],
		['1E-2', '"1E-2"'],
		['1,234.50', '"1,234.50"'],
		['1 234', '"1 234"'],
		['1_000', '"1_000"'],
		['12,50', 'use a dot, not a comma'],
		['₹12', '"₹12"'],
		['$12', '"$12"'],
		['NaN', '"NaN"'],
		['Infinity', '"Infinity"'],
		['0x10', '"0x10"'],
		['1.2.3', '"1.2.3"'],
		['.', '"."'],
		['-', '"-"'],
		['--1', '"--1"'],
	])('refuses %p and shows what was typed', (input, shown) => {
		const error = parseError(() => parseDecimalAmount(input, 'INR', 'amount'));
		expect(error.message).toContain(shown);
		expect(error.message.startsWith('amount ')).toBe(true);
		expect(error.field).toBe('amount');
	});

	it.each([NaN, Infinity, -Infinity])('refuses the number %p', (input) => {
		expect(() => parseDecimalAmount(input, 'INR', 'amount')).toThrow(`got ${String(input)}`);
	});

	it('refuses values that are not strings or numbers', () => {
		expect(() => parseDecimalAmount(null as unknown as string, 'INR', 'amount')).toThrow('got null');
		expect(() => parseDecimalAmount(undefined as unknown as string, 'INR', 'amount')).toThrow('got nothing');
		expect(() => parseDecimalAmount({} as unknown as string, 'INR', 'amount')).toThrow('got a object');
	});

	it('refuses negative amounts unless allowed', () => {
		expect(() => parseDecimalAmount('-5', 'INR', 'refund')).toThrow('refund must not be negative, got "-5"');
		expect(parseDecimalAmount('-5.25', 'INR', 'refund', { allowNegative: true })).toEqual({ value: -525, offset: 100 });
		expect(parseDecimalAmount(-0.1, 'INR', 'refund', { allowNegative: true }).value).toBe(-10);
	});

	it('treats -0 as zero', () => {
		expect(parseDecimalAmount('-0', 'INR', 'a').value).toBe(0);
	});

	it('allows zero unless positive is required', () => {
		expect(parseDecimalAmount('0.00', 'INR', 'tax').value).toBe(0);
		expect(() => parseDecimalAmount('0.00', 'INR', 'amount', { positive: true })).toThrow(
			'amount must be more than 0, got "0.00"',
		);
		expect(parseDecimalAmount('0.01', 'INR', 'amount', { positive: true }).value).toBe(1);
	});

	it('refuses amounts beyond safe integers', () => {
		expect(() => parseDecimalAmount('90071992547409.92', 'INR', 'amount')).toThrow('is too large');
		expect(parseDecimalAmount('90071992547409.91', 'INR', 'amount').value).toBe(Number.MAX_SAFE_INTEGER);
	});
});

describe('formatMinorAmount', () => {
	it.each([
		[1234, 100, '12.34'],
		[5, 1, '5'],
		[5, 100, '0.05'],
		[1000, 100, '10.00'],
		[0, 100, '0.00'],
		[-5, 100, '-0.05'],
		[-1234, 100, '-12.34'],
		[1234, 1000, '1.234'],
		[7, 10, '0.7'],
	])('%i / %i is %p', (value, offset, text) => {
		expect(formatMinorAmount({ value, offset })).toBe(text);
	});

	it('is the inverse of parseDecimalAmount', () => {
		for (const [text, currency] of [['12.34', 'INR'], ['0.07', 'USD'], ['1.234', 'KWD'], ['99', 'JPY']]) {
			expect(formatMinorAmount(parseDecimalAmount(text, currency, 'a'))).toBe(text);
		}
	});

	it('shows odd amounts plainly instead of guessing', () => {
		expect(formatMinorAmount({ value: 1234, offset: 3 })).toBe('1234/3');
		expect(formatMinorAmount({ value: 12.5, offset: 100 })).toBe('12.5/100');
	});
});

describe('toMajorUnits', () => {
	it('gives the decimal as a number', () => {
		expect(toMajorUnits({ value: 1234, offset: 100 })).toBe(12.34);
		expect(toMajorUnits({ value: 30, offset: 100 })).toBe(0.3);
		expect(toMajorUnits({ value: 435, offset: 100 })).toBe(4.35);
		expect(toMajorUnits({ value: 1500, offset: 1 })).toBe(1500);
		expect(toMajorUnits({ value: -1, offset: 1000 })).toBe(-0.001);
	});

	it('refuses an amount that is not minor units', () => {
		expect(() => toMajorUnits({ value: 1, offset: 3 })).toThrow('not a valid minor-unit amount');
	});
});
