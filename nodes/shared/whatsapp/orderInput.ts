import { parseDecimalAmount } from '../money';
import type { MinorAmount } from '../money';
import { itemsSubtotal, orderTotal } from './orderRules';
import { ORDER_PATH, PARAMETERS_PATH } from './problems';
import type { ProblemList, WirePath } from './problems';
import { isWellFormedOrderItem, orderItemSchema } from './schemas';
import type { OrderItemWire } from './schemas';
import type {
	AmountInput,
	BeneficiaryInput,
	ChargeInput,
	ImporterAddress,
	OrderDetailsInput,
	OrderItemInput,
	PaymentSelection,
} from './types';

/*
 * Turns builder input into the wire shape. It decides nothing about validity beyond parsing
 * decimals: every rule lives in schemas.ts / orderRules.ts and runs on the result.
 */

type Json = Record<string, unknown>;

/** Empty form fields arrive as '', null or undefined; all mean "not given". */
function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Sets `key` only when the value was given, so optional fields stay off the wire. */
function putIfGiven(target: Json, key: string, value: unknown): void {
	if (!isBlank(value)) target[key] = value;
}

/** Expressions may hand over numbers for id-like text fields (retailer ids, PIN codes). */
function asText(value: unknown): unknown {
	return typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
}

/** WhatsApp's own amount object, `{ value, offset }` in paise: passed on as it is, for the schema to check. */
function isAmountObject(raw: AmountInput): raw is MinorAmount {
	return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

function parseInr(problems: ProblemList, path: WirePath, raw: AmountInput): MinorAmount | undefined {
	if (isAmountObject(raw)) return { value: raw.value, offset: raw.offset };
	try {
		return parseDecimalAmount(raw, 'INR', 'amount');
	} catch {
		// Worded again with the amount's place in the order, only when it is wrong (wording costs).
		return problems.attempt(path, (label) => parseDecimalAmount(raw, 'INR', label));
	}
}

/** "2" → 2; other text stays as it is for the schema to report; numbers pass through. */
function asQuantity(value: unknown): unknown {
	if (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return value;
}

function importerAddressToWire(address: ImporterAddress | undefined): Json | undefined {
	if (address === undefined || address === null || Object.values(address).every(isBlank)) return undefined;
	const wire: Json = { address_line1: address.addressLine1 };
	putIfGiven(wire, 'address_line2', address.addressLine2);
	wire.city = address.city;
	wire.zone_code = address.zoneCode;
	wire.postal_code = asText(address.postalCode);
	wire.country_code = address.countryCode;
	return wire;
}

function itemToWire(item: OrderItemInput, index: number, problems: ProblemList): Json {
	const path = [...ORDER_PATH, 'items', index];
	const wire: Json = { retailer_id: asText(item.retailerId), name: item.name };
	wire.amount = isBlank(item.amount) ? undefined : parseInr(problems, [...path, 'amount'], item.amount);
	if (!isBlank(item.saleAmount)) {
		wire.sale_amount = parseInr(problems, [...path, 'sale_amount'], item.saleAmount as AmountInput);
	}
	wire.quantity = isBlank(item.quantity) ? undefined : asQuantity(item.quantity);
	putIfGiven(wire, 'country_of_origin', item.countryOfOrigin);
	putIfGiven(wire, 'importer_name', item.importerName);
	putIfGiven(wire, 'importer_address', importerAddressToWire(item.importerAddress));
	return wire;
}

/** A charge with neither amount nor description is left out; an amount left empty is 0. */
function chargeToWire(
	charge: ChargeInput | undefined,
	path: WirePath,
	problems: ProblemList,
): (MinorAmount & Json) | undefined {
	if (charge === undefined || charge === null) return undefined;
	const extra = charge as ChargeInput & { programName?: string };
	if (isBlank(charge.amount) && isBlank(charge.description) && isBlank(extra.programName)) return undefined;
	const amount = isBlank(charge.amount) ? { value: 0, offset: 100 } : parseInr(problems, path, charge.amount);
	if (amount === undefined) return undefined;
	const wire: MinorAmount & Json = { ...amount };
	putIfGiven(wire, 'description', charge.description);
	putIfGiven(wire, 'discount_program_name', extra.programName);
	return wire;
}

function beneficiaryToWire(beneficiary: BeneficiaryInput): Json {
	const wire: Json = { name: beneficiary.name, address_line1: beneficiary.addressLine1 };
	putIfGiven(wire, 'address_line2', beneficiary.addressLine2);
	Object.assign(wire, {
		city: beneficiary.city,
		state: beneficiary.state,
		country: beneficiary.country,
		postal_code: asText(beneficiary.postalCode),
	});
	return wire;
}

function paymentToWire(payment: PaymentSelection): Json {
	if (payment?.style === 'payment_settings') {
		const gateway: Json = { type: payment.gateway, configuration_name: payment.configurationName };
		const razorpay = payment.razorpay;
		if (payment.gateway === 'razorpay' && razorpay && (!isBlank(razorpay.receipt) || razorpay.notes)) {
			const options: Json = {};
			putIfGiven(options, 'receipt', razorpay.receipt);
			if (razorpay.notes && Object.keys(razorpay.notes).length > 0) options.notes = razorpay.notes;
			gateway.razorpay = options;
		}
		return { payment_settings: [{ type: 'payment_gateway', payment_gateway: gateway }] };
	}
	return { payment_type: payment?.paymentType, payment_configuration: payment?.configurationName };
}

/**
 * The subtotal and total to send: as given, or computed with the formulas of orderRules.ts.
 * Items the schema refuses cannot be summed (and sums are only checked once the schema passes),
 * nor can items adding up beyond a safe integer (a rule of its own); the stand-ins used then
 * (0 and 0.01, both well-formed) keep the sums from adding noise to the real problem.
 */
function sumsToSend(
	items: Json[],
	givenSubtotal: MinorAmount | undefined,
	givenTotal: MinorAmount | undefined,
	charges: { tax: MinorAmount; shipping?: MinorAmount; discount?: MinorAmount },
): { subtotal: MinorAmount; total: MinorAmount } {
	const lines: OrderItemWire[] = [];
	for (const item of items) {
		if (isWellFormedOrderItem(item)) {
			lines.push(item);
			continue;
		}
		const parsed = orderItemSchema.safeParse(item);
		if (parsed.success) lines.push(parsed.data);
	}
	const computed = lines.length === items.length ? itemsSubtotal(lines) : Number.NaN;
	const summable = Number.isSafeInteger(computed);
	const subtotal = givenSubtotal ?? { value: summable ? computed : 0, offset: 100 };
	const total = givenTotal ??
		(summable ? { value: orderTotal({ subtotal, ...charges }), offset: 100 } : { value: 1, offset: 100 });
	return { subtotal, total };
}

/**
 * Builds the order_details wire object from builder input. Decimal problems are recorded in
 * `problems`; subtotal and total are computed when left empty (with the formulas of orderRules.ts).
 */
export function orderInputToWire(input: OrderDetailsInput, problems: ProblemList): Json {
	const items = (Array.isArray(input.items) ? input.items : []).map((item, index) => itemToWire(item, index, problems));
	const tax = chargeToWire(input.tax, [...ORDER_PATH, 'tax'], problems) ?? { value: 0, offset: 100 };
	const shipping = chargeToWire(input.shipping, [...ORDER_PATH, 'shipping'], problems);
	const discount = chargeToWire(input.discount, [...ORDER_PATH, 'discount'], problems);
	const givenSubtotal = isBlank(input.subtotal)
		? undefined
		: parseInr(problems, [...ORDER_PATH, 'subtotal'], input.subtotal as AmountInput);
	const givenTotal = isBlank(input.total)
		? undefined
		: parseInr(problems, [...PARAMETERS_PATH, 'total_amount'], input.total as AmountInput);

	const { subtotal, total } = sumsToSend(items, givenSubtotal, givenTotal, { tax, shipping, discount });

	const order: Json = { status: 'pending' };
	putIfGiven(order, 'catalog_id', asText(input.catalogId));
	if (input.expiration !== undefined && input.expiration !== null) {
		const expiration: Json = { timestamp: asText(input.expiration.timestamp) };
		putIfGiven(expiration, 'description', input.expiration.description);
		order.expiration = expiration;
	}
	Object.assign(order, { items, subtotal, tax });
	putIfGiven(order, 'shipping', shipping);
	putIfGiven(order, 'discount', discount);

	const parameters: Json = { reference_id: asText(input.referenceId), type: input.goodsType, ...paymentToWire(input.payment) };
	Object.assign(parameters, { currency: 'INR', total_amount: total });
	if (Array.isArray(input.beneficiaries) && input.beneficiaries.length > 0) {
		parameters.beneficiaries = input.beneficiaries.map(beneficiaryToWire);
	}
	parameters.order = order;

	const wire: Json = { type: 'order_details' };
	if (!isBlank(input.headerImageLink)) wire.header = { type: 'image', image: { link: input.headerImageLink } };
	wire.body = { text: input.bodyText };
	if (!isBlank(input.footerText)) wire.footer = { text: input.footerText };
	wire.action = { name: 'review_and_pay', parameters };
	return wire;
}
