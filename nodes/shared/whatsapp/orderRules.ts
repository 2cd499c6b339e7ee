import { formatMinorAmount } from '../money';
import type { MinorAmount } from '../money';
import { ORDER_PATH, PARAMETERS_PATH } from './problems';
import type { ProblemList } from './problems';
import type { OrderDetailsWire, OrderItemWire } from './schemas';

/*
 * The rules of docs/providers.md §5 that span several fields of an order_details message. They run on
 * a message whose every field already passed orderDetailsSchema.
 */

/** An order_details message must expire at least this long after it is sent. */
export const MIN_EXPIRATION_SECONDS = 300;

export interface OrderRuleOptions {
	/** Defaults to the current time; injectable for tests. */
	now?: Date;
	/** Whether physical goods are shipped, which makes beneficiaries required (not visible on the wire). */
	shipped?: boolean;
}

const rupees = (value: number): string => formatMinorAmount({ value, offset: 100 });

/** What one item adds to the subtotal: (sale_amount or amount) × quantity, in paise. */
export function itemLineTotal(item: Pick<OrderItemWire, 'amount' | 'sale_amount' | 'quantity'>): number {
	return (item.sale_amount ?? item.amount).value * item.quantity;
}

/** Σ (sale_amount or amount) × quantity; NaN or an unsafe integer when the items do not allow it. */
export function itemsSubtotal(items: ReadonlyArray<Pick<OrderItemWire, 'amount' | 'sale_amount' | 'quantity'>>): number {
	return items.reduce((sum, item) => sum + itemLineTotal(item), 0);
}

/** subtotal + tax + shipping − discount, in paise. */
export function orderTotal(charges: {
	subtotal: MinorAmount;
	tax: MinorAmount;
	shipping?: MinorAmount;
	discount?: MinorAmount;
}): number {
	return charges.subtotal.value + charges.tax.value + (charges.shipping?.value ?? 0) - (charges.discount?.value ?? 0);
}

function checkPaymentSelection(parameters: OrderDetailsWire['action']['parameters'], problems: ProblemList): void {
	const flat = parameters.payment_type !== undefined || parameters.payment_configuration !== undefined;
	const settings = parameters.payment_settings;
	if (flat && settings !== undefined) {
		problems.add([...PARAMETERS_PATH, 'payment_settings'], 'cannot be combined with payment_type and payment_configuration: use one or the other');
	} else if (settings === undefined) {
		if (!flat) {
			problems.add([...PARAMETERS_PATH, 'payment_configuration'], 'is required: give payment_type with payment_configuration, or payment_settings');
		} else if (parameters.payment_type === undefined) {
			problems.add([...PARAMETERS_PATH, 'payment_type'], 'is required with payment_configuration (e.g. "payment_gateway:razorpay" or "upi")');
		} else if (parameters.payment_configuration === undefined) {
			problems.add([...PARAMETERS_PATH, 'payment_configuration'], 'is required with payment_type: the name of the payment configuration');
		}
	}
	settings?.forEach((setting, index) => {
		const gateway = setting.payment_gateway;
		if (gateway.razorpay !== undefined && gateway.type !== 'razorpay') {
			problems.add(
				[...PARAMETERS_PATH, 'payment_settings', index, 'payment_gateway', 'razorpay'],
				`only applies when the gateway type is razorpay, not ${gateway.type}`,
			);
		}
	});
}

function checkItems(order: OrderDetailsWire['action']['parameters']['order'], problems: ProblemList): void {
	order.items.forEach((item, index) => {
		const path = [...ORDER_PATH, 'items', index];
		if (item.sale_amount !== undefined && item.sale_amount.value >= item.amount.value) {
			problems.add(
				[...path, 'sale_amount'],
				`${rupees(item.sale_amount.value)} must be lower than amount ${rupees(item.amount.value)}`,
			);
		}
		if (order.catalog_id === undefined) {
			for (const field of ['country_of_origin', 'importer_name', 'importer_address'] as const) {
				if (item[field] === undefined) problems.add([...path, field], 'is required when the order has no catalog_id');
			}
		}
	});
}

function checkSums(order: OrderDetailsWire['action']['parameters']['order'], totalAmount: MinorAmount, problems: ProblemList): void {
	const computedSubtotal = itemsSubtotal(order.items);
	if (!Number.isSafeInteger(computedSubtotal)) {
		problems.add([...ORDER_PATH, 'items'], 'add up to more than can be sent as an amount');
		return;
	}
	if (order.subtotal.value !== computedSubtotal) {
		problems.add(
			[...ORDER_PATH, 'subtotal'],
			`${rupees(order.subtotal.value)} does not match the items: Σ (sale_amount or amount) × quantity = ${rupees(computedSubtotal)}`,
		);
	}
	const computedTotal = orderTotal(order);
	if (totalAmount.value !== computedTotal) {
		problems.add(
			[...PARAMETERS_PATH, 'total_amount'],
			`${rupees(totalAmount.value)} does not match subtotal + tax + shipping − discount = ` +
				`${rupees(order.subtotal.value)} + ${rupees(order.tax.value)} + ${rupees(order.shipping?.value ?? 0)} − ` +
				`${rupees(order.discount?.value ?? 0)} = ${rupees(computedTotal)}`,
		);
	}
}

function checkExpiration(order: OrderDetailsWire['action']['parameters']['order'], now: Date, problems: ProblemList): void {
	if (order.expiration === undefined) return;
	const nowSeconds = Math.floor(now.getTime() / 1000);
	const expiresAt = Number(order.expiration.timestamp);
	if (expiresAt < nowSeconds + MIN_EXPIRATION_SECONDS) {
		const ahead = expiresAt - nowSeconds;
		const when = ahead <= 0 ? `is ${-ahead} s in the past` : `is only ${ahead} s ahead`;
		problems.add(
			[...ORDER_PATH, 'expiration', 'timestamp'],
			`${order.expiration.timestamp} (${new Date(expiresAt * 1000).toISOString()}) ${when}; ` +
				`it must be at least ${MIN_EXPIRATION_SECONDS} s after now (${nowSeconds})`,
		);
	}
}

/** Records every cross-field problem of an order_details message that passed the schema. */
export function checkOrderDetailsRules(wire: OrderDetailsWire, options: OrderRuleOptions, problems: ProblemList): void {
	const parameters = wire.action.parameters;
	checkPaymentSelection(parameters, problems);
	if (parameters.type === 'physical-goods' && options.shipped && !parameters.beneficiaries?.length) {
		problems.add([...PARAMETERS_PATH, 'beneficiaries'], 'are required for physical goods that are shipped: add who receives them');
	}
	checkItems(parameters.order, problems);
	checkSums(parameters.order, parameters.total_amount, problems);
	checkExpiration(parameters.order, options.now ?? new Date(), problems);
}
