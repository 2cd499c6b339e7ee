import type { MinorAmount } from '../money';

/** How the order names its payment method: Exotel's own shape (docs/providers.md §3.4), or the Cloud API's array (§2.3). */
export type PaymentSelection =
	| {
			style: 'payment_type';
			/** e.g. `payment_gateway:razorpay`, `payment_gateway:payu`, `upi`, or a custom value */
			paymentType: string;
			configurationName: string;
	  }
	| {
			style: 'payment_settings';
			gateway: 'razorpay' | 'payu' | 'billdesk' | 'zaakpay';
			configurationName: string;
			razorpay?: { receipt?: string; notes?: Record<string, string> };
	  };

export interface ImporterAddress {
	addressLine1: string;
	addressLine2?: string;
	city: string;
	zoneCode: string;
	postalCode: string;
	countryCode: string;
}

/** An amount as a builder gives it: a decimal in rupees, or WhatsApp's own `{ value, offset: 100 }` in paise. */
export type AmountInput = string | number | MinorAmount;

/** One order line as a builder fills it in: amounts are decimals in rupees (or WhatsApp's paise objects). */
export interface OrderItemInput {
	retailerId: string;
	name: string;
	amount: AmountInput;
	saleAmount?: AmountInput;
	quantity: string | number;
	countryOfOrigin?: string;
	importerName?: string;
	importerAddress?: ImporterAddress;
}

export interface BeneficiaryInput {
	name: string;
	addressLine1: string;
	addressLine2?: string;
	city: string;
	state: string;
	country: string;
	postalCode: string;
}

export interface ChargeInput {
	amount: AmountInput;
	description?: string;
}

/** Everything needed for one `order_details` message, in builder-friendly form. */
export interface OrderDetailsInput {
	referenceId: string;
	goodsType: 'digital-goods' | 'physical-goods';
	bodyText: string;
	footerText?: string;
	headerImageLink?: string;
	payment: PaymentSelection;
	catalogId?: string;
	items: OrderItemInput[];
	tax?: ChargeInput;
	shipping?: ChargeInput;
	discount?: ChargeInput & { programName?: string };
	/** When given, checked against the items; when empty, computed. Decimal rupees. */
	subtotal?: AmountInput;
	/** When given, checked against subtotal + tax + shipping − discount; when empty, computed. */
	total?: AmountInput;
	/** Epoch seconds; must be at least 300 s after `now`. */
	expiration?: { timestamp: number; description: string };
	/** Required when goodsType is physical-goods and `shipped` is true. */
	shipped?: boolean;
	beneficiaries?: BeneficiaryInput[];
}

/** The wire amount: integer value, offset 100 (paise). */
export type WireAmount = MinorAmount;

export type OrderStatus =
	| 'pending'
	| 'processing'
	| 'partially_shipped'
	| 'shipped'
	| 'completed'
	| 'canceled';

/** How `partially_shipped` is spelled on the wire (docs/providers.md §2.4 conflict). */
export type PartiallyShippedSpelling = 'partially_shipped' | 'partially-shipped';

export interface OrderStatusInput {
	referenceId: string;
	status: Exclude<OrderStatus, 'pending'>;
	bodyText: string;
	footerText?: string;
	/** Shown to the customer; for `canceled` this is the cancellation reason. ≤ 120 chars. */
	description?: string;
	/** When given, a transition the rules forbid is refused before sending. */
	currentStatus?: OrderStatus;
	partiallyShippedSpelling?: PartiallyShippedSpelling;
}
