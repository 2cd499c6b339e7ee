import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * A rule broken by what the user entered. Shared rules throw it without knowing about n8n;
 * nodes turn it into a NodeOperationError that names the input item (see toNodeOperationError).
 * `field` is the user-facing path of what is wrong, e.g. `items[2].sale_amount`.
 */
export class InputRuleError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'InputRuleError';
	}
}

/**
 * Turns what a shared rule threw into the error a node reports for input item `itemIndex`:
 * an InputRuleError becomes a NodeOperationError carrying the item index and the field; n8n's
 * own node errors pass through unchanged; anything else is wrapped.
 */
export function toNodeOperationError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof InputRuleError) {
		const where = error.field ? `field "${error.field}" of input item ${itemIndex}` : `input item ${itemIndex}`;
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Check ${where}.`,
		});
	}
	const wrapped = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(node, wrapped, { itemIndex });
}
