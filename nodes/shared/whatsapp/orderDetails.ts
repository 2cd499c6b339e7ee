import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../errors';
import { orderInputToWire } from './orderInput';
import { checkOrderDetailsRules } from './orderRules';
import type { OrderRuleOptions } from './orderRules';
import { ORDER_PATH, ProblemList, valueAt } from './problems';
import { isWellFormedOrderItem, orderDetailsSchema, orderDetailsSchemaForCheckedItems } from './schemas';
import type { OrderDetailsInput } from './types';

export type OrderDetailsOptions = OrderRuleOptions;

function retailerIdsOf(interactive: unknown): (index: number) => unknown {
	return (index) => valueAt(interactive, [...ORDER_PATH, 'items', index, 'retailer_id']);
}

/** Whether every order line passes the quick check: then zod need not look at them again. */
function linesAreWellFormed(interactive: unknown): boolean {
	const items = valueAt(interactive, [...ORDER_PATH, 'items']);
	return Array.isArray(items) && items.every(isWellFormedOrderItem);
}

/** Accepts the object itself or its JSON text (what a JSON field in a node may hand over). */
function parseIfText(interactive: unknown): unknown {
	if (typeof interactive !== 'string') return interactive;
	let reason = '';
	try {
		return JSON.parse(interactive) as unknown;
	} catch (error) {
		reason = (error as Error).message;
	}
	throw new InputRuleError(`the order_details JSON cannot be read: ${reason}`, 'interactive');
}

/**
 * Validates an `order_details` interactive object as it goes on the wire (for users who pass a
 * whole order as JSON): zod shape plus every rule of docs/providers.md §5. Throws InputRuleError
 * listing every problem found ("; "-separated), its `field` being the first one's.
 * Field checks come first; the cross-field rules (sale price, sums, catalog, expiration) run once
 * every field is well-formed. `shipped` says whether physical goods are shipped, which the wire
 * cannot tell, to require beneficiaries. Returns the object unchanged (unknown keys kept).
 */
export function validateOrderDetails(interactive: unknown, options: OrderDetailsOptions = {}): IDataObject {
	const candidate = parseIfText(interactive);
	const problems = new ProblemList(retailerIdsOf(candidate));
	const parsed = (linesAreWellFormed(candidate) ? orderDetailsSchemaForCheckedItems : orderDetailsSchema).safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) problems.addIssue(candidate, issue);
		problems.throwIfAny();
	} else {
		checkOrderDetailsRules(parsed.data, options, problems);
		problems.throwIfAny();
	}
	return candidate as IDataObject;
}

/**
 * Builds the `interactive` object of type `order_details` (docs/providers.md §2.3, §3.4, §5) from
 * builder input: parses decimals into paise, computes subtotal and total when left empty and
 * checks them when given, then validates the result with validateOrderDetails.
 * Throws InputRuleError with item/field wording, e.g.
 * `item 3 (retailer_id "SKU-9"): sale_amount 15.00 must be lower than amount 12.00`.
 */
export function buildOrderDetails(input: OrderDetailsInput, options: { now?: Date } = {}): IDataObject {
	const problems = new ProblemList((index) => input.items?.[index]?.retailerId);
	const wire = orderInputToWire(input, problems);
	problems.throwIfAny();
	return validateOrderDetails(wire, { now: options.now, shipped: input.shipped === true });
}
