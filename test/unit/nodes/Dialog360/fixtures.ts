import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { Dialog360 } from '../../../../nodes/Dialog360/Dialog360.node';
import { acceptAll, fakeDialog360, TEST_CREDENTIALS } from '../../../fakes/dialog360';
import type { Call, Responder } from '../../../fakes/dialog360';
import { createExecuteContext } from '../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../helpers/executeContext';

/**
 * 360dialog's non-catalog example (docs/providers.md §2.3, §2.9) in node fields, with sums that follow the rules:
 * two items at ₹100.00 (no sale price, which the seed gets wrong), tax, shipping and discount
 * ₹10.00 each, total ₹210.00 as in the seed.
 */
export const IMPORTER = {
	countryOfOrigin: 'India',
	importerName: 'name-of-importer-business',
	importerAddressLine1: 'B8/733 nand nagri',
	importerAddressLine2: 'police station',
	importerCity: 'East Delhi',
	importerZoneCode: 'DL',
	importerPostalCode: '110093',
	importerCountryCode: 'IN',
};

export const SEND_FIELDS: IDataObject = {
	resource: 'paymentRequest',
	operation: 'send',
	to: '+91 98765 43210',
	orderInput: 'fields',
	referenceId: 'reference-id-value',
	goodsType: 'digital-goods',
	paymentGateway: 'razorpay',
	paymentConfiguration: 'payment-config-id',
	options: { razorpayReceipt: 'receipt-value', razorpayNotes: { note: [{ key: 'key1', value: 'value1' }] } },
	bodyText: 'your-text-body-content',
	footerText: 'your-text-footer-content',
	header: 'image',
	headerImageLink: 'https://example.com/bread.jpg',
	itemsFromCatalog: false,
	items: {
		item: [
			{ retailerId: '1234567', name: 'Product name, for example bread', amount: '100.00', quantity: 1, ...IMPORTER },
			{ retailerId: '14325', name: 'Product name, for example bread', amount: '100.00', quantity: 1, ...IMPORTER },
		],
	},
	taxAmount: '10.00',
	taxDescription: 'optional_text',
	expiration: 'none',
	additionalFields: {
		shippingAmount: '10.00',
		shippingDescription: 'optional_text',
		discountAmount: '10.00',
		discountDescription: 'optional_text',
		discountProgramName: 'optional_text',
	},
};

const IMPORTER_WIRE = {
	country_of_origin: 'India',
	importer_name: 'name-of-importer-business',
	importer_address: {
		address_line1: 'B8/733 nand nagri',
		address_line2: 'police station',
		city: 'East Delhi',
		zone_code: 'DL',
		postal_code: '110093',
		country_code: 'IN',
	},
};

/** What SEND_FIELDS must become on the wire: the Cloud API message of docs/providers.md §2.3. */
export const SEND_MESSAGE = {
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to: '919876543210',
	type: 'interactive',
	interactive: {
		type: 'order_details',
		header: { type: 'image', image: { link: 'https://example.com/bread.jpg' } },
		body: { text: 'your-text-body-content' },
		footer: { text: 'your-text-footer-content' },
		action: {
			name: 'review_and_pay',
			parameters: {
				reference_id: 'reference-id-value',
				type: 'digital-goods',
				payment_settings: [
					{
						type: 'payment_gateway',
						payment_gateway: {
							type: 'razorpay',
							configuration_name: 'payment-config-id',
							razorpay: { receipt: 'receipt-value', notes: { key1: 'value1' } },
						},
					},
				],
				currency: 'INR',
				total_amount: { value: 21000, offset: 100 },
				order: {
					status: 'pending',
					items: [
						{ retailer_id: '1234567', name: 'Product name, for example bread', amount: { value: 10000, offset: 100 }, quantity: 1, ...IMPORTER_WIRE },
						{ retailer_id: '14325', name: 'Product name, for example bread', amount: { value: 10000, offset: 100 }, quantity: 1, ...IMPORTER_WIRE },
					],
					subtotal: { value: 20000, offset: 100 },
					tax: { value: 1000, offset: 100, description: 'optional_text' },
					shipping: { value: 1000, offset: 100, description: 'optional_text' },
					discount: { value: 1000, offset: 100, description: 'optional_text', discount_program_name: 'optional_text' },
				},
			},
		},
	},
};

export const node = new Dialog360();

export interface RunResult {
	items: INodeExecutionData[];
	calls: Call[];
	http: jest.Mock;
}

/** Runs the node with `parameters` over `base` (SEND_FIELDS) against a fresh fake 360dialog. */
export function start(options: ExecuteContextOptions & { respond?: Responder; base?: IDataObject } = {}) {
	const { http, calls } = fakeDialog360(options.respond ?? acceptAll);
	const context = createExecuteContext({
		credentials: { dialog360Api: TEST_CREDENTIALS },
		...options,
		parameters: { ...(options.base ?? SEND_FIELDS), ...options.parameters },
		http,
	});
	const execution = node.execute.call(context.ctx) as Promise<INodeExecutionData[][]>;
	return { execution, calls, http };
}

export async function run(options: Parameters<typeof start>[0] = {}): Promise<RunResult> {
	const { execution, calls, http } = start(options);
	const [items] = await execution;
	return { items, calls, http };
}

export async function failure<T = Error & { description?: string; httpCode?: string; errorResponse?: IDataObject; context?: IDataObject }>(
	promise: Promise<unknown>,
): Promise<T> {
	try {
		await promise;
	} catch (error) {
		return error as T;
	}
	throw new Error('expected a failure');
}
