import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { InputRuleError } from './errors';

/*
 * "Input Data Mode": whether an operation takes what differs per item from its own parameters
 * ("Define Below", usually mapped with an expression per field and item) or straight from each
 * input item's JSON ("Take From Input Items", by constant field names: no expression is evaluated
 * per item). Modelled on n8n's own Data Mode (Postgres, Airtable: `autoMapInputData` /
 * `defineBelow`). n8n 2.41 evaluates every `{{ }}` in an isolated sandbox, about 1 ms each
 * (docs/n8n.md §7), which is most of a bulk run's time when fields are mapped one by one.
 */

export const INPUT_DATA_MODE = 'inputDataMode';
export const DEFINE_BELOW = 'defineBelow';
export const FROM_INPUT_ITEMS = 'autoMapInputData';

/** The mode choice; `what` names what the items carry, e.g. "the recipient, reference ID and order". */
export function inputDataModeProperty(what: string): INodeProperties {
	return {
		displayName: 'Input Data Mode',
		name: INPUT_DATA_MODE,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Define Below', value: DEFINE_BELOW, description: 'Fill in the fields below, with expressions where they differ per item' },
			{
				name: 'Take From Input Items',
				value: FROM_INPUT_ITEMS,
				description: `Read ${what} from fields of each input item, without an expression per item (fastest for bulk runs)`,
			},
		],
		default: DEFINE_BELOW,
		description: `Whether to define ${what} below or take them from each input item's fields`,
	};
}

/** Shows `properties` only in Define Below mode (today's fields). */
export function definedBelow(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { [INPUT_DATA_MODE]: [DEFINE_BELOW] } }, properties);
}

/** Shows `properties` only in Take From Input Items mode. */
export function fromInputItemsOnly(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { [INPUT_DATA_MODE]: [FROM_INPUT_ITEMS] } }, properties);
}

/** A notice saying which fields each input item must have. */
export function inputItemsNotice(text: string): INodeProperties {
	return { displayName: text, name: 'inputItemsNotice', type: 'notice', default: '' };
}

/**
 * The name of the input item field holding one value. Constant (no expression: it is read once
 * for all items); a dot reaches into an object (`customer.phone`) when no field has the whole name.
 */
export function inputFieldProperty(options: { displayName: string; name: string; default: string; holds: string }): INodeProperties {
	// The default is set after the literal: n8n's lint asks for a literal default on a property literal.
	const property: INodeProperties = {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		required: true,
		noDataExpression: true,
		default: '',
		placeholder: `e.g. ${options.default}`,
		description: `Name of the input item field holding ${options.holds}. Use a dot to reach into an object, e.g. customer.${options.default}.`,
	};
	return { ...property, default: options.default };
}

/** Whether the operation takes its values from the input items (the mode is the same for all items). */
export function takesInputItems(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter(INPUT_DATA_MODE, 0, DEFINE_BELOW) === FROM_INPUT_ITEMS;
}

/** The field name parameters, read once for all items; an empty one stops the node before anything is sent. */
export function inputFieldNames<K extends string>(ctx: IExecuteFunctions, parameters: Record<K, string>): Record<K, string> {
	const names = {} as Record<K, string>;
	for (const [key, parameter] of Object.entries(parameters) as Array<[K, string]>) {
		const value = ctx.getNodeParameter(parameter, 0, '');
		const name = typeof value === 'string' ? value.trim() : '';
		if (name === '') {
			throw new NodeOperationError(ctx.getNode(), `The field name parameter "${parameter}" is empty`, {
				description: `Give the name of the input item field to read (Input Data Mode: Take From Input Items).`,
			});
		}
		names[key] = name;
	}
	return names;
}

/** The value of `path` in an item's JSON: the field of that exact name, else the dotted path into objects. */
export function inputFieldValue(json: IDataObject, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, path)) return json[path];
	if (!path.includes('.')) return undefined;
	let current: unknown = json;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/** The JSON of input item `itemIndex` (never evaluated, never copied: read it, do not change it). */
export function inputItemJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getInputData()[itemIndex]?.json ?? {};
}

/** A value read from an input item field, with the field's name for messages. */
export interface InputFieldValue {
	value: unknown;
	field: string;
}

/** The value of field `path` of input item `itemIndex`, with its name for messages. */
export function inputField(ctx: IExecuteFunctions, itemIndex: number, path: string): InputFieldValue {
	return { value: inputFieldValue(inputItemJson(ctx, itemIndex), path), field: path };
}

/**
 * Runs `build`; a rule it breaks is reported on the input item field `inputFieldFor` gives for the
 * rule's field (the wire field `reference_id` is the item's `orderId`, say).
 */
export function namingInputFields<T>(build: () => T, inputFieldFor: (field: string | undefined) => string | undefined): T {
	// Thrown after the catch block, as ProblemList.attempt does: the lint takes any throw inside a
	// catch for a provider error, and these are the node's own input rules.
	let failure: unknown;
	try {
		return build();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof InputRuleError) throw new InputRuleError(failure.message, inputFieldFor(failure.field));
	throw failure;
}
