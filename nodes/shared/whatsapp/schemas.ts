import { z } from 'zod';
import { show } from './problems';

/*
 * The wire shape of WhatsApp payment messages (docs/providers.md §2.3, §2.4, §3.4, §5) and every rule
 * that concerns a single field. Rules across fields (sums, sale price, catalog, expiration) are in
 * orderRules.ts. Checks word their own messages as the rest of a sentence that starts with the
 * field's name (see ProblemList), so they use superRefine rather than zod's built-in checks.
 */

/** Characters as a person counts them (an emoji is one), not UTF-16 code units. */
function characterCount(text: string): number {
	return [...text].length;
}

/** Non-empty text of at most `max` characters. */
export function text(max?: number) {
	return z.string().superRefine((value, ctx) => {
		if (value.trim() === '') {
			ctx.addIssue({ code: 'custom', message: 'must not be empty' });
			return;
		}
		const length = characterCount(value);
		if (max !== undefined && length > max) {
			ctx.addIssue({ code: 'custom', message: `is ${length} characters long; at most ${max} are allowed` });
		}
	});
}

const REFERENCE_ID_MAX = 35;

/** Case-sensitive id of the order, unique per order_details message (docs/providers.md §2.3). */
export const referenceIdSchema = z.string().superRefine((value, ctx) => {
	if (value === '') {
		ctx.addIssue({ code: 'custom', message: 'must not be empty' });
		return;
	}
	const invalid = [...new Set(value.replace(/[A-Za-z0-9_.-]/g, ''))];
	if (invalid.length > 0) {
		const found = invalid.map((char) => (char === ' ' ? 'a space' : `"${char}"`)).join(', ');
		ctx.addIssue({
			code: 'custom',
			message: `${show(value)} may only contain English letters, digits, "_", "-" and "." (found ${found})`,
		});
	}
	if (value.length > REFERENCE_ID_MAX) {
		ctx.addIssue({
			code: 'custom',
			message: `${show(value)} is ${value.length} characters long; at most ${REFERENCE_ID_MAX} are allowed`,
		});
	}
});

/** `{value, offset}` in paise: integer value, offset 100. Item prices and the total must be above 0. */
function amount(options: { positive: boolean }) {
	return z.object({
		value: z.number().superRefine((value, ctx) => {
			if (!Number.isSafeInteger(value)) {
				ctx.addIssue({ code: 'custom', message: `must be a whole number of paise (₹12.34 is 1234), got ${value}` });
			} else if (options.positive ? value <= 0 : value < 0) {
				const bound = options.positive ? 'more than 0' : 'at least 0';
				ctx.addIssue({ code: 'custom', message: `must be ${bound}, got ${value}` });
			}
		}),
		offset: z.number().superRefine((value, ctx) => {
			if (value !== 100) ctx.addIssue({ code: 'custom', message: `must be 100 (amounts are in paise), got ${value}` });
		}),
	});
}

export const positiveAmountSchema = amount({ positive: true });
export const nonNegativeAmountSchema = amount({ positive: false });

const chargeSchema = nonNegativeAmountSchema.extend({ description: text(60).optional() });
const discountSchema = chargeSchema.extend({ discount_program_name: text(60).optional() });

const sixDigitPostalCode = z.string().superRefine((value, ctx) => {
	if (!/^\d{6}$/.test(value)) ctx.addIssue({ code: 'custom', message: `must be 6 digits, got ${show(value)}` });
});

const importerAddressSchema = z.object({
	address_line1: text(100),
	address_line2: text(100).optional(),
	city: text(),
	zone_code: text(),
	postal_code: sixDigitPostalCode,
	country_code: z.string().superRefine((value, ctx) => {
		if (!/^[A-Z]{2}$/.test(value)) {
			ctx.addIssue({ code: 'custom', message: `must be a two-letter country code such as "IN", got ${show(value)}` });
		}
	}),
});

const quantitySchema = z.number().superRefine((value, ctx) => {
	if (!Number.isSafeInteger(value) || value < 1) {
		ctx.addIssue({ code: 'custom', message: `must be a whole number of at least 1, got ${value}` });
	}
});

export const orderItemSchema = z.object({
	retailer_id: text(),
	name: text(60),
	amount: positiveAmountSchema,
	sale_amount: positiveAmountSchema.optional(),
	quantity: quantitySchema,
	country_of_origin: text().optional(),
	importer_name: text().optional(),
	importer_address: importerAddressSchema.optional(),
});

/** Text that `text(max)` accepts, checked without zod (a string of at most `max` characters is shorter in code points). */
function isText(value: unknown, max?: number): boolean {
	if (typeof value !== 'string' || value.trim() === '') return false;
	return max === undefined || value.length <= max || characterCount(value) <= max;
}

function isAmount(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const amount = value as { value?: unknown; offset?: unknown };
	return typeof amount.value === 'number' && Number.isSafeInteger(amount.value) && amount.value > 0 && amount.offset === 100;
}

function isImporterAddress(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const address = value as Record<string, unknown>;
	return (
		isText(address.address_line1, 100) &&
		(address.address_line2 === undefined || isText(address.address_line2, 100)) &&
		isText(address.city) &&
		isText(address.zone_code) &&
		typeof address.postal_code === 'string' &&
		/^\d{6}$/.test(address.postal_code) &&
		typeof address.country_code === 'string' &&
		/^[A-Z]{2}$/.test(address.country_code)
	);
}

/**
 * Whether orderItemSchema accepts `item`, decided without zod: true only for lines it accepts
 * (test/unit/properties keeps the two in step). A line this refuses goes through zod, which
 * words what is wrong; so this may be stricter than zod, never looser.
 */
export function isWellFormedOrderItem(item: unknown): item is OrderItemWire {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
	const line = item as Record<string, unknown>;
	return (
		isText(line.retailer_id) &&
		isText(line.name, 60) &&
		isAmount(line.amount) &&
		(line.sale_amount === undefined || isAmount(line.sale_amount)) &&
		typeof line.quantity === 'number' &&
		Number.isSafeInteger(line.quantity) &&
		line.quantity >= 1 &&
		(line.country_of_origin === undefined || isText(line.country_of_origin)) &&
		(line.importer_name === undefined || isText(line.importer_name)) &&
		(line.importer_address === undefined || isImporterAddress(line.importer_address))
	);
}

export const beneficiarySchema = z.object({
	name: text(200),
	address_line1: text(100),
	address_line2: text(100).optional(),
	city: text(),
	state: text(),
	country: z.literal('India'),
	postal_code: sixDigitPostalCode,
});

export const PAYMENT_GATEWAYS = ['razorpay', 'payu', 'billdesk', 'zaakpay'] as const;

const paymentSettingSchema = z.object({
	type: z.literal('payment_gateway'),
	payment_gateway: z.object({
		type: z.enum(PAYMENT_GATEWAYS),
		configuration_name: text(60),
		razorpay: z
			.object({ receipt: text().optional(), notes: z.record(z.string()).optional() })
			.optional(),
	}),
});

/** Epoch seconds as a string of digits, as the API wants it (a number or milliseconds is a mistake). */
const epochSecondsText = z.unknown().superRefine((value, ctx) => {
	if (value === undefined) {
		ctx.addIssue({ code: 'custom', message: 'is required' });
	} else if (typeof value === 'number') {
		ctx.addIssue({ code: 'custom', message: `must be epoch seconds written as text ("${value}"), not a number` });
	} else if (typeof value !== 'string' || !/^\d+$/.test(value)) {
		ctx.addIssue({ code: 'custom', message: `must be epoch seconds written as digits, got ${show(value)}` });
	} else if (value.length >= 12) {
		ctx.addIssue({ code: 'custom', message: `${value} looks like milliseconds; give epoch seconds` });
	}
});

const nonEmptyList = <T extends z.ZodTypeAny>(element: T, what: string) =>
	z.array(element).superRefine((list, ctx) => {
		if (list.length === 0) ctx.addIssue({ code: 'custom', message: `must list at least one ${what}` });
	});

const headerSchema = z.object({
	type: z.literal('image'),
	image: z
		.object({
			link: z
				.string()
				.superRefine((value, ctx) => {
					if (!/^https?:\/\/\S+$/.test(value)) {
						ctx.addIssue({ code: 'custom', message: `must be an http(s) URL, got ${show(value)}` });
					}
				})
				.optional(),
			id: text().optional(),
		})
		.superRefine((image, ctx) => {
			if (image.link === undefined && image.id === undefined) {
				ctx.addIssue({ code: 'custom', message: 'needs a link (or a media id)' });
			}
		}),
});

/** The order_details message, its order lines checked by `itemSchema`. */
function orderDetailsWith<T extends z.ZodTypeAny>(itemSchema: T) {
	return z.object({
		type: z.literal('order_details'),
		header: headerSchema.optional(),
		body: z.object({ text: text(1024) }),
		footer: z.object({ text: text(60) }).optional(),
		action: z.object({
			name: z.literal('review_and_pay'),
			parameters: z.object({
				reference_id: referenceIdSchema,
				type: z.enum(['digital-goods', 'physical-goods']),
				payment_type: text().optional(),
				payment_configuration: text(60).optional(),
				payment_settings: nonEmptyList(paymentSettingSchema, 'payment setting').optional(),
				currency: z.literal('INR'),
				total_amount: positiveAmountSchema,
				beneficiaries: z.array(beneficiarySchema).optional(),
				order: z.object({
					status: z.literal('pending'),
					catalog_id: text().optional(),
					expiration: z.object({ timestamp: epochSecondsText, description: text(120) }).optional(),
					items: nonEmptyList(itemSchema, 'item'),
					subtotal: nonNegativeAmountSchema,
					tax: chargeSchema,
					shipping: chargeSchema.optional(),
					discount: discountSchema.optional(),
				}),
			}),
		}),
	});
}

export const orderDetailsSchema = orderDetailsWith(orderItemSchema);

/**
 * The same message with its order lines taken as they are: only for lines that isWellFormedOrderItem
 * has passed, which zod would pass too (checking 1,000 lines with zod costs several milliseconds).
 */
export const orderDetailsSchemaForCheckedItems = orderDetailsWith(z.custom<OrderItemWire>(() => true));

export type OrderDetailsWire = z.infer<typeof orderDetailsSchema>;
export type OrderItemWire = z.infer<typeof orderItemSchema>;

/** Both spellings of partially shipped are accepted (docs/providers.md §2.4 conflict). */
export const ORDER_STATUS_WIRE_VALUES = [
	'processing',
	'partially_shipped',
	'partially-shipped',
	'shipped',
	'completed',
	'canceled',
] as const;

export const orderStatusSchema = z.object({
	type: z.literal('order_status'),
	body: z.object({ text: text(1024) }),
	footer: z.object({ text: text(60) }).optional(),
	action: z.object({
		name: z.literal('review_order'),
		parameters: z.object({
			reference_id: referenceIdSchema,
			order: z.object({
				status: z.enum(ORDER_STATUS_WIRE_VALUES),
				description: text(120).optional(),
			}),
		}),
	}),
});

export type OrderStatusWire = z.infer<typeof orderStatusSchema>;
