// The Exotel node run as n8n runs it, against a fresh fake Exotel per call (test/fakes/exotel.ts).
import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Exotel } from '../../../../nodes/Exotel/Exotel.node';
import { EXOTEL_CREDENTIALS, fakeExotel } from '../../../fakes/exotel';
import type { Answer, Judge } from '../../../fakes/exotel';
import { createExecuteContext } from '../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../helpers/executeContext';

export const node = new Exotel();

/** The fields of Exotel's own example 1 (docs/providers.md §3.4), from a catalog. */
export const SEED_FIELDS: IDataObject = {
	resource: 'paymentRequest',
	operation: 'send',
	from: '9199 1234 5678',
	to: '+91 90123-45678',
	orderInput: 'fields',
	referenceId: '57848',
	goodsType: 'digital-goods',
	paymentType: 'payment_gateway:razorpay',
	paymentConfiguration: 'Checking-paymentstest',
	bodyText: 'Click on the Pay Now button to complete the order',
	footerText: 'Thank You!',
	header: 'image',
	headerImageLink: 'https://example.com/bread.jpg',
	itemsFromCatalog: true,
	catalogId: 'catalog-1',
	items: { item: [{ retailerId: '1234567', name: 'Bread', amount: '14.00', saleAmount: '10.00', quantity: 1 }] },
	taxAmount: '1.00',
	taxDescription: 'GST Inclusive',
	expiration: 'none',
	additionalFields: {
		shippingAmount: '0',
		shippingDescription: 'Via Postal',
		discountAmount: '1',
		discountDescription: 'For Premium Customers',
		discountProgramName: 'optional_text',
	},
	options: {},
};

export const SEED_INTERACTIVE = {
	type: 'order_details',
	header: { type: 'image', image: { link: 'https://example.com/bread.jpg' } },
	body: { text: 'Click on the Pay Now button to complete the order' },
	footer: { text: 'Thank You!' },
	action: {
		name: 'review_and_pay',
		parameters: {
			reference_id: '57848',
			type: 'digital-goods',
			payment_type: 'payment_gateway:razorpay',
			payment_configuration: 'Checking-paymentstest',
			currency: 'INR',
			total_amount: { value: 1000, offset: 100 },
			order: {
				status: 'pending',
				catalog_id: 'catalog-1',
				items: [
					{
						retailer_id: '1234567',
						name: 'Bread',
						amount: { value: 1400, offset: 100 },
						sale_amount: { value: 1000, offset: 100 },
						quantity: 1,
					},
				],
				subtotal: { value: 1000, offset: 100 },
				tax: { value: 100, offset: 100, description: 'GST Inclusive' },
				shipping: { value: 0, offset: 100, description: 'Via Postal' },
				discount: {
					value: 100,
					offset: 100,
					description: 'For Premium Customers',
					discount_program_name: 'optional_text',
				},
			},
		},
	},
};

export interface FakeOptions {
	judge?: Judge;
	answer?: (requestNumber: number) => Answer | undefined;
	/** Replaces the fake: what httpRequestWithAuthentication does (e.g. throw a time-out). */
	http?: (credentialType: string, options: unknown) => Promise<unknown>;
}

/** Starts the node over `options` (merged over SEED_FIELDS) against a fresh fake Exotel. */
export function start(options: ExecuteContextOptions = {}, fake: FakeOptions = {}) {
	const exotel = fakeExotel(fake);
	const context = createExecuteContext({
		credentials: { exotelApi: EXOTEL_CREDENTIALS },
		...options,
		parameters: { ...SEED_FIELDS, ...options.parameters },
	});
	context.http.mockImplementation(fake.http ?? exotel.http);
	const execution = node.execute.call(context.ctx) as Promise<INodeExecutionData[][]>;
	return { ...context, execution, seen: exotel.seen };
}

/** Runs the node to its output items. */
export async function run(options: ExecuteContextOptions = {}, fake: FakeOptions = {}) {
	const { execution, http, seen } = start(options, fake);
	const [items] = await execution;
	return { items, http, seen };
}

/** n items, each with its own reference ID (ORD-0, ORD-1, ...). */
export function numbered(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ referenceId: `ORD-${i}` }));
}

export async function failure(promise: Promise<unknown>): Promise<NodeApiError & NodeOperationError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError & NodeOperationError;
	}
	throw new Error('expected the node to throw');
}
