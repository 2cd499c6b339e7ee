import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputRuleError } from '../errors';
import { definedBelow, fromInputItemsOnly, inputFieldNames, inputItemsNotice, takesInputItems } from '../inputItems';
import type { InputFieldValue } from '../inputItems';
import { textFieldProperty, toFieldProperty } from './nodeFields/inputItemFields';

/*
 * A plain WhatsApp text message (a payment link in the chat, a thank-you): the fields both
 * WhatsApp provider nodes show for it and the rule its body must follow (docs/providers.md §2.10,
 * §3.9). The provider nodes wrap the result in their own envelope.
 */

/** WhatsApp's limit on `text.body` (docs/providers.md §2.10). */
export const TEXT_BODY_MAX_CHARACTERS = 4096;

/** `text` of a WhatsApp text message, as both providers put it on the wire. */
export interface TextContent {
	body: string;
	preview_url: boolean;
}

const textField: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	required: true,
	default: '',
	typeOptions: { rows: 4 },
	placeholder: 'e.g. Pay for order 1042 here: https://…',
	description: `The message, at most ${TEXT_BODY_MAX_CHARACTERS} characters. Links that start with http:// or https:// become clickable.`,
};

const previewLinkField: INodeProperties = {
	displayName: 'Preview Link',
	name: 'previewUrl',
	type: 'boolean',
	default: true,
	description: 'Whether WhatsApp shows a preview of the link in the text (its title and image) under the message',
};

/**
 * The recipient, text and Preview Link of a Send Text, in either Input Data Mode; `toField` is the
 * provider node's own recipient parameter.
 */
export function textMessageProperties(toField: INodeProperties): INodeProperties[] {
	return [
		...definedBelow([toField, textField]),
		...fromInputItemsOnly([
			inputItemsNotice('Each input item gives the number and the text in the fields named below.'),
			toFieldProperty,
			textFieldProperty,
		]),
		previewLinkField,
	];
}

/** The input item fields a Send Text reads in Take From Input Items mode (read once for all items), else undefined. */
export function textInputFields(ctx: IExecuteFunctions): { to: string; text: string } | undefined {
	return takesInputItems(ctx) ? inputFieldNames(ctx, { to: 'toField', text: 'textField' }) : undefined;
}

/** Characters as WhatsApp counts them for the limit: an emoji is one, not two UTF-16 units. */
function characterCount(text: string): number {
	return [...text].length;
}

/**
 * The Text and Preview Link of one item. Text is sent exactly as entered; one with no visible
 * character, or longer than WhatsApp takes, is refused naming the field (the caller names the item).
 * `textField` names the input item field the text comes from in Take From Input Items mode.
 */
export function readTextContent(ctx: IExecuteFunctions, itemIndex: number, textField?: InputFieldValue): TextContent {
	const raw = textField ? textField.value : (ctx.getNodeParameter('text', itemIndex, '') as unknown);
	return { body: textBody(raw, textField?.field ?? 'text'), preview_url: readPreviewUrl(ctx, itemIndex) };
}

/** The text as sent, or an InputRuleError naming `field`. */
function textBody(raw: unknown, field: string): string {
	if (raw !== null && raw !== undefined && typeof raw === 'object') {
		throw new InputRuleError(`"Text" must be text, got ${Array.isArray(raw) ? 'a list' : 'an object'}`, field);
	}
	const body = raw === null || raw === undefined ? '' : String(raw);
	if (body.trim() === '') throw new InputRuleError('"Text" is empty', field);
	const length = characterCount(body);
	if (length > TEXT_BODY_MAX_CHARACTERS) {
		throw new InputRuleError(
			`"Text" is ${length} characters long; WhatsApp takes at most ${TEXT_BODY_MAX_CHARACTERS}`,
			field,
		);
	}
	return body;
}

/** Preview Link as a boolean; an expression may give "true" / "false" as text. */
function readPreviewUrl(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const value = ctx.getNodeParameter('previewUrl', itemIndex, true) as unknown;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InputRuleError(`"Preview Link" must be true or false, got ${JSON.stringify(value) ?? String(value)}`, 'previewUrl');
}
