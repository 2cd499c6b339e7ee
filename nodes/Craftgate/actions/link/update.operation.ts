import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { replaceLink } from '../../transport/links';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { DEFAULT_EXPIRY_TIME_ZONE, resolveExpiresAt } from '../../helpers/expiry';
import {
	applyStockRule,
	parseCurrency,
	parseInstallments,
	parsePrice,
	parseStock,
	toLinkOutput,
	writableFields,
	type CraftgateProduct,
} from '../../helpers/product';
import { InputRuleError } from '../../../shared/errors';
import { optionalText, requireText } from '../../../shared/text';
import {
	currencyProperty,
	descriptionProperty,
	expiryTimeZoneProperty,
	getLinkId,
	linkIdProperty,
	pageLanguageOption,
	PRICE_HINT,
	productFieldsForWriting,
	timeoutProperty,
} from './common';
import { fetchProduct } from './get.operation';

const properties: INodeProperties[] = [
	linkIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields set here change; the link keeps all others',
		options: ([
			...productFieldsForWriting,
			currencyProperty,
			descriptionProperty,
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'New expiry; a time without a zone is read in the Expiry Time Zone',
			},
			{
				displayName: 'Expires In (Minutes)',
				name: 'expiresInMinutes',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 30,
				description: 'New expiry, counted from now',
			},
			expiryTimeZoneProperty,
			{
				displayName: 'Price',
				name: 'price',
				type: 'string',
				default: '',
				placeholder: 'e.g. 149.90',
				hint: PRICE_HINT,
				description: "New amount to pay, in the main unit of the link's currency",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Passive', value: 'PASSIVE' },
				],
				default: 'ACTIVE',
				description: 'A passive link takes no payments',
			},
			{
				displayName: 'Title',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Shown as the title of the payment page',
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageLanguageOption, timeoutProperty],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['update'] } }, properties);

/** The product after the changes, validated as a whole (e.g. the price against a new currency). */
export function mergeUpdate(current: CraftgateProduct, changes: IDataObject): IDataObject {
	const body = writableFields(current);
	const currency = parseCurrency(changes.currency ?? current.currency, changes.currency ? 'updateFields.currency' : 'currency');
	body.currency = currency;
	if (changes.name !== undefined) body.name = requireText(changes.name, 'updateFields.name', 'Title');
	for (const field of ['description', 'channel', 'orderId', 'conversationId', 'externalId'] as const) {
		if (changes[field] !== undefined) body[field] = optionalText(changes[field]) ?? '';
	}
	if (optionalText(changes.price) !== undefined) body.price = parsePrice(changes.price, currency, 'updateFields.price');
	else if (body.price !== undefined) body.price = parsePrice(body.price, currency, 'price');
	if (changes.installments !== undefined) {
		body.enabledInstallments = parseInstallments(changes.installments, 'updateFields.installments');
	}
	if (changes.stock !== undefined) body.stock = parseStock(changes.stock, 'updateFields.stock');
	if (changes.multiPayment !== undefined) body.multiPayment = changes.multiPayment === true;
	if (changes.status !== undefined) {
		if (changes.status !== 'ACTIVE' && changes.status !== 'PASSIVE') {
			throw new InputRuleError(`Status must be ACTIVE or PASSIVE, got "${String(changes.status)}"`, 'updateFields.status');
		}
		body.status = changes.status;
	}
	const timeZone = optionalText(changes.expiryTimeZone) ?? DEFAULT_EXPIRY_TIME_ZONE;
	if (optionalText(changes.expiresAt) !== undefined && changes.expiresInMinutes !== undefined) {
		throw new InputRuleError('Set either Expires At or Expires In (Minutes), not both', 'updateFields.expiresAt');
	}
	if (optionalText(changes.expiresAt) !== undefined) {
		body.expiresAt = resolveExpiresAt({ mode: 'at', at: String(changes.expiresAt), timeZone });
	} else if (changes.expiresInMinutes !== undefined) {
		body.expiresAt = resolveExpiresAt({ mode: 'inMinutes', minutes: changes.expiresInMinutes as number, timeZone });
	}
	for (const field of ['description', 'channel', 'orderId', 'conversationId', 'externalId'] as const) {
		if (body[field] === '') delete body[field];
	}
	return applyStockRule(body);
}

/** Craftgate's PUT replaces the whole product, so the current one is read first and changed. */
export async function putProduct(
	this: IExecuteFunctions,
	linkId: string,
	body: IDataObject,
	itemIndex: number,
): Promise<CraftgateProduct> {
	return await replaceLink.call(this, linkId, body, { itemIndex, timeoutMs: requestTimeoutMs(this, itemIndex) });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (Object.keys(changes).length === 0) {
		throw new InputRuleError('Add at least one field under Update Fields', 'updateFields');
	}
	const current = await fetchProduct.call(this, linkId, itemIndex);
	const product = await putProduct.call(this, linkId, mergeUpdate(current, changes), itemIndex);
	return toLinkOutput(product, options.pageLanguage as string | undefined);
}
