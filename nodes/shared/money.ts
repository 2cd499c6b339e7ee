import { InputRuleError } from './errors';

/** An amount in minor units: `{ value: 1234, offset: 100 }` is 12.34. */
export interface MinorAmount {
	value: number;
	offset: number;
}

/** ISO 4217 minor units of the currencies whose count is not 2. */
const MINOR_UNITS_OTHER_THAN_TWO: Record<string, number> = {
	BHD: 3,
	IQD: 3,
	JPY: 0,
	KWD: 3,
};

/** Currencies some provider here accepts; all of them not listed above have 2 minor units. */
const KNOWN_TWO_DIGIT_CURRENCIES = [
	'AED', 'ARS', 'AZN', 'BRL', 'CNY', 'EGP', 'EUR', 'GBP', 'INR',
	'KZT', 'MXN', 'RON', 'RUB', 'SAR', 'TRY', 'USD',
];

/** ISO 4217 minor-unit digits for every currency a provider here accepts; others default to 2. */
export function currencyDecimals(currency: string): number {
	const code = String(currency ?? '').trim().toUpperCase();
	if (code in MINOR_UNITS_OTHER_THAN_TWO) return MINOR_UNITS_OTHER_THAN_TWO[code];
	return 2;
}

/** The currency codes this module knows by name (for option lists and tests). */
export const KNOWN_CURRENCIES: readonly string[] = [
	...KNOWN_TWO_DIGIT_CURRENCIES,
	...Object.keys(MINOR_UNITS_OTHER_THAN_TWO),
].sort();

/** Optional sign, digits with an optional fraction (`12`, `12.`, `12.34`, `.5`). */
const PLAIN_DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;

const FORMAT_HINT = 'a plain decimal such as 12.34 (digits and one dot only: no thousands separators, exponent or currency symbol)';

/**
 * JS numbers go through their shortest round-trip string (`String(12.34)` is "12.34"), which is
 * what the user typed. Only very small or very large numbers print with an exponent; those are
 * expanded here digit by digit, so no float arithmetic touches the amount.
 */
function numberToPlainDecimal(input: number): string {
	const text = String(input);
	const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!match) return text;
	const [, sign, lead, rest = '', exponentText] = match;
	const digits = lead + rest;
	const exponent = Number(exponentText);
	if (exponent >= 0) {
		const point = 1 + exponent;
		if (digits.length <= point) return sign + digits + '0'.repeat(point - digits.length);
		return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
	}
	return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

function typedText(input: unknown): string {
	if (typeof input === 'string') return `"${input}"`;
	if (typeof input === 'number') return String(input);
	if (input === null) return 'null';
	if (input === undefined) return 'nothing';
	return `a ${typeof input}`;
}

/**
 * Parses a decimal as the user typed it ("12.34", "12", 12.34, "1,234.50" is refused) into minor
 * units of `currency`, with integer arithmetic only. More decimals than the currency allows is an
 * InputRuleError naming `field`, never a rounding (trailing zeros lose nothing and are accepted:
 * "12.340" is 12.34). Negative amounts are refused unless `allowNegative`; zero is allowed unless
 * `positive` is set.
 */
export function parseDecimalAmount(
	input: string | number,
	currency: string,
	field: string,
	options: { positive?: boolean; allowNegative?: boolean } = {},
): MinorAmount {
	const decimals = currencyDecimals(currency);
	const code = String(currency ?? '').trim().toUpperCase() || 'the currency';
	let text: string;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) {
			throw new InputRuleError(`${field} must be ${FORMAT_HINT}, got ${typedText(input)}`, field);
		}
		text = numberToPlainDecimal(input);
	} else if (typeof input === 'string') {
		text = input.trim();
		if (text === '') throw new InputRuleError(`${field} is empty: enter an amount such as 12.34`, field);
	} else {
		throw new InputRuleError(`${field} must be ${FORMAT_HINT}, got ${typedText(input)}`, field);
	}

	const match = PLAIN_DECIMAL.exec(text);
	if (!match) {
		const hint = /^[+-]?\d+,\d{1,2}$/.test(text) ? ' (use a dot, not a comma, for decimals)' : '';
		throw new InputRuleError(`${field} must be ${FORMAT_HINT}, got ${typedText(input)}${hint}`, field);
	}
	const [, sign, wholeDigits = '', fractionWithDot = '', fractionOnly = ''] = match;
	const fraction = (fractionWithDot || fractionOnly).replace(/0+$/, '');
	if (fraction.length > decimals) {
		const allowed = decimals === 0 ? 'no decimals' : `at most ${decimals} decimal${decimals === 1 ? '' : 's'}`;
		throw new InputRuleError(
			`${field} ${typedText(input)} has more decimals than ${code} allows (${allowed}); it is not rounded, enter it with ${allowed}`,
			field,
		);
	}

	const offset = 10n ** BigInt(decimals);
	const magnitude = BigInt(wholeDigits || '0') * offset + BigInt((fraction + '0'.repeat(decimals)).slice(0, decimals) || '0');
	if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
		throw new InputRuleError(`${field} ${typedText(input)} is too large`, field);
	}
	const value = sign === '-' && magnitude !== 0n ? -Number(magnitude) : Number(magnitude);
	if (value < 0 && !options.allowNegative) {
		throw new InputRuleError(`${field} must not be negative, got ${typedText(input)}`, field);
	}
	if (value <= 0 && options.positive) {
		throw new InputRuleError(`${field} must be more than 0, got ${typedText(input)}`, field);
	}
	return { value, offset: Number(offset) };
}

/** Number of decimals an offset stands for (100 → 2), or undefined when it is not a power of ten. */
function offsetDecimals(offset: number): number | undefined {
	if (!Number.isSafeInteger(offset) || offset < 1) return undefined;
	const digits = String(offset);
	return /^10*$/.test(digits) ? digits.length - 1 : undefined;
}

/** 1234/100 -> "12.34"; 5/1 -> "5"; the inverse of parseDecimalAmount. */
export function formatMinorAmount(amount: MinorAmount): string {
	const { value, offset } = amount;
	const decimals = offsetDecimals(offset);
	if (decimals === undefined || !Number.isSafeInteger(value)) return `${value}/${offset}`;
	const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
	const whole = digits.slice(0, digits.length - decimals);
	const fraction = digits.slice(digits.length - decimals);
	return `${value < 0 ? '-' : ''}${whole}${decimals > 0 ? '.' + fraction : ''}`;
}

/** The same amount as a JS number in major units, for APIs that take decimals (Craftgate price). */
export function toMajorUnits(amount: MinorAmount): number {
	// Parsing the exact decimal text gives the closest double; dividing would add its own error.
	const text = formatMinorAmount(amount);
	const result = Number(text);
	if (!Number.isFinite(result)) {
		throw new Error(`amount ${text} is not a valid minor-unit amount`);
	}
	return result;
}
