// Generators of invalid input shared by the property suites, and the one check that an error
// names the input item and the field. Runs are seeded (SEED) so a failure replays the same case.
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Fixed seed: the same cases on every run; fast-check prints the path of a failing one. */
export const SEED = 20260611;

/** Run settings for one property: seeded, bounded, and no time-based interruption. */
export function runs(numRuns: number): fc.Parameters<unknown> {
	return { seed: SEED, numRuns, endOnFailure: true };
}

/** Text that is no plain decimal at all (a format error whatever the currency). */
export const notADecimal: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('abc', '1e3', '₹12', '$5', '12 50', '1.2.3', '--1', '+-1', '0x10', 'NaN', 'Infinity', '١٢', '12,5.0', '.', '-', '1_000'),
	fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 99 })).map(([whole, cents]) => `${whole},${cents}`),
	fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a},${String(b).padStart(3, '0')}.50`),
	fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 20 })).map(([m, e]) => `${m}e${e}`),
	fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'abcxyzKLM€£ ') }).filter((s) => s.trim() !== ''),
);

/** A well-formed decimal with more decimals than `decimals` (last digit not 0, so never trimmed). */
export function tooManyDecimals(decimals: number): fc.Arbitrary<string> {
	return fc
		.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: decimals + 1, max: decimals + 6 }), fc.integer({ min: 1, max: 9 }))
		.chain(([whole, length, last]) =>
			fc
				.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 })
				.map((digits) => `${whole}.${digits.join('')}${last}`),
		);
}

/** Negative amounts, as text. */
export const negativeDecimal: fc.Arbitrary<string> = fc
	.tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 99 }))
	.map(([whole, cents]) => `-${whole}.${String(cents).padStart(2, '0')}`);

/** Zero written in several ways. */
export const zeroDecimal: fc.Arbitrary<string> = fc.constantFrom('0', '0.00', '0.0', '000', '.0', '0.');

/** Any amount that is not a positive amount of a 2-decimal currency. */
export const badPositiveAmount: fc.Arbitrary<string> = fc.oneof(notADecimal, tooManyDecimals(2), negativeDecimal, zeroDecimal);

/** Any amount that is not an amount ≥ 0 of a 2-decimal currency (a charge: tax, shipping, discount). */
export const badChargeAmount: fc.Arbitrary<string> = fc.oneof(notADecimal, tooManyDecimals(2), negativeDecimal);

/** Positions of `count` items, at least one, sorted. */
export function someIndexes(count: number): fc.Arbitrary<number[]> {
	return fc
		.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: count })
		.map((indexes) => [...indexes].sort((a, b) => a - b));
}

interface NamedError {
	message?: string;
	description?: string | null;
}

/** Message and description as a person reads them together. */
export function wordingOf(error: NamedError | IDataObject): string {
	return `${String(error.message ?? (error as IDataObject).error ?? '')} ${String(error.description ?? '')}`;
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The error names input item `itemIndex` (0-based, "input item 3", not "input item 30") and the
 * field, as `field "<field>"` (or a part of it: `field "<field>.value"`).
 */
export function expectNamesItemAndField(error: NamedError | IDataObject, itemIndex: number, field: string): void {
	const wording = wordingOf(error);
	expect(wording).toMatch(new RegExp(`\\binput item ${itemIndex}\\b`));
	expect(wording).toMatch(new RegExp(`field "${escape(field)}(\\.[^"]+)?"`));
}

/** The error item of input item `itemIndex` in a Continue On Fail output, paired with it. */
export function errorItemFor(output: INodeExecutionData[], itemIndex: number): IDataObject {
	const paired = output.filter((item) => (item.pairedItem as { item: number } | undefined)?.item === itemIndex);
	expect(paired).toHaveLength(1);
	expect(paired[0].json.error).toEqual(expect.any(String));
	return paired[0].json;
}
