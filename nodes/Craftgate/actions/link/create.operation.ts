import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { craftgateRequest } from '../../transport';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import type { LinkLookup } from '../../transport/errors';
import { resolveExpiresAt, type ExpiryMode } from '../../helpers/expiry';
import {
	applyStockRule,
	parseCurrency,
	parseInstallments,
	parsePrice,
	parseStock,
	toLinkOutput,
	type CraftgateProduct,
} from '../../helpers/product';
import { linkReference, REFERENCE_FILTER_NAMES } from '../../helpers/payments';
import {
	currencyProperty,
	descriptionProperty,
	createTimeoutProperty,
	expiryTimeZoneProperty,
	pageLanguageOption,
	PRICE_HINT,
	productFieldsForWriting,
} from './common';
import { InputRuleError } from '../../../shared/errors';
import { refuseRetryOnFail } from '../../../shared/retry';
import { compact, optionalText, requireText } from '../../../shared/text';
import {
	definedBelow,
	fromInputItemsOnly,
	inputDataModeProperty,
	inputItemJson,
	inputItemsNotice,
	takesInputItems,
} from '../../../shared/inputItems';

/** What Take From Input Items reads: Craftgate's own field names (CreateProductRequest), as Get returns them. */
const LINK_FIELDS_NOTICE =
	'Each input item gives the link in Craftgate\'s field names: name (the title), price, currency, and optionally description, orderId, conversationId, externalId, channel, stock, enabledInstallments, multiPayment and expiresAt (read in the Expiry Time Zone when it has no zone). Other fields of the item are not sent.';

const fieldProperties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MyCompany WhatsApp Order',
		description: 'Shown as the title of the payment page (Craftgate "name")',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 149.90',
		hint: PRICE_HINT,
		description: 'Amount to pay, in the main unit of the currency (lira, not kuruş)',
	},
	currencyProperty,
	descriptionProperty,
	{
		displayName: 'Expiry',
		name: 'expiry',
		type: 'options',
		options: [
			{ name: 'Never', value: 'never' },
			{ name: 'In a Number of Minutes', value: 'inMinutes' },
			{ name: 'At a Date and Time', value: 'at' },
		],
		default: 'never',
		description: 'When the link stops accepting payments',
	},
	{
		displayName: 'Expires In (Minutes)',
		name: 'expiresInMinutes',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 30,
		displayOptions: { show: { expiry: ['inMinutes'] } },
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { expiry: ['at'] } },
		description: 'A time with a zone (e.g. from $now) is converted; one without a zone is read in the Expiry Time Zone',
	},
	{
		...expiryTimeZoneProperty,
		displayOptions: { show: { expiry: ['inMinutes', 'at'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: productFieldsForWriting,
	},
];

const properties: INodeProperties[] = [
	inputDataModeProperty('the link'),
	...definedBelow(fieldProperties),
	...fromInputItemsOnly([inputItemsNotice(LINK_FIELDS_NOTICE), expiryTimeZoneProperty]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageLanguageOption, createTimeoutProperty],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['create'] } },
	properties,
);

/** The CreateProductRequest for one input item, validated before anything is sent. */
export function buildCreateBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const currency = parseCurrency(this.getNodeParameter('currency', itemIndex));
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const expiry = this.getNodeParameter('expiry', itemIndex, 'never') as ExpiryMode;
	const expiresAt = resolveExpiresAt({
		mode: expiry,
		minutes: expiry === 'inMinutes' ? (this.getNodeParameter('expiresInMinutes', itemIndex) as number) : undefined,
		at: expiry === 'at' ? String(this.getNodeParameter('expiresAt', itemIndex, '')) : undefined,
		timeZone: expiry === 'never' ? 'UTC' : String(this.getNodeParameter('expiryTimeZone', itemIndex)),
	});
	const body = compact({
		name: requireText(this.getNodeParameter('name', itemIndex), 'name', 'Title'),
		description: optionalText(this.getNodeParameter('description', itemIndex, '')),
		price: parsePrice(this.getNodeParameter('price', itemIndex), currency),
		currency,
		enabledInstallments: parseInstallments(extra.installments ?? '1'),
		orderId: optionalText(extra.orderId),
		conversationId: optionalText(extra.conversationId),
		externalId: optionalText(extra.externalId),
		channel: optionalText(extra.channel),
		stock: extra.stock === undefined ? undefined : parseStock(extra.stock),
		multiPayment: extra.multiPayment === true ? true : undefined,
		expiresAt,
	});
	return applyStockRule(body);
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function multiPaymentOf(value: unknown): true | undefined {
	if (value === undefined || value === null || value === false) return undefined;
	if (value === true) return true;
	throw new InputRuleError(`multiPayment must be true or false, got ${JSON.stringify(value)}`, 'multiPayment');
}

/**
 * The CreateProductRequest of one input item in Take From Input Items mode: the item's fields by
 * Craftgate's names, checked by the same rules as the node's fields and named by those fields.
 */
export function buildCreateBodyFromItem(json: IDataObject, timeZone: string, now?: Date): IDataObject {
	const currency = parseCurrency(json.currency, 'currency');
	const body = compact({
		name: requireText(json.name, 'name', 'Title'),
		description: optionalText(json.description),
		price: parsePrice(json.price, currency, 'price'),
		currency,
		enabledInstallments: parseInstallments(isBlank(json.enabledInstallments) ? '1' : json.enabledInstallments, 'enabledInstallments'),
		orderId: optionalText(json.orderId),
		conversationId: optionalText(json.conversationId),
		externalId: optionalText(json.externalId),
		channel: optionalText(json.channel),
		stock: isBlank(json.stock) ? undefined : parseStock(json.stock, 'stock'),
		multiPayment: multiPaymentOf(json.multiPayment),
		expiresAt: isBlank(json.expiresAt) ? undefined : resolveExpiresAt({ mode: 'at', at: String(json.expiresAt), timeZone, now }),
	});
	return applyStockRule(body);
}

/** How to find this link with Get Many, should its create get no answer. */
export function lookupFor(body: IDataObject): LinkLookup {
	const reference = linkReference(body);
	if (reference) return { filter: REFERENCE_FILTER_NAMES[reference.field], value: reference.value, isReference: true };
	return { filter: 'Name', value: String(body.name), isReference: false };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	refuseRetryOnFail(
		this,
		'Craftgate',
		'create a second payment link for the same order',
		'on a failure, look for the link with Get Many (by its order ID) before creating another one.',
	);
	const body = takesInputItems(this)
		? buildCreateBodyFromItem(inputItemJson(this, itemIndex), String(this.getNodeParameter('expiryTimeZone', itemIndex)))
		: buildCreateBody.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const product = await craftgateRequest.call(this, {
		method: 'POST',
		path: '/craftlink/v1/products',
		body,
		itemIndex,
		timeoutMs: requestTimeoutMs(this, itemIndex),
		creates: lookupFor(body),
	});
	return toLinkOutput(product as CraftgateProduct, options.pageLanguage as string | undefined);
}
