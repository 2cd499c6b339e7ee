// Valid Exotel WhatsApp payment messages (Exotel's example 1 of docs/providers.md §3.4, made rule-complete), for mutation.

export const FROM = '+919999900000';
export const TO = '+919888800000';

export function orderDetails(referenceId = 'ORD-1'): any {
	return {
		type: 'order_details',
		body: { text: 'Click on the Pay Now button to complete the order' },
		footer: { text: 'Thank You!' },
		action: {
			name: 'review_and_pay',
			parameters: {
				reference_id: referenceId,
				type: 'digital-goods',
				payment_type: 'payment_gateway:razorpay',
				payment_configuration: 'emulator-config',
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
					discount: { value: 100, offset: 100, description: 'For Premium Customers', discount_program_name: 'optional_text' },
				},
			},
		},
	};
}

export function orderStatus(referenceId: string, status: string): any {
	return {
		type: 'order_status',
		body: { text: 'Your order moved on' },
		action: { name: 'review_order', parameters: { reference_id: referenceId, order: { status, description: 'optional-text' } } },
	};
}

export function message(interactive: any, extra: Record<string, unknown> = {}): any {
	return { from: FROM, to: TO, content: { type: 'interactive', interactive }, ...extra };
}

export function textMessage(i: number): any {
	return { from: FROM, to: TO, content: { type: 'text', text: { body: `hello ${i}` } } };
}

export const importer = {
	country_of_origin: 'India',
	importer_name: 'Bakery Imports Pvt Ltd',
	importer_address: { address_line1: '1 Mill Road', city: 'Pune', zone_code: 'MH', postal_code: '411001', country_code: 'IN' },
};

export const beneficiary = {
	name: 'Asha Rao',
	address_line1: '12 Park Street',
	city: 'Bengaluru',
	state: 'Karnataka',
	country: 'India',
	postal_code: '560001',
};
