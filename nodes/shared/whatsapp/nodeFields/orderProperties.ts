import type { INodeProperties } from 'n8n-workflow';
import { definedBelow, fromInputItemsOnly } from '../../inputItems';
import { AMOUNT_HINT, beneficiaryFields, itemFields } from './orderLineFields';

/*
 * The order fields of a WhatsApp payment request node (Exotel, 360dialog): what the customer is
 * asked to pay for. Only how the payment is routed (payment type, gateway) differs per provider;
 * the node passes its own fields for that, and reads them itself (orderFromFields' `payment`).
 * The parameter names are part of saved workflows: do not rename them.
 * With Input Data Mode "Take From Input Items" the order's content (reference, items, charges)
 * comes from the input item; what else the order needs is still read from these fields.
 */

/** The order's content: shown in Input Data Mode "Define Below" only. */
const CONTENT = new Set(['orderInput', 'orderJson', 'referenceId', 'itemsFromCatalog', 'catalogId', 'items', 'taxAmount', 'taxDescription', 'additionalFields']);

const fieldsMode = { show: { orderInput: ['fields'] } };
const jsonMode = { show: { orderInput: ['json'] } };

/** The payment configuration name, which every WhatsApp payment provider needs. */
export const paymentConfigurationField: INodeProperties = {
	displayName: 'Payment Configuration',
	name: 'paymentConfiguration',
	type: 'string',
	required: true,
	default: '',
	displayOptions: fieldsMode,
	description: 'Name of the payment configuration linked to your WhatsApp Business Account, at most 60 characters',
};

/**
 * Every order parameter, in the order the editor shows them, with the provider's payment fields
 * (`paymentFields`, shown in Fields mode) after the goods and before the message text.
 */
export function orderProperties(paymentFields: INodeProperties[]): INodeProperties[] {
	return allOrderProperties(paymentFields).flatMap(forInputDataModes);
}

/**
 * The order's content is entered below only; its settings (goods type, payment, texts, expiry)
 * are shown in both modes. Order Input is hidden when the order comes from the input items, and
 * the editor hides whatever depends on a hidden parameter, so in that mode a setting gets a copy
 * without the Order Input condition.
 */
function forInputDataModes(property: INodeProperties): INodeProperties[] {
	const show = property.displayOptions?.show;
	if (CONTENT.has(property.name) || show?.orderInput?.includes('json')) return definedBelow([property]);
	if (!show?.orderInput) return [property];
	const otherConditions = Object.fromEntries(Object.entries(show).filter(([name]) => name !== 'orderInput'));
	const withoutOrderInput = { ...property, displayOptions: { ...property.displayOptions, show: otherConditions } };
	return [...definedBelow([property]), ...fromInputItemsOnly([withoutOrderInput])];
}

function allOrderProperties(paymentFields: INodeProperties[]): INodeProperties[] {
	return [
		{
			displayName: 'Order Input',
			name: 'orderInput',
			type: 'options',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in the order below' },
				{ name: 'JSON', value: 'json', description: 'Pass a whole order_details object from an earlier node' },
			],
			default: 'fields',
			description: 'Whether to build the order from the fields below or take it as JSON from an earlier node',
		},
		{
			displayName: 'Order (JSON)',
			name: 'orderJson',
			type: 'json',
			required: true,
			default: '{}',
			displayOptions: jsonMode,
			description:
				'The order_details interactive object, or only its action.parameters (then Body Text, Footer Text and Header below complete it). Amounts in paise: {"value": 1234, "offset": 100} is ₹12.34.',
		},
		{
			displayName: 'Reference ID',
			name: 'referenceId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: fieldsMode,
			placeholder: 'e.g. ORDER-1001',
			description:
				'Your unique ID of this payment request: letters, digits, _ - and . only, at most 35 characters. Use a new one (e.g. with a -2 suffix) when you send an order again.',
		},
		{
			displayName: 'Goods Type',
			name: 'goodsType',
			type: 'options',
			options: [
				{ name: 'Digital Goods', value: 'digital-goods' },
				{ name: 'Physical Goods', value: 'physical-goods' },
			],
			default: 'digital-goods',
			displayOptions: fieldsMode,
			description: 'What the customer pays for: digital goods or services, or physical goods',
		},
		{
			displayName: 'Shipped',
			name: 'shipped',
			type: 'boolean',
			default: true,
			displayOptions: { show: { orderInput: ['fields'], goodsType: ['physical-goods'] } },
			description: 'Whether the goods are shipped to the customer (then WhatsApp needs who receives them)',
		},
		{
			displayName: 'Beneficiary',
			name: 'beneficiary',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Beneficiary',
			displayOptions: { show: { orderInput: ['fields'], goodsType: ['physical-goods'], shipped: [true] } },
			options: [{ displayName: 'Beneficiary', name: 'details', values: beneficiaryFields }],
		},
		...paymentFields,
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 2 },
			displayOptions: fieldsMode,
			placeholder: 'e.g. Tap Review and Pay to complete your order',
			description: 'The message text shown above the order, at most 1024 characters',
		},
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			displayOptions: jsonMode,
			description: 'Used only when the JSON holds only action.parameters',
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			description: 'Optional, at most 60 characters',
		},
		{
			displayName: 'Header',
			name: 'header',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: "WhatsApp shows the first product's image, if any" },
				{ name: 'Image', value: 'image' },
			],
			default: 'none',
		},
		{
			displayName: 'Header Image URL',
			name: 'headerImageLink',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/order.jpg',
			description: 'A public HTTPS link to the image shown at the top of the message',
			displayOptions: { show: { header: ['image'] } },
		},
		{
			displayName: 'Items From Catalog',
			name: 'itemsFromCatalog',
			type: 'boolean',
			default: false,
			displayOptions: fieldsMode,
			description:
				'Whether the items are products of your WhatsApp catalog. Items outside a catalog need their country of origin and importer.',
		},
		{
			displayName: 'Catalog ID',
			name: 'catalogId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { orderInput: ['fields'], itemsFromCatalog: [true] } },
			description: 'The ID of the WhatsApp catalog (in Meta Commerce Manager) that holds the items',
		},
		{
			displayName: 'Items',
			name: 'items',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Item',
			displayOptions: fieldsMode,
			options: [{ displayName: 'Item', name: 'item', values: itemFields }],
		},
		{
			displayName: 'Tax',
			name: 'taxAmount',
			type: 'string',
			default: '0',
			displayOptions: fieldsMode,
			hint: AMOUNT_HINT,
		},
		{
			displayName: 'Tax Description',
			name: 'taxDescription',
			type: 'string',
			default: '',
			displayOptions: fieldsMode,
			placeholder: 'e.g. GST included',
		},
		{
			displayName: 'Expiration',
			name: 'expiration',
			type: 'options',
			options: [
				{ name: 'At a Date and Time', value: 'atDate' },
				{ name: 'In a Number of Minutes', value: 'inMinutes' },
				{ name: 'No Expiration', value: 'none' },
			],
			default: 'none',
			displayOptions: fieldsMode,
			description: 'When the customer can no longer pay. WhatsApp needs at least 5 minutes.',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { orderInput: ['fields'], expiration: ['atDate'] } },
		},
		{
			displayName: 'Expires In (Minutes)',
			name: 'expiresInMinutes',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 5, numberPrecision: 0 },
			displayOptions: { show: { orderInput: ['fields'], expiration: ['inMinutes'] } },
		},
		{
			displayName: 'Expiration Description',
			name: 'expirationDescription',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. This offer ends tonight',
			displayOptions: { show: { orderInput: ['fields'], expiration: ['atDate', 'inMinutes'] } },
			description: 'Shown to the customer with the expiration, at most 120 characters',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: fieldsMode,
			options: [
				{ displayName: 'Discount', name: 'discountAmount', type: 'string', default: '', hint: AMOUNT_HINT },
				{ displayName: 'Discount Description', name: 'discountDescription', type: 'string', default: '' },
				{ displayName: 'Discount Program Name', name: 'discountProgramName', type: 'string', default: '' },
				{ displayName: 'Shipping', name: 'shippingAmount', type: 'string', default: '', hint: AMOUNT_HINT },
				{ displayName: 'Shipping Description', name: 'shippingDescription', type: 'string', default: '' },
				{
					displayName: 'Subtotal',
					name: 'subtotal',
					type: 'string',
					default: '',
					description: 'In rupees. Computed from the items when empty; checked against them when given.',
				},
				{
					displayName: 'Total',
					name: 'total',
					type: 'string',
					default: '',
					description: 'In rupees. Computed (subtotal + tax + shipping − discount) when empty; checked when given.',
				},
			],
		},
	];
}
