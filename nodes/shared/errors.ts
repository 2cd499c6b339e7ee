import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/*
 * How messages number things, everywhere in the package:
 * - input items by n8n's item index, counted from 0 as n8n's error panel shows it: "input item 0";
 * - order lines by their path in the order, also from 0: "order line items[2]", field
 *   "items[2].sale_amount".
 */

/** An input item as every message of the package names it. */
export function inputItem(itemIndex: number): string {
	return `input item ${itemIndex}`;
}

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
		const where = error.field ? `field "${error.field}" of ${inputItem(itemIndex)}` : inputItem(itemIndex);
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Check ${where}.`,
		});
	}
	const wrapped = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(node, wrapped, { itemIndex });
}

/**
 * Facts an error item keeps besides the message, so that whoever handles it with Continue On
 * Fail can decide safely: the provider's own code, and for creates and sends what to check
 * before trying again (the idempotency key, the reference). Transports put them in the error's
 * `context` under these names.
 */
export const ERROR_FACTS = ['providerCode', 'idempotencyKey', 'referenceId', 'outcomeUnknown'] as const;

export type ErrorFacts = Partial<Record<(typeof ERROR_FACTS)[number], string | number | boolean>>;

/** Records `facts` on an n8n error (see ERROR_FACTS); returns the error. */
export function withErrorFacts<E extends NodeApiError | NodeOperationError>(error: E, facts: ErrorFacts): E {
	for (const [key, value] of Object.entries(facts)) {
		if (value !== undefined && value !== null && value !== '') error.context[key] = value;
	}
	return error;
}

/**
 * The one shape of a Continue On Fail error item: `summary` (what the item was about, e.g. its
 * reference and recipient), then `error` (the message), `description`, `httpStatus` and the
 * error's facts.
 */
export function errorItemJson(error: NodeApiError | NodeOperationError, summary: IDataObject = {}): IDataObject {
	const json: IDataObject = { ...summary, error: error.message };
	if (error.description) json.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpStatus = Number(httpCode) || httpCode;
	for (const fact of ERROR_FACTS) {
		const value = error.context?.[fact];
		if (value !== undefined && value !== null) json[fact] = value as IDataObject[string];
	}
	return json;
}

/**
 * What went wrong with a provider call, beyond its HTTP status, for a trigger that must answer
 * its caller on purpose (see shared/webhook/receive.ts): `unanswered`, no answer came (network,
 * time-out); `notFound`, the provider says the object does not exist, whatever status it used.
 */
export type CallFailure = 'unanswered' | 'notFound';

/** Records `failure` on an n8n error; returns the error. */
export function withCallFailure<E extends NodeApiError | NodeOperationError>(error: E, failure: CallFailure): E {
	error.context.callFailure = failure;
	return error;
}
