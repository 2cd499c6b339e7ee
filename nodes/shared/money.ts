import { InputRuleError } from './errors';

/** An amount in minor units: `{ value: 1234, offset: 100 }` is 12.34. */
export interface MinorAmount {
	value: number;
	offset: number;
}

/** ISO 4217 minor-unit digits for every currency a provider here accepts; others default to 2. */
export declare function currencyDecimals(currency: string): number;

/**
 * Parses a decimal as the user typed it ("12.34", "12", 12.34, "1,234.50" is refused) into minor
 * units of `currency`, with integer arithmetic only. More decimals than the currency allows is an
 * InputRuleError naming `field`, never a rounding. Negative amounts are refused unless
 * `allowNegative`; zero is allowed unless `positive` is set.
 */
export declare function parseDecimalAmount(
	input: string | number,
	currency: string,
	field: string,
	options?: { positive?: boolean },
): MinorAmount;

/** 1234/100 -> "12.34"; 5/1 -> "5"; the inverse of parseDecimalAmount. */
export declare function formatMinorAmount(amount: MinorAmount): string;

/** The same amount as a JS number in major units, for APIs that take decimals (Craftgate price). */
export declare function toMajorUnits(amount: MinorAmount): number;
