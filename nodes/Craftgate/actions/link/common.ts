import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { currencyOptions } from '../../helpers/currencies';
import { DEFAULT_EXPIRY_TIME_ZONE, timeZoneOptions } from '../../helpers/expiry';
import { parseLinkId } from '../../helpers/product';
import { timeoutOption } from '../../../shared/transport/timeout';

export const linkIdProperty: INodeProperties = {
	displayName: 'Link ID',
	name: 'linkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 12345',
	description: 'The numeric ID Craftgate gave the payment link (the "linkId" or "ID" output of Create)',
};

export const pageLanguageOption: INodeProperties = {
	displayName: 'Page Language',
	name: 'pageLanguage',
	type: 'options',
	options: [
		{ name: 'Craftgate Default', value: '' },
		{ name: 'English', value: 'en' },
		{ name: 'Turkish', value: 'tr' },
	],
	default: '',
	description:
		'Adds lang=… to the returned Payment URL ("?lang=en", or "&lang=en" when the URL already has a query). Other two-letter codes can be set with an expression.',
};

export const expiryTimeZoneProperty: INodeProperties = {
	displayName: 'Expiry Time Zone',
	name: 'expiryTimeZone',
	type: 'options',
	options: timeZoneOptions(),
	default: DEFAULT_EXPIRY_TIME_ZONE,
	hint: 'Craftgate reads expiry times without a zone; Turkey time (UTC+3) is assumed unless you change this',
	description:
		'The time zone of the expiry times Craftgate sends and reads without a zone. Change it only if your Craftgate account shows expiry times in another zone.',
};

/** The link price: a decimal in the link's currency. */
export const PRICE_HINT = "In the link's currency, e.g. 149.90 (at most 2 decimals; 0 for JPY, 3 for BHD, IQD and KWD)";

export const productFieldsForWriting: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: '',
		placeholder: 'e.g. WHATSAPP',
		description: 'Free label to group links by, e.g. the chat channel',
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		description: 'Your reference, echoed back by Craftgate',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'Your reference, searchable in Craftgate reports',
	},
	{
		displayName: 'Installments',
		name: 'installments',
		type: 'string',
		default: '1',
		placeholder: 'e.g. 1,2,3,6',
		description: 'Installment counts the payer may choose, comma-separated. 1 is a single payment.',
	},
	{
		displayName: 'Multi Payment',
		name: 'multiPayment',
		type: 'boolean',
		default: false,
		description: 'Whether the amount may be paid in several steps',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		hint: 'With an order ID Craftgate requires stock 1, so Stock is set to 1',
		description:
			'Your order number, passed to the bank. A chat conversation ID works as one when you have no order number.',
	},
	{
		displayName: 'Stock',
		name: 'stock',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'How many times the link can be paid. Forced to 1 when an order ID is given.',
	},
];

export function getLinkId(this: IExecuteFunctions, itemIndex: number): string {
	return parseLinkId(this.getNodeParameter('linkId', itemIndex));
}

/** The link's currency and payment-page description, offered alike by Create and Update. */
export const currencyProperty: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'options',
	options: currencyOptions,
	default: 'TRY',
};

export const descriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Shown on the payment page; **bold** and line breaks are allowed',
};

/** Options → Timeout (Seconds) of every operation; Create's says a timed-out create may have made the link. */
export const timeoutProperty = timeoutOption({ provider: 'Craftgate' });
export const createTimeoutProperty = timeoutOption({ provider: 'Craftgate', sends: 'payment link' });

/** The Options collection of an operation that has no other option. */
export const timeoutOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [timeoutProperty],
};
