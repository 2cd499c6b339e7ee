import type { INodePropertyOptions } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';

/**
 * The codes Calypso's own widget example uses (docs/providers.md §4.4). Calypso accepts whatever assets the
 * account has enabled; other codes go in "Other Currencies" or an expression.
 */
export const CRYPTO_CURRENCY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'BTC (Bitcoin)', value: 'BTC' },
	{ name: 'ETH (Ethereum)', value: 'ETH' },
	{ name: 'USDT (Tether on Ethereum)', value: 'USDT' },
	{ name: 'USDT_TRX (Tether on Tron)', value: 'USDT_TRX' },
];

const CODE = /^[A-Z0-9][A-Z0-9_]{1,29}$/;

/** One currency code, trimmed and upper-cased; an InputRuleError naming `field` otherwise. */
export function parseCurrencyCode(input: unknown, field: string): string {
	const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
	if (!CODE.test(code)) {
		throw new InputRuleError(
			`${field} must be a Calypso currency code such as USDT_TRX (letters, digits and underscores), got ${JSON.stringify(input ?? null)}`,
			field,
		);
	}
	return code;
}

function listOf(input: unknown): unknown[] {
	if (Array.isArray(input)) return input;
	if (typeof input === 'string') return input.split(/[\s,;]+/).filter((part) => part !== '');
	if (input === undefined || input === null) return [];
	return [input];
}

/**
 * The widget's currencies in the order given (Calypso shows them in that order): the chosen
 * ones, then the typed ones, without repeats. At least one is required.
 */
export function parseCurrencyList(chosen: unknown, other: unknown, field: string): string[] {
	const codes: string[] = [];
	for (const entry of [...listOf(chosen), ...listOf(other)]) {
		const code = parseCurrencyCode(entry, field);
		if (!codes.includes(code)) codes.push(code);
	}
	if (codes.length === 0) {
		throw new InputRuleError(`${field}: choose at least one crypto currency the customer can pay with`, field);
	}
	return codes;
}
