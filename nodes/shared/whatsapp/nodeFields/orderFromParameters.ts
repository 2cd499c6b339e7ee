import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { InputRuleError } from '../../errors';
import { buildOrderDetails, validateOrderDetails } from '../orderDetails';
import type { BeneficiaryInput, OrderDetailsInput, OrderItemInput, PaymentSelection } from '../types';
import { expirationTimestamp } from './expiration';

/*
 * Reads the order parameters of orderProperties() for one input item into an `order_details`
 * interactive object. Every order rule (amounts, sums, lengths, expiration) is the shared WhatsApp
 * order core's; only how the payment is chosen differs per provider, so the caller reads that.
 */

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function optional(value: unknown): string | undefined {
	const result = text(value);
	return result === '' ? undefined : result;
}

function readItems(ctx: IExecuteFunctions, itemIndex: number, fromCatalog: boolean): OrderItemInput[] {
	const rows = ctx.getNodeParameter('items.item', itemIndex, []) as IDataObject[];
	return rows.map((row) => {
		const item: OrderItemInput = {
			retailerId: text(row.retailerId),
			name: text(row.name),
			amount: text(row.amount),
			saleAmount: optional(row.saleAmount),
			quantity: row.quantity as number,
		};
		if (!fromCatalog) {
			item.countryOfOrigin = optional(row.countryOfOrigin);
			item.importerName = optional(row.importerName);
			item.importerAddress = {
				addressLine1: text(row.importerAddressLine1),
				addressLine2: optional(row.importerAddressLine2),
				city: text(row.importerCity),
				zoneCode: text(row.importerZoneCode),
				postalCode: text(row.importerPostalCode),
				countryCode: text(row.importerCountryCode),
			};
		}
		return item;
	});
}

function readBeneficiaries(ctx: IExecuteFunctions, itemIndex: number): BeneficiaryInput[] | undefined {
	const details = ctx.getNodeParameter('beneficiary.details', itemIndex, undefined) as IDataObject | undefined;
	if (!details) return undefined;
	return [
		{
			name: text(details.name),
			addressLine1: text(details.addressLine1),
			addressLine2: optional(details.addressLine2),
			city: text(details.city),
			state: text(details.state),
			country: text(details.country),
			postalCode: text(details.postalCode),
		},
	];
}

function headerImageLink(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	if (ctx.getNodeParameter('header', itemIndex, 'none') !== 'image') return undefined;
	return text(ctx.getNodeParameter('headerImageLink', itemIndex, ''));
}

/**
 * What the node's own fields say about every order, whichever way its content comes: goods type,
 * shipping and beneficiary, message texts and header, and the expiration chosen in the node.
 */
export type OrderSettings = Pick<
	OrderDetailsInput,
	'goodsType' | 'bodyText' | 'footerText' | 'headerImageLink' | 'expiration' | 'shipped' | 'beneficiaries'
>;

export function orderSettings(ctx: IExecuteFunctions, itemIndex: number, now: Date): OrderSettings {
	const param = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const goodsType = param('goodsType', 'digital-goods') as OrderDetailsInput['goodsType'];
	const shipped = goodsType === 'physical-goods' && param('shipped', true) === true;
	const timestamp = expirationTimestamp(ctx, itemIndex, now);
	return {
		goodsType,
		bodyText: text(param('bodyText')),
		footerText: optional(param('footerText')),
		headerImageLink: headerImageLink(ctx, itemIndex),
		expiration: timestamp === undefined ? undefined : { timestamp, description: text(param('expirationDescription')) },
		shipped,
		beneficiaries: shipped ? readBeneficiaries(ctx, itemIndex) : undefined,
	};
}

/**
 * The order as entered in the node's fields ("Order Input: Fields"), paid as `payment` says
 * (the provider's own payment fields, read by the caller).
 */
export function orderFromFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	now: Date,
	payment: PaymentSelection,
): IDataObject {
	const param = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const fromCatalog = param('itemsFromCatalog', false) === true;
	const extra = param('additionalFields', {}) as IDataObject;

	const input: OrderDetailsInput = {
		...orderSettings(ctx, itemIndex, now),
		referenceId: text(param('referenceId')),
		payment,
		catalogId: fromCatalog ? optional(param('catalogId')) : undefined,
		items: readItems(ctx, itemIndex, fromCatalog),
		tax: { amount: text(param('taxAmount', '0')) || '0', description: optional(param('taxDescription')) },
		shipping: { amount: text(extra.shippingAmount), description: optional(extra.shippingDescription) },
		discount: {
			amount: text(extra.discountAmount),
			description: optional(extra.discountDescription),
			programName: optional(extra.discountProgramName),
		},
		subtotal: optional(extra.subtotal),
		total: optional(extra.total),
	};
	return buildOrderDetails(input, { now });
}

function parseJsonParameter(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	let reason: string | undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		reason = (error as Error).message;
	}
	throw new InputRuleError(`"Order (JSON)" is not valid JSON: ${reason}`, 'orderJson');
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The order given as JSON ("Order Input: JSON"): the whole interactive object, or only its
 * `action.parameters`, which the Body Text, Footer Text and Header fields then wrap.
 */
export function orderFromJson(ctx: IExecuteFunctions, itemIndex: number, now: Date): IDataObject {
	const given = parseJsonParameter(ctx.getNodeParameter('orderJson', itemIndex));
	if (!isObject(given)) {
		throw new InputRuleError('"Order (JSON)" must be an object: the order_details interactive object or its action.parameters', 'orderJson');
	}
	let interactive: IDataObject;
	if (given.type === 'order_details' || isObject(given.action)) {
		interactive = given;
	} else if ('reference_id' in given || 'order' in given) {
		interactive = { type: 'order_details' };
		const link = headerImageLink(ctx, itemIndex);
		if (link) interactive.header = { type: 'image', image: { link } };
		interactive.body = { text: text(ctx.getNodeParameter('bodyText', itemIndex, '')) };
		const footer = optional(ctx.getNodeParameter('footerText', itemIndex, ''));
		if (footer) interactive.footer = { text: footer };
		interactive.action = { name: 'review_and_pay', parameters: given };
	} else {
		throw new InputRuleError(
			'"Order (JSON)" is neither an order_details interactive object (with "action") nor its action.parameters (with "reference_id" and "order")',
			'orderJson',
		);
	}
	return validateOrderDetails(interactive, { now });
}
