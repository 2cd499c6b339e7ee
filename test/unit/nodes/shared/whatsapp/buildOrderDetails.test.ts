import { buildOrderDetails } from '../../../../../nodes/shared/whatsapp';
import type { OrderDetailsInput } from '../../../../../nodes/shared/whatsapp';
import { NOW, NOW_SECONDS, exotelSeedExample1, exotelSeedExample3, ruleError, validInput, validWireOrder } from './fixtures';

const build = (input: OrderDetailsInput) => buildOrderDetails(input, { now: NOW }) as any;
const orderOf = (wire: any) => wire.action.parameters.order;

function withInput(change: (input: OrderDetailsInput) => void): OrderDetailsInput {
	const input = validInput();
	change(input);
	return input;
}

/** One item, no charges, on a catalog: the smallest order. */
function catalogInput(items: OrderDetailsInput['items']): OrderDetailsInput {
	return {
		referenceId: 'R1',
		goodsType: 'digital-goods',
		bodyText: 'Pay here',
		payment: { style: 'payment_type', paymentType: 'upi', configurationName: 'cfg' },
		catalogId: 'cat-1',
		items,
	};
}

describe('buildOrderDetails: the wire shape', () => {
	it('builds the whole interactive object, computing subtotal and total', () => {
		const expected = validWireOrder();
		const params = expected.action.parameters;
		delete params.payment_settings;
		delete params.order.expiration;
		params.reference_id = 'ORD-2024.05_21';
		params.payment_type = 'payment_gateway:razorpay';
		params.payment_configuration = 'main-config';
		expected.body.text = 'Your order is ready, tap to pay';
		expected.footer.text = 'Thank you';
		const [first, second] = params.order.items;
		Object.assign(first, { retailer_id: 'SKU-1', name: 'Sourdough', country_of_origin: 'India', importer_name: 'Bread Co' });
		Object.assign(second, { retailer_id: 'SKU-2', name: 'Baguette', country_of_origin: 'France', importer_name: 'Bread Co' });
		expect(build(validInput())).toEqual(expected);
	});

	it('puts the keys in the documented order', () => {
		const wire = build(validInput());
		expect(Object.keys(wire)).toEqual(['type', 'header', 'body', 'footer', 'action']);
		expect(Object.keys(wire.action.parameters)).toEqual([
			'reference_id', 'type', 'payment_type', 'payment_configuration', 'currency', 'total_amount', 'order',
		]);
		expect(Object.keys(orderOf(wire))).toEqual(['status', 'items', 'subtotal', 'tax', 'shipping', 'discount']);
		expect(Object.keys(orderOf(wire).items[1])).toEqual([
			'retailer_id', 'name', 'amount', 'sale_amount', 'quantity', 'country_of_origin', 'importer_name', 'importer_address',
		]);
	});

	it('rebuilds Exotel seed example 1 from builder input (on a catalog)', () => {
		const input: OrderDetailsInput = {
			referenceId: '57848',
			goodsType: 'digital-goods',
			headerImageLink: exotelSeedExample1().header.image.link,
			bodyText: 'Click on the Pay Now button to complete the order',
			footerText: 'Thank You!',
			payment: { style: 'payment_type', paymentType: 'payment_gateway:razorpay', configurationName: 'Checking-paymentstest' },
			catalogId: 'catalog-1',
			items: [{ retailerId: '1234567', name: 'Bread', amount: '14', saleAmount: '10', quantity: 1 }],
			tax: { amount: '1', description: 'GST Inclusive' },
			shipping: { amount: '0', description: 'Via Postal' },
			discount: { amount: '1', description: 'For Premium Customers', programName: 'optional_text' },
		};
		const expected = exotelSeedExample1();
		expected.action.parameters.order = { status: 'pending', catalog_id: 'catalog-1', ...expected.action.parameters.order };
		expect(build(input)).toEqual(expected);
	});

	it('computes Exotel seed example 3: 1000 + 100 + 100 − 100 = 1100', () => {
		const wire = build({
			...catalogInput([{ retailerId: '12345678', name: 'Bread', amount: 15, saleAmount: 10, quantity: 1 }]),
			tax: { amount: 1 },
			shipping: { amount: 1 },
			discount: { amount: 1 },
		});
		expect(orderOf(wire).subtotal).toEqual(exotelSeedExample3().action.parameters.order.subtotal);
		expect(wire.action.parameters.total_amount).toEqual({ value: 1100, offset: 100 });
	});

	it('builds the Cloud API payment_settings, with razorpay options only for razorpay', () => {
		const razorpay = build(withInput((input) => {
			input.payment = { style: 'payment_settings', gateway: 'razorpay', configurationName: 'cfg', razorpay: { receipt: 'rcpt-1', notes: { order: '7' } } };
		}));
		expect(razorpay.action.parameters.payment_type).toBeUndefined();
		expect(razorpay.action.parameters.payment_settings).toEqual([
			{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'cfg', razorpay: { receipt: 'rcpt-1', notes: { order: '7' } } } },
		]);
		const payu = build(withInput((input) => {
			input.payment = { style: 'payment_settings', gateway: 'payu', configurationName: 'cfg', razorpay: { receipt: 'ignored' } };
		}));
		expect(payu.action.parameters.payment_settings[0].payment_gateway).toEqual({ type: 'payu', configuration_name: 'cfg' });
	});

	it('leaves blank optional fields off the wire', () => {
		const wire = build(withInput((input) => {
			input.footerText = '';
			input.headerImageLink = '  ';
			input.catalogId = '';
			input.items[1].saleAmount = '';
			input.items[1].importerAddress!.addressLine2 = '';
			input.shipping = { amount: '' };
			input.discount = undefined;
			input.subtotal = '';
			input.total = '';
		}));
		expect(wire.footer).toBeUndefined();
		expect(wire.header).toBeUndefined();
		expect(orderOf(wire).catalog_id).toBeUndefined();
		expect(orderOf(wire).items[1].sale_amount).toBeUndefined();
		expect(orderOf(wire).items[1].importer_address.address_line2).toBeUndefined();
		expect(orderOf(wire).shipping).toBeUndefined();
		expect(orderOf(wire).discount).toBeUndefined();
		expect(orderOf(wire).subtotal.value).toBe(60000);
		expect(wire.action.parameters.total_amount.value).toBe(61800);
	});

	it('keeps a charge that has a description but no amount, at 0', () => {
		const wire = build(withInput((input) => {
			input.shipping = { amount: '', description: 'Free delivery' };
			input.total = '560.00';
		}));
		expect(orderOf(wire).shipping).toEqual({ value: 0, offset: 100, description: 'Free delivery' });
	});

	it('sends tax 0 when tax is left out (order_details requires a tax object)', () => {
		const wire = build(catalogInput([{ retailerId: 'A', name: 'A', amount: '5', quantity: 2 }]));
		expect(orderOf(wire).tax).toEqual({ value: 0, offset: 100 });
		expect(orderOf(wire).subtotal).toEqual({ value: 1000, offset: 100 });
		expect(wire.action.parameters.total_amount).toEqual({ value: 1000, offset: 100 });
	});

	it('turns quantities and ids typed as text or numbers into what the wire wants', () => {
		const wire = build(catalogInput([{ retailerId: 1234567 as unknown as string, name: 'A', amount: '5', quantity: ' 3 ' }]));
		expect(orderOf(wire).items[0]).toMatchObject({ retailer_id: '1234567', quantity: 3 });
	});

	it('sends the expiration timestamp as a string of epoch seconds', () => {
		const wire = build(withInput((input) => {
			input.expiration = { timestamp: NOW_SECONDS + 900, description: 'Pay within 15 minutes' };
		}));
		expect(orderOf(wire).expiration).toEqual({ timestamp: String(NOW_SECONDS + 900), description: 'Pay within 15 minutes' });
	});

	it('maps beneficiaries of shipped physical goods', () => {
		const wire = build(withInput((input) => {
			input.goodsType = 'physical-goods';
			input.shipped = true;
			input.beneficiaries = [{
				name: 'Asha Rao', addressLine1: '12 MG Road', addressLine2: '', city: 'Bengaluru',
				state: 'Karnataka', country: 'India', postalCode: 560001 as unknown as string,
			}];
		}));
		expect(wire.action.parameters.beneficiaries).toEqual([
			{ name: 'Asha Rao', address_line1: '12 MG Road', city: 'Bengaluru', state: 'Karnataka', country: 'India', postal_code: '560001' },
		]);
	});
});

describe('buildOrderDetails: amounts', () => {
	it('sums decimals exactly (0.1 + 0.2 is 0.30)', () => {
		const wire = build({
			...catalogInput([
				{ retailerId: 'A', name: 'A', amount: '0.1', quantity: 1 },
				{ retailerId: 'B', name: 'B', amount: 0.2, quantity: 1 },
			]),
			total: '0.3',
		});
		expect(orderOf(wire).subtotal).toEqual({ value: 30, offset: 100 });
		expect(wire.action.parameters.total_amount).toEqual({ value: 30, offset: 100 });
	});

	it('accepts a subtotal and total that match the items', () => {
		expect(() => build(withInput((input) => { input.subtotal = '580'; input.total = 600; }))).not.toThrow();
	});

	it('refuses a given subtotal that does not match, showing both values', () => {
		const error = ruleError(() => build(withInput((input) => (input.subtotal = '590.00'))));
		expect(error.message).toBe('subtotal 590.00 does not match the items: Σ (sale_amount or amount) × quantity = 580.00');
		expect(error.field).toBe('subtotal');
	});

	it('refuses a given total that does not match, showing both values', () => {
		const error = ruleError(() => build(withInput((input) => (input.total = '599.99'))));
		expect(error.message).toBe(
			'total_amount 599.99 does not match subtotal + tax + shipping − discount = 580.00 + 18.00 + 40.00 − 38.00 = 600.00',
		);
		expect(error.field).toBe('total_amount');
	});

	it('refuses more decimals than INR allows, naming the item', () => {
		const error = ruleError(() => build(withInput((input) => (input.items[1].amount = '12.345'))));
		expect(error.message).toBe(
			'order line items[1] (retailer_id "SKU-2"): amount "12.345" has more decimals than INR allows (at most 2 decimals); it is not rounded, enter it with at most 2 decimals',
		);
		expect(error.field).toBe('items[1].amount');
	});

	it('reports every unreadable amount at once', () => {
		const error = ruleError(() => build(withInput((input) => {
			input.items[0].amount = '1,250.00';
			input.items[1].saleAmount = 'eighty';
			input.tax = { amount: '1e2' };
			input.total = '-5';
		})));
		expect(error.message.split('; ')).toEqual([
			expect.stringContaining('order line items[0] (retailer_id "SKU-1"): amount must be a plain decimal such as 12.34'),
			expect.stringContaining('order line items[1] (retailer_id "SKU-2"): sale_amount must be a plain decimal such as 12.34 (digits and one dot only: no thousands separators, exponent or currency symbol), got "eighty"'),
			expect.stringContaining('tax must be a plain decimal such as 12.34 (digits and one dot only: no thousands separators, exponent or currency symbol), got "1e2"'),
			'total_amount must not be negative, got "-5"',
		]);
		expect(error.field).toBe('items[0].amount');
	});

	it('says which item has a sale price above its price', () => {
		const error = ruleError(() => build({
			...catalogInput([
				{ retailerId: 'SKU-1', name: 'A', amount: '5', quantity: 1 },
				{ retailerId: 'SKU-2', name: 'B', amount: '5', quantity: 1 },
				{ retailerId: 'SKU-9', name: 'C', amount: '12', saleAmount: '15', quantity: 1 },
			]),
		}));
		expect(error.message).toBe('order line items[2] (retailer_id "SKU-9"): sale_amount 15.00 must be lower than amount 12.00');
		expect(error.field).toBe('items[2].sale_amount');
	});

	it('refuses zero prices and quantities through the same rules as the wire', () => {
		expect(ruleError(() => build(catalogInput([{ retailerId: 'A', name: 'A', amount: '0', quantity: 1 }]))).message).toBe(
			'order line items[0] (retailer_id "A"): amount.value must be more than 0, got 0',
		);
		for (const [quantity, message] of [
			['2.5', 'quantity must be a whole number of at least 1, got 2.5'],
			['two', 'quantity must be a number, got "two"'],
			['', 'quantity is required'],
			[0, 'quantity must be a whole number of at least 1, got 0'],
		] as const) {
			const error = ruleError(() => build(catalogInput([{ retailerId: 'A', name: 'A', amount: '5', quantity }])));
			expect(error.message).toBe(`order line items[0] (retailer_id "A"): ${message}`);
		}
	});

	it('requires an item price', () => {
		expect(() => build(catalogInput([{ retailerId: 'A', name: 'A', amount: '', quantity: 1 }]))).toThrow(
			'order line items[0] (retailer_id "A"): amount is required',
		);
	});
});

describe('buildOrderDetails: the other rules run on what it builds', () => {
	it('requires the importer fields without a catalog', () => {
		const error = ruleError(() => build(withInput((input) => delete input.items[0].importerAddress)));
		expect(error.message).toBe('order line items[0] (retailer_id "SKU-1"): importer_address is required when the order has no catalog_id');
	});

	it('requires beneficiaries only for shipped physical goods', () => {
		const physical = (shipped: boolean) => withInput((input) => { input.goodsType = 'physical-goods'; input.shipped = shipped; });
		expect(() => build(physical(true))).toThrow('beneficiaries are required for physical goods that are shipped');
		expect(() => build(physical(false))).not.toThrow();
	});

	it('refuses an expiration less than 300 s after the injected now', () => {
		const soon = withInput((input) => (input.expiration = { timestamp: NOW_SECONDS + 120, description: 'soon' }));
		expect(() => build(soon)).toThrow('is only 120 s ahead; it must be at least 300 s after now');
		expect(() => buildOrderDetails(soon, { now: new Date((NOW_SECONDS - 1000) * 1000) })).not.toThrow();
	});

	it('checks reference_id, texts and payment configuration', () => {
		expect(() => build(withInput((input) => (input.referenceId = 'order #1')))).toThrow('(found a space, "#")');
		expect(() => build(withInput((input) => (input.bodyText = '')))).toThrow('body.text must not be empty');
		expect(() => build(withInput((input) => (input.footerText = 'f'.repeat(61))))).toThrow('footer.text is 61 characters long');
		expect(() => build(withInput((input) => (input.items[0].name = 'n'.repeat(61))))).toThrow(
			'order line items[0] (retailer_id "SKU-1"): name is 61 characters long; at most 60 are allowed',
		);
		expect(() => build(withInput((input) => {
			input.payment = { style: 'payment_type', paymentType: 'upi', configurationName: 'c'.repeat(61) };
		}))).toThrow('payment_configuration is 61 characters long; at most 60 are allowed');
		expect(() => build(withInput((input) => {
			input.payment = { style: 'payment_type', paymentType: '', configurationName: 'cfg' };
		}))).toThrow('payment_type must not be empty');
	});

	it('refuses an order without items', () => {
		expect(() => build(catalogInput([]))).toThrow('items must list at least one item');
	});
});

describe('buildOrderDetails: items too large to add up', () => {
	it('says so instead of sending a wrong sum', () => {
		const error = ruleError(() => build(catalogInput([{ retailerId: 'A', name: 'A', amount: '90071992547409.91', quantity: 2 }])));
		expect(error.message).toBe('items add up to more than can be sent as an amount');
	});
});

describe('buildOrderDetails: a discount larger than the order', () => {
	it('leaves no positive total to send', () => {
		const error = ruleError(() => build({
			...catalogInput([{ retailerId: 'A', name: 'A', amount: '5', quantity: 1 }]),
			discount: { amount: '7' },
		}));
		expect(error.message).toBe('total_amount.value must be more than 0, got -200');
	});
});
