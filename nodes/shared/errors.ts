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
