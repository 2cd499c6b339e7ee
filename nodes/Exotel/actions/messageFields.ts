import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inputItem } from '../../shared/errors';
import { parseHttpUrl } from '../../shared/url';

/*
 * Fields every Exotel WhatsApp message has (sender, recipient, the message options under
 * Options) and how they go on the wire. Shared by the Exotel node and the Exotel provider of
 * WhatsApp Order Status, so both name them alike.
 */

export const fromField: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +918012345678',
	description: 'Your WhatsApp Business number on Exotel, in international format',
};

export const toField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +919876543210',
	description: "The customer's WhatsApp number, in international format",
};

export const messageOptionFields: INodeProperties[] = [
	{
		displayName: 'Custom Data',
		name: 'customData',
		type: 'string',
		default: '',
		description: 'Text of your own (an order ID, for instance) that Exotel repeats in every status callback of this message',
	},
	{
		displayName: 'Status Callback URL',
		name: 'statusCallback',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
		description:
			"Where Exotel sends this message's status and payment callbacks, for example the Production URL of an Exotel Trigger. Empty: the account's default callback URL.",
	},
];

const PHONE_SEPARATORS = /[\s().-]/g;
const PHONE_NUMBER = /^\+?\d{8,15}$/;

/** A phone number parameter without its separators, refused (naming the field) when it is not one. */
export function readPhoneNumber(ctx: IExecuteFunctions, name: 'from' | 'to', itemIndex: number): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return phoneNumber(ctx, raw, { label: name === 'from' ? 'From' : 'To', field: name }, itemIndex);
}

/**
 * `raw` as a phone number without its separators, or a NodeOperationError naming the input item
 * and `field` (a parameter, or the input item field it was read from).
 */
export function phoneNumber(ctx: IExecuteFunctions, raw: unknown, where: { label: string; field: string }, itemIndex: number): string {
	const isText = raw === undefined || raw === null || typeof raw === 'string' || typeof raw === 'number';
	const value = isText ? String(raw ?? '').replace(PHONE_SEPARATORS, '') : '';
	if (!PHONE_NUMBER.test(value)) {
		const given = isText ? String(raw ?? '') : JSON.stringify(raw);
		throw new NodeOperationError(
			ctx.getNode(),
			isText && value === '' ? `"${where.label}" is empty` : `"${where.label}" is not a phone number: "${given}"`,
			{
				itemIndex,
				description: `Check field "${where.field}" of ${inputItem(itemIndex)}: use the international format, such as +919876543210.`,
			},
		);
	}
	return value;
}

/** The message-level `custom_data` and `status_callback`, when given. */
export function readMessageOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wire: IDataObject = {};
	const customData = options.customData;
	if (customData !== undefined && customData !== null && customData !== '') {
		wire.custom_data = typeof customData === 'string' ? customData : JSON.stringify(customData);
	}
	const callback = String(options.statusCallback ?? '').trim();
	if (callback !== '') {
		if (!parseHttpUrl(callback)) {
			throw new NodeOperationError(ctx.getNode(), `"Status Callback URL" is not an http(s) address: "${callback}"`, {
				itemIndex,
				description: `Check field "options.statusCallback" of ${inputItem(itemIndex)}.`,
			});
		}
		wire.status_callback = callback;
	}
	return wire;
}

/** The Exotel message carrying an interactive object. */
export function interactiveMessage(from: string, to: string, interactive: IDataObject, options: IDataObject): IDataObject {
	return { from, to, content: { type: 'interactive', interactive }, ...options };
}
