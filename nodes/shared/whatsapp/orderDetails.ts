import type { IDataObject } from 'n8n-workflow';
import type { OrderDetailsInput } from './types';

/**
 * Builds the `interactive` object of type `order_details` (providers.md §2.3, §3.4, §5) from
 * builder input: parses decimals into paise, computes subtotal and total when left empty and
 * checks them when given, then validates the result with validateOrderDetails.
 * Throws InputRuleError with item/field wording, e.g.
 * `item 3 (retailer_id "SKU-9"): sale_amount 15.00 must be lower than amount 12.00`.
 */
export declare function buildOrderDetails(
	input: OrderDetailsInput,
	options?: { now?: Date },
): IDataObject;

/**
 * Validates an `order_details` interactive object as it goes on the wire (for users who pass a
 * whole order as JSON): zod shape plus every rule of providers.md §5. Throws InputRuleError.
 */
export declare function validateOrderDetails(interactive: unknown, options?: { now?: Date }): IDataObject;
