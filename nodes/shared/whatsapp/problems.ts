import type { ZodIssue } from 'zod';
import { InputRuleError } from '../errors';

/** A path inside the `interactive` object, e.g. `['action', 'parameters', 'order', 'items', 2, 'name']`. */
export type WirePath = ReadonlyArray<string | number>;

export const ORDER_PATH = ['action', 'parameters', 'order'] as const;
export const PARAMETERS_PATH = ['action', 'parameters'] as const;

/** At most this many problems are spelled out in one error; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

/** Reads the value at `path`, or undefined when the path does not exist. */
export function valueAt(root: unknown, path: WirePath): unknown {
	let current = root;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

/** A value as a message shows it: strings quoted, long ones cut. */
export function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

function joinKeys(keys: WirePath): string {
	return keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${key}`)).join('');
}

function startsWith(path: WirePath, prefix: readonly string[]): boolean {
	return prefix.every((key, i) => path[i] === key);
}

/** The path as a user reads it in the order: without the `action.parameters.order` wrapping. */
function shortPath(path: WirePath): WirePath {
	if (startsWith(path, ORDER_PATH)) return path.slice(ORDER_PATH.length);
	if (startsWith(path, PARAMETERS_PATH)) return path.slice(PARAMETERS_PATH.length);
	// The interactive message's own `type` would otherwise read like the goods `type`.
	if (path.length === 1 && path[0] === 'type') return ['interactive', 'type'];
	return path;
}

/**
 * Collects what is wrong with one message, worded for the person who built it, and throws them
 * all at once: `item 3 (retailer_id "SKU-9"): sale_amount 15.00 must be lower than amount 12.00`.
 * Items and beneficiaries are counted from 1 in messages and from 0 in `field`.
 */
export class ProblemList {
	private readonly problems: Array<{ field: string; message: string }> = [];

	/** `retailerIdOf(i)` names item i in messages; it may return anything, only text is shown. */
	constructor(private readonly retailerIdOf: (index: number) => unknown = () => undefined) {}

	get count(): number {
		return this.problems.length;
	}

	/** `items[2].sale_amount`: what InputRuleError.field carries. */
	field(path: WirePath): string {
		return joinKeys(shortPath(path)) || 'interactive';
	}

	/**
	 * `order line items[2] (retailer_id "SKU-9"): sale_amount`: how a message names the place,
	 * counting order lines from 0 like the field path (see shared/errors.ts).
	 */
	label(path: WirePath): string {
		const short = shortPath(path);
		const [head, index, ...rest] = short;
		if (head === 'items' && typeof index === 'number') {
			const raw = this.retailerIdOf(index);
			const id = typeof raw === 'number' ? String(raw) : raw;
			const name = typeof id === 'string' && id.trim() !== '' ? ` (retailer_id ${show(id)})` : '';
			return `order line items[${index}]${name}${rest.length ? `: ${joinKeys(rest)}` : ''}`;
		}
		if (head === 'beneficiaries' && typeof index === 'number') {
			return `beneficiaries[${index}]${rest.length ? `: ${joinKeys(rest)}` : ''}`;
		}
		return joinKeys(short) || 'interactive';
	}

	/** Adds `<label> <text>`. */
	add(path: WirePath, text: string): void {
		this.problems.push({ field: this.field(path), message: `${this.label(path)} ${text}` });
	}

	/** Runs a check that throws InputRuleError (message already worded) and records it instead. */
	attempt<T>(path: WirePath, check: (label: string) => T): T | undefined {
		let failure: unknown;
		try {
			return check(this.label(path));
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof InputRuleError)) throw failure;
		this.problems.push({ field: this.field(path), message: failure.message });
		return undefined;
	}

	/** Records a zod issue found in `root`. */
	addIssue(root: unknown, issue: ZodIssue): void {
		this.add(issue.path, describeIssue(issue, valueAt(root, issue.path)));
	}

	throwIfAny(): void {
		if (this.problems.length > 0) throw this.asError();
	}

	/** Every problem in one error ("; "-separated, the first ten spelled out), its field the first one's. */
	asError(): InputRuleError {
		const listed = this.problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => problem.message);
		const more = this.problems.length - listed.length;
		if (more > 0) listed.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
		return new InputRuleError(listed.join('; '), this.problems[0]?.field);
	}
}

const EXPECTED_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	object: 'an object',
	array: 'a list',
	boolean: 'true or false',
};

/**
 * Our schemas word their own checks (code `custom`); what zod words by itself is a wrong type,
 * a missing field or a value outside a fixed list, phrased here the same way.
 */
function describeIssue(issue: ZodIssue, value: unknown): string {
	if (issue.code === 'custom') return issue.message;
	if (value === undefined) return 'is required';
	switch (issue.code) {
		case 'invalid_type':
			return `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, got ${show(value)}`;
		case 'invalid_literal':
			return `must be ${show(issue.expected)}, got ${show(value)}`;
		case 'invalid_enum_value':
			return `must be one of ${issue.options.map((option) => show(option)).join(', ')}; got ${show(value)}`;
		default:
			return `${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)} (got ${show(value)})`;
	}
}
