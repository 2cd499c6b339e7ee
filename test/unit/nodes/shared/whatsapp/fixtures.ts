import { InputRuleError } from '../../../../../nodes/shared/errors';
import type { OrderDetailsInput } from '../../../../../nodes/shared/whatsapp';

/** Fixed clock for the expiration rule: 2024-05-21T07:18:20Z. */
export const NOW = new Date(1_716_275_900_000);
export const NOW_SECONDS = 1_716_275_900;

const amount = (value: number) => ({ value, offset: 100 });

/** Exotel seed example 1 (docs/providers.md §3.4, §5): the `interactive` object as the seed sends it. */
export function exotelSeedExample1(): any {
	return {
		type: 'order_details',
		header: {
			type: 'image',
			image: {
				link: 'https://upload.wikimedia.org/wikipedia/commons/thumb/3/3b/Home_made_sour_dough_bread.jpg/640px-Home_made_sour_dough_bread.jpg',
			},
		},
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
				total_amount: amount(1000),
				order: {
					status: 'pending',
					items: [
						{ retailer_id: '1234567', name: 'Bread', amount: amount(1400), sale_amount: amount(1000), quantity: 1 },
					],
					subtotal: amount(1000),
					tax: { ...amount(100), description: 'GST Inclusive' },
					shipping: { ...amount(0), description: 'Via Postal' },
					discount: { ...amount(100), description: 'For Premium Customers', discount_program_name: 'optional_text' },
				},
			},
		},
	};
}

/** Exotel seed example 3 (UPI): 1000 + 100 + 100 − 100 = 1100. */
export function exotelSeedExample3(): any {
	const example = exotelSeedExample1();
	const parameters = example.action.parameters;
	parameters.reference_id = '1033XXXX';
	parameters.payment_type = 'upi';
	parameters.payment_configuration = 'XXXXXXXX';
	parameters.total_amount = amount(1100);
	parameters.order.items[0].retailer_id = '12345678';
	parameters.order.items[0].amount = amount(1500);
	parameters.order.shipping.value = 100;
	return example;
}

const importerAddress = {
	address_line1: 'B8/733 nand nagri',
	address_line2: 'police station',
	city: 'East Delhi',
	zone_code: 'DL',
	postal_code: '110093',
	country_code: 'IN',
};

/**
 * 360dialog's non-catalog example (docs/providers.md §2.3, §2.9) as printed, except for the expiration timestamp,
 * a placeholder ("utc_timestamp_in_seconds") there, set here to one hour after NOW.
 */
export function dialogSeedNonCatalogExample(): any {
	const item = (retailerId: string) => ({
		retailer_id: retailerId,
		name: 'Product name, for example bread',
		amount: amount(10000),
		quantity: 1,
		sale_amount: amount(100),
		country_of_origin: 'country-of-origin',
		importer_name: 'name-of-importer-business',
		importer_address: { ...importerAddress },
	});
	return {
		type: 'order_details',
		header: { type: 'image', image: { id: 'your-media-id' } },
		body: { text: 'your-text-body-content' },
		footer: { text: 'your-text-footer-content' },
		action: {
			name: 'review_and_pay',
			parameters: {
				reference_id: 'reference-id-value',
				type: 'digital-goods',
				payment_settings: [
					{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'payment-config-id' } },
				],
				currency: 'INR',
				total_amount: amount(21000),
				order: {
					status: 'pending',
					expiration: { timestamp: String(NOW_SECONDS + 3600), description: 'cancellation-explanation' },
					items: [item('1234567'), item('14325')],
					subtotal: amount(20000),
					tax: { ...amount(1000), description: 'optional_text' },
					shipping: { ...amount(1000), description: 'optional_text' },
					discount: { ...amount(1000), description: 'optional_text', discount_program_name: 'optional_text' },
				},
			},
		},
	};
}

/** A correct non-catalog order: 2 × 250.00 + 1 × (sale 80.00 of 100.00) = 580.00; + 18.00 tax + 40.00 shipping − 38.00 = 600.00. */
export function validWireOrder(): any {
	const example = dialogSeedNonCatalogExample();
	const order = example.action.parameters.order;
	order.items[0].amount = amount(25000);
	delete order.items[0].sale_amount;
	order.items[0].quantity = 2;
	order.items[1].amount = amount(10000);
	order.items[1].sale_amount = amount(8000);
	order.subtotal = amount(58000);
	order.tax = { ...amount(1800), description: 'GST' };
	order.shipping = { ...amount(4000), description: 'Courier' };
	order.discount = { ...amount(3800), description: 'Festive offer', discount_program_name: 'Diwali' };
	example.action.parameters.total_amount = amount(60000);
	example.header = { type: 'image', image: { link: 'https://example.com/bread.jpg' } };
	return example;
}

/** Builder input for the same order as validWireOrder, with totals left for the builder to compute. */
export function validInput(): OrderDetailsInput {
	const importer = {
		addressLine1: 'B8/733 nand nagri',
		addressLine2: 'police station',
		city: 'East Delhi',
		zoneCode: 'DL',
		postalCode: '110093',
		countryCode: 'IN',
	};
	return {
		referenceId: 'ORD-2024.05_21',
		goodsType: 'digital-goods',
		bodyText: 'Your order is ready, tap to pay',
		footerText: 'Thank you',
		headerImageLink: 'https://example.com/bread.jpg',
		payment: { style: 'payment_type', paymentType: 'payment_gateway:razorpay', configurationName: 'main-config' },
		items: [
			{
				retailerId: 'SKU-1', name: 'Sourdough', amount: '250', quantity: 2,
				countryOfOrigin: 'India', importerName: 'Bread Co', importerAddress: { ...importer },
			},
			{
				retailerId: 'SKU-2', name: 'Baguette', amount: '100.00', saleAmount: 80, quantity: '1',
				countryOfOrigin: 'France', importerName: 'Bread Co', importerAddress: { ...importer },
			},
		],
		tax: { amount: '18', description: 'GST' },
		shipping: { amount: '40.00', description: 'Courier' },
		discount: { amount: '38', description: 'Festive offer', programName: 'Diwali' },
	};
}

/** Runs `run` and returns the InputRuleError it throws (fails the test when it throws nothing else). */
export function ruleError(run: () => unknown): InputRuleError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputRuleError) return error;
		throw error;
	}
	throw new Error('expected an InputRuleError, nothing was thrown');
}
