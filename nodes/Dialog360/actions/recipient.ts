import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inputItem } from '../../shared/errors';

/*
 * The customer's WhatsApp number as the Cloud API wants it in `to`: digits only, country code
 * first, no "+" (docs/providers.md §2.9). Shared by the payment node and 360dialog order status.
 */

export const toField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 919876543210',
	description:
		"The customer's WhatsApp number with its country code. A leading + and spaces are removed; any other character is refused.",
};

const DIGITS = /^\d{8,15}$/;

/** The number without a leading "+" and spaces; undefined when anything else is not a digit. */
export function normalizeRecipient(raw: unknown): string | undefined {
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const value = String(raw).replace(/\s+/g, '').replace(/^\+/, '');
	return DIGITS.test(value) ? value : undefined;
}

/** The "To" parameter of an item, normalized, or a NodeOperationError naming the item and the field. */
export function readRecipient(ctx: IExecuteFunctions, itemIndex: number): string {
	return recipient(ctx, ctx.getNodeParameter('to', itemIndex, '') as unknown, 'to', itemIndex);
}

/** `raw` as a Cloud API recipient, or a NodeOperationError naming the item and `field` (parameter or input item field). */
export function recipient(ctx: IExecuteFunctions, raw: unknown, field: string, itemIndex: number): string {
	const value = normalizeRecipient(raw);
	if (value !== undefined) return value;
	const shown = raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw).trim();
	throw new NodeOperationError(ctx.getNode(), shown === '' ? '"To" is empty' : `"To" is not a WhatsApp number: "${shown}"`, {
		itemIndex,
		description: `Check field "${field}" of ${inputItem(itemIndex)}: give the number with its country code, digits only (8 to 15), such as 919876543210. A leading + and spaces are removed; dashes, brackets and letters are refused.`,
	});
}
