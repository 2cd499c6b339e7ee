import { InputRuleError } from '../../shared/errors';

const POSITIVE_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A crypto amount as the exact decimal text Calypso gets ("0.015"): never a float, so no digit
 * of an 18-decimal amount is lost. Numbers from expressions are taken in their shortest form.
 */
export function parsePositiveDecimal(input: unknown, field: string): string {
	let text: string;
	if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
	else if (typeof input === 'string') text = input.trim();
	else throw new InputRuleError(`${field} must be a decimal amount such as 0.015, got ${JSON.stringify(input ?? null)}`, field);
	if (!POSITIVE_DECIMAL.test(text)) {
		const hint = /^\d+,\d+$/.test(text) ? ' (use a dot for decimals)' : '';
		throw new InputRuleError(
			`${field} must be a plain positive decimal such as 0.015 (digits and one dot, no sign, exponent or separators), got ${JSON.stringify(input)}${hint}`,
			field,
		);
	}
	if (!/[1-9]/.test(text)) throw new InputRuleError(`${field} must be more than 0, got ${JSON.stringify(input)}`, field);
	return text;
}

/**
 * `{value, offset}` for a decimal given as text or JSON number, when it can be represented
 * exactly as a safe integer over a power of ten ("12.340" → 1234/100); otherwise undefined.
 */
export function exactMinorAmount(input: unknown): { value: number; offset: number } | undefined {
	const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
	const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) return undefined;
	const [, sign, whole, rawFraction = ''] = match;
	const fraction = rawFraction.replace(/0+$/, '');
	const digits = BigInt(whole + fraction);
	if (digits > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
	const offset = 10n ** BigInt(fraction.length);
	if (offset > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
	const value = Number(digits);
	return { value: sign === '-' && value !== 0 ? -value : value, offset: Number(offset) };
}

/** The amount as decimal text (for details), whether Calypso sent a string or a number. */
export function decimalText(input: unknown): string | null {
	if (typeof input === 'string' && input.trim() !== '') return input.trim();
	if (typeof input === 'number' && Number.isFinite(input)) return String(input);
	return null;
}
