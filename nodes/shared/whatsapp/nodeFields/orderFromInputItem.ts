import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../../errors';
import { namingInputFields } from '../../inputItems';
import { buildOrderDetails } from '../orderDetails';
import { ORDER_PATH, ProblemList, show } from '../problems';
import type { WirePath } from '../problems';
import type { AmountInput, ChargeInput, ImporterAddress, OrderDetailsInput, OrderItemInput, PaymentSelection } from '../types';
import type { OrderSettings } from './orderFromParameters';

/*
 * "Input Data Mode: Take From Input Items" for a payment request: the reference id and the whole
 * order come from fields of the input item, with no expression evaluated per item. The order is
 * WhatsApp's own `order` object (docs/providers.md §2.3: catalog_id, items with retailer_id, name,
 * amount, sale_amount, quantity…, subtotal, tax, shipping, discount, expiration); amounts are
 * rupee decimals as in the node's fields ("12.34", 12.34) or WhatsApp's `{ value, offset: 100 }`
 * in paise. Every order rule runs as in the other modes, and a broken one names the input field:
 * `order.items[2].sale_amount`.
 */

/** The raw values read from the item, and the names of the fields they came from. */
export interface OrderFromItem {
	referenceId: unknown;
	order: unknown;
	fields: { referenceId: string; order: string };
}

const ORDER_KEYS = ['status', 'catalog_id', 'expiration', 'items', 'subtotal', 'tax', 'shipping', 'discount'];
const LINE_KEYS = [
	'retailer_id',
	'name',
	'amount',
	'sale_amount',
	'quantity',
	'country_of_origin',
	'importer_name',
	'importer_address',
];
const IMPORTER_KEYS = ['address_line1', 'address_line2', 'city', 'zone_code', 'postal_code', 'country_code'];
const AMOUNT_KEYS = ['value', 'offset'];
const CHARGE_KEYS = [...AMOUNT_KEYS, 'description'];
const DISCOUNT_KEYS = [...CHARGE_KEYS, 'discount_program_name'];
const EXPIRATION_KEYS = ['timestamp', 'description'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text fields as the node's fields give them: trimmed; numbers become text; anything else is left for the schema to report. */
function textOf(value: unknown): unknown {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return value;
}

function optionalTextOf(value: unknown): unknown {
	const result = textOf(value);
	return result === '' || result === null ? undefined : result;
}

/** Reports keys of `object` that are not among `known` (a misspelt `saleAmount` must not be dropped silently). */
function checkKeys(problems: ProblemList, object: Json, known: string[], path: WirePath, what: string): void {
	for (const key of Object.keys(object)) {
		if (!known.includes(key)) problems.add([...path, key], `is not a field of ${what} (it takes ${known.join(', ')})`);
	}
}

/** A decimal as it is, or WhatsApp's amount object reduced to its value and offset. */
function amountOf(problems: ProblemList, value: unknown, path: WirePath): AmountInput {
	if (!isObject(value)) return value as AmountInput;
	checkKeys(problems, value, AMOUNT_KEYS, path, 'an amount');
	return { value: value.value as number, offset: value.offset as number };
}

function chargeOf(problems: ProblemList, value: unknown, path: WirePath, keys: string[]): (ChargeInput & { programName?: string }) | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (!isObject(value)) return { amount: value as AmountInput };
	checkKeys(problems, value, keys, path, 'a charge');
	return {
		amount: { value: value.value as number, offset: value.offset as number },
		description: optionalTextOf(value.description) as string | undefined,
		programName: optionalTextOf(value.discount_program_name) as string | undefined,
	};
}

function importerOf(problems: ProblemList, value: unknown, path: WirePath): ImporterAddress | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		problems.add(path, `must be an object (${IMPORTER_KEYS.join(', ')}), got ${show(value)}`);
		return undefined;
	}
	checkKeys(problems, value, IMPORTER_KEYS, path, 'an importer address');
	return {
		addressLine1: textOf(value.address_line1) as string,
		addressLine2: optionalTextOf(value.address_line2) as string | undefined,
		city: textOf(value.city) as string,
		zoneCode: textOf(value.zone_code) as string,
		postalCode: textOf(value.postal_code) as string,
		countryCode: textOf(value.country_code) as string,
	};
}

function lineOf(problems: ProblemList, value: unknown, index: number): OrderItemInput {
	const path = [...ORDER_PATH, 'items', index];
	if (!isObject(value)) {
		problems.add(path, `must be an object (${LINE_KEYS.join(', ')}), got ${show(value)}`);
		return {} as OrderItemInput;
	}
	checkKeys(problems, value, LINE_KEYS, path, 'an order line');
	return {
		retailerId: textOf(value.retailer_id) as string,
		name: textOf(value.name) as string,
		amount: amountOf(problems, value.amount, [...path, 'amount']),
		saleAmount: amountOf(problems, value.sale_amount, [...path, 'sale_amount']),
		quantity: value.quantity as number,
		countryOfOrigin: optionalTextOf(value.country_of_origin) as string | undefined,
		importerName: optionalTextOf(value.importer_name) as string | undefined,
		importerAddress: importerOf(problems, value.importer_address, [...path, 'importer_address']),
	};
}

type OrderContent = Pick<OrderDetailsInput, 'catalogId' | 'items' | 'tax' | 'shipping' | 'discount' | 'subtotal' | 'expiration'>;

/** The parts of the builder input that come from the item's order; shape problems are thrown together. */
function orderContent(order: unknown, orderField: string): OrderContent {
	if (!isObject(order)) {
		throw new InputRuleError(`The order must be an object with its items (WhatsApp's order), got ${show(order)}`, orderField);
	}
	const items = order.items;
	const problems = new ProblemList((index) => (Array.isArray(items) && isObject(items[index]) ? items[index].retailer_id : undefined));
	checkKeys(problems, order, ORDER_KEYS, ORDER_PATH, 'the order');
	if (order.status !== undefined && order.status !== 'pending') {
		problems.add([...ORDER_PATH, 'status'], `must be "pending" in a payment request (or left out), got ${show(order.status)}`);
	}
	if (!Array.isArray(items)) {
		problems.add([...ORDER_PATH, 'items'], items === undefined ? 'is required' : `must be a list of order lines, got ${show(items)}`);
	}
	const lines = Array.isArray(items) ? items.map((line, index) => lineOf(problems, line, index)) : [];
	let expiration: OrderDetailsInput['expiration'];
	if (order.expiration !== undefined && order.expiration !== null) {
		if (isObject(order.expiration)) {
			checkKeys(problems, order.expiration, EXPIRATION_KEYS, [...ORDER_PATH, 'expiration'], 'the expiration');
			expiration = {
				timestamp: textOf(order.expiration.timestamp) as unknown as number,
				description: textOf(order.expiration.description) as string,
			};
		} else {
			problems.add([...ORDER_PATH, 'expiration'], `must be an object (timestamp, description), got ${show(order.expiration)}`);
		}
	}
	const content = {
		catalogId: optionalTextOf(order.catalog_id) as string | undefined,
		items: lines,
		tax: chargeOf(problems, order.tax, [...ORDER_PATH, 'tax'], CHARGE_KEYS) ?? { amount: '0' },
		shipping: chargeOf(problems, order.shipping, [...ORDER_PATH, 'shipping'], CHARGE_KEYS),
		discount: chargeOf(problems, order.discount, [...ORDER_PATH, 'discount'], DISCOUNT_KEYS),
		subtotal: amountOf(problems, order.subtotal, [...ORDER_PATH, 'subtotal']),
		expiration,
	};
	if (problems.count > 0) {
		// Every shape problem is inside the order: its field is relative to the order field.
		const shape = problems.asError();
		throw new InputRuleError(shape.message, `${orderField}.${shape.field}`);
	}
	return content;
}

const IN_ORDER = /^(?:items|subtotal|tax|shipping|discount|catalog_id|status|expiration)(?=$|[.[])/;

/** The wire field of a broken rule (`items[2].amount`) as the input field it came from (`order.items[2].amount`). */
function inputFieldOf(field: string | undefined, source: OrderFromItem, expirationFromItem: boolean): string | undefined {
	if (field === undefined) return undefined;
	const { referenceId, order } = source.fields;
	if (field === 'reference_id') return referenceId;
	if (field === 'total_amount' || field.startsWith('total_amount.')) return order;
	if (IN_ORDER.test(field) && (expirationFromItem || !field.startsWith('expiration'))) return `${order}.${field}`;
	return field;
}

/**
 * The `order_details` interactive object of one input item in Take From Input Items mode: its
 * reference id and order from the item, everything else from the node (`settings`, `payment`).
 * The node's expiration applies when the order has none.
 */
export function orderFromInputItem(
	source: OrderFromItem,
	settings: OrderSettings,
	payment: PaymentSelection,
	now: Date,
): IDataObject {
	const content = orderContent(source.order, source.fields.order);
	const input: OrderDetailsInput = {
		...settings,
		...content,
		expiration: content.expiration ?? settings.expiration,
		referenceId: textOf(source.referenceId) as string,
		payment,
	};
	return namingInputFields(
		() => buildOrderDetails(input, { now }),
		(field) => inputFieldOf(field, source, content.expiration !== undefined),
	);
}
