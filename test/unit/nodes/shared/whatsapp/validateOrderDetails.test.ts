import { InputRuleError } from '../../../../../nodes/shared/errors';
import { validateOrderDetails } from '../../../../../nodes/shared/whatsapp';
import {
	NOW,
	NOW_SECONDS,
	dialogSeedNonCatalogExample,
	exotelSeedExample1,
	exotelSeedExample3,
	ruleError,
	validWireOrder,
} from './fixtures';

type Mutation = (order: any) => void;

const params = (o: any) => o.action.parameters;
const orderOf = (o: any) => o.action.parameters.order;
const item = (o: any, i: number) => o.action.parameters.order.items[i];

function validate(order: unknown, shipped = false) {
	return validateOrderDetails(order, { now: NOW, shipped });
}

function mutated(mutate: Mutation): any {
	const order = validWireOrder();
	mutate(order);
	return order;
}

function expectValid(mutate: Mutation, shipped = false): void {
	expect(() => validate(mutated(mutate), shipped)).not.toThrow();
}

function expectProblem(mutate: Mutation, message: string, field?: string, shipped = false): void {
	const error = ruleError(() => validate(mutated(mutate), shipped));
	expect(error.message).toContain(message);
	if (field !== undefined) expect(error.field).toBe(field);
}

describe('validateOrderDetails: seed examples (docs/providers.md §5)', () => {
	it('accepts a complete, consistent order', () => {
		const order = validWireOrder();
		expect(validate(order)).toBe(order);
	});

	it('Exotel example 1: 1400 on sale for 1000 × 1 makes subtotal 1000; 1000 + 100 + 0 − 100 = 1000', () => {
		const example = exotelSeedExample1();
		// The seed omits catalog_id without giving the importer fields it then requires (see below).
		params(example).order.catalog_id = 'catalog-1';
		expect(() => validate(example)).not.toThrow();
	});

	it('Exotel example 3: 1000 + 100 + 100 − 100 = 1100', () => {
		const example = exotelSeedExample3();
		params(example).order.catalog_id = 'catalog-1';
		expect(() => validate(example)).not.toThrow();
	});

	it('as printed, the Exotel examples break only the catalog rule, never an amount rule', () => {
		for (const example of [exotelSeedExample1(), exotelSeedExample3()]) {
			const error = ruleError(() => validate(example));
			const problems = error.message.split('; ');
			expect(problems).toHaveLength(3);
			for (const problem of problems) expect(problem).toMatch(/is required when the order has no catalog_id$/);
		}
	});

	it('the 360dialog example fails on the sale-price rule: the items add up to 2.00, not 200.00', () => {
		const error = ruleError(() => validate(dialogSeedNonCatalogExample()));
		expect(error.message).toBe(
			'subtotal 200.00 does not match the items: Σ (sale_amount or amount) × quantity = 2.00',
		);
		expect(error.field).toBe('subtotal');
	});

	it('accepts the order as JSON text and keeps fields it does not know', () => {
		const order = validWireOrder();
		order.header.image.provider = { name: 'cdn' };
		const result = validateOrderDetails(JSON.stringify(order), { now: NOW });
		expect(result).toEqual(order);
		expect(() => validateOrderDetails('{"type":', { now: NOW })).toThrow('the order_details JSON cannot be read');
	});

	it('refuses what is not an order at all', () => {
		expect(() => validate(null)).toThrow('interactive must be an object, got null');
		expect(() => validate({})).toThrow('interactive.type is required; body is required; action is required');
	});
});

describe('validateOrderDetails: message and fixed values', () => {
	it.each<[string, Mutation, string, string]>([
		['interactive type', (o) => (o.type = 'order_status'), 'interactive.type must be "order_details", got "order_status"', 'interactive.type'],
		['action name', (o) => (o.action.name = 'review_order'), 'action.name must be "review_and_pay", got "review_order"', 'action.name'],
		['currency INR only', (o) => (params(o).currency = 'USD'), 'currency must be "INR", got "USD"', 'currency'],
		['missing currency', (o) => delete params(o).currency, 'currency is required', 'currency'],
		['order.status pending', (o) => (orderOf(o).status = 'shipped'), 'status must be "pending", got "shipped"', 'status'],
		['goods type', (o) => (params(o).type = 'services'), 'type must be one of "digital-goods", "physical-goods"; got "services"', 'type'],
		['header type', (o) => (o.header.type = 'video'), 'header.type must be "image", got "video"', 'header.type'],
		['header link', (o) => (o.header.image.link = 'ftp://x'), 'header.image.link must be an http(s) URL, got "ftp://x"', 'header.image.link'],
		['header without image', (o) => (o.header.image = {}), 'header.image needs a link (or a media id)', 'header.image'],
		['no items', (o) => (orderOf(o).items = []), 'items must list at least one item', 'items'],
	])('%s', (_name, mutate, message, field) => {
		expectProblem(mutate, message, field);
	});

	it('accepts a header by media id, or no header', () => {
		expectValid((o) => (o.header.image = { id: '12345' }));
		expectValid((o) => delete o.header);
		expectValid((o) => (params(o).type = 'physical-goods'));
	});
});

describe('validateOrderDetails: reference_id', () => {
	it.each(['A', 'ORD-2024.05_21', 'a'.repeat(35), 'CaseSensitive-1'])('accepts %p', (id) => {
		expectValid((o) => (params(o).reference_id = id));
	});

	it.each<[string, string]>([
		['ORD 1', '"ORD 1" may only contain English letters, digits, "_", "-" and "." (found a space)'],
		['ORD#1/2', '(found "#", "/")'],
		['ÖRD', '(found "Ö")'],
		['a'.repeat(36), 'is 36 characters long; at most 35 are allowed'],
		['', 'reference_id must not be empty'],
	])('refuses %p', (id, message) => {
		expectProblem((o) => (params(o).reference_id = id), message, 'reference_id');
	});

	it('refuses a number', () => {
		expectProblem((o) => (params(o).reference_id = 57848), 'reference_id must be text, got 57848');
	});
});

describe('validateOrderDetails: text lengths', () => {
	const cases: Array<[string, (o: any, value: string) => void, number, string]> = [
		['body.text', (o, v) => (o.body.text = v), 1024, 'body.text'],
		['footer.text', (o, v) => (o.footer.text = v), 60, 'footer.text'],
		['item name', (o, v) => (item(o, 0).name = v), 60, 'items[0].name'],
		['tax description', (o, v) => (orderOf(o).tax.description = v), 60, 'tax.description'],
		['shipping description', (o, v) => (orderOf(o).shipping.description = v), 60, 'shipping.description'],
		['discount description', (o, v) => (orderOf(o).discount.description = v), 60, 'discount.description'],
		['discount_program_name', (o, v) => (orderOf(o).discount.discount_program_name = v), 60, 'discount.discount_program_name'],
		['expiration description', (o, v) => (orderOf(o).expiration.description = v), 120, 'expiration.description'],
		['payment configuration name', (o, v) => (params(o).payment_settings[0].payment_gateway.configuration_name = v), 60, 'payment_settings[0].payment_gateway.configuration_name'],
		['importer address line 1', (o, v) => (item(o, 1).importer_address.address_line1 = v), 100, 'items[1].importer_address.address_line1'],
		['importer address line 2', (o, v) => (item(o, 1).importer_address.address_line2 = v), 100, 'items[1].importer_address.address_line2'],
	];

	it.each(cases)('%s accepts %#: exactly the limit', (_name, set, max) => {
		expectValid((o) => set(o, 'x'.repeat(max)));
	});

	it.each(cases)('%s refuses one character more', (_name, set, max, field) => {
		expectProblem((o) => set(o, 'x'.repeat(max + 1)), `is ${max + 1} characters long; at most ${max} are allowed`, field);
	});

	it('counts an emoji as one character', () => {
		expectValid((o) => (o.footer.text = '🍞'.repeat(60)));
	});

	it('says which item has the long name', () => {
		expectProblem(
			(o) => (item(o, 1).name = 'n'.repeat(61)),
			'order line items[1] (retailer_id "14325"): name is 61 characters long; at most 60 are allowed',
		);
	});

	it('refuses empty or missing required text', () => {
		expectProblem((o) => (o.body.text = '  '), 'body.text must not be empty', 'body.text');
		expectProblem((o) => delete o.body, 'body is required', 'body');
		expectProblem((o) => (item(o, 0).retailer_id = ''), 'order line items[0]: retailer_id must not be empty', 'items[0].retailer_id');
		expectProblem((o) => (o.footer = {}), 'footer.text is required', 'footer.text');
	});
});

describe('validateOrderDetails: amounts', () => {
	it.each<[string, Mutation, string, string]>([
		['offset 100', (o) => (params(o).total_amount.offset = 1), 'total_amount.offset must be 100 (amounts are in paise), got 1', 'total_amount.offset'],
		['integer value', (o) => (item(o, 0).amount.value = 250.5), 'order line items[0] (retailer_id "1234567"): amount.value must be a whole number of paise (₹12.34 is 1234), got 250.5', 'items[0].amount.value'],
		['value as text', (o) => (orderOf(o).tax.value = '1800'), 'tax.value must be a number, got "1800"', 'tax.value'],
		['positive item amount', (o) => (item(o, 0).amount.value = 0), 'order line items[0] (retailer_id "1234567"): amount.value must be more than 0, got 0', 'items[0].amount.value'],
		['positive sale amount', (o) => (item(o, 1).sale_amount.value = 0), 'sale_amount.value must be more than 0, got 0', 'items[1].sale_amount.value'],
		['positive total', (o) => (params(o).total_amount.value = 0), 'total_amount.value must be more than 0, got 0', 'total_amount.value'],
		['tax not negative', (o) => (orderOf(o).tax.value = -1), 'tax.value must be at least 0, got -1', 'tax.value'],
		['tax required', (o) => delete orderOf(o).tax, 'tax is required', 'tax'],
		['subtotal required', (o) => delete orderOf(o).subtotal, 'subtotal is required', 'subtotal'],
	])('%s', (_name, mutate, message, field) => {
		expectProblem(mutate, message, field);
	});

	it('allows zero tax, shipping and discount, and leaving shipping and discount out', () => {
		expectValid((o) => {
			orderOf(o).tax.value = 0;
			orderOf(o).shipping.value = 0;
			orderOf(o).discount.value = 0;
			params(o).total_amount.value = 58000;
		});
		expectValid((o) => {
			delete orderOf(o).shipping;
			delete orderOf(o).discount;
			params(o).total_amount.value = 59800;
		});
	});
});

describe('validateOrderDetails: items', () => {
	it.each<[unknown, string]>([
		[0, 'quantity must be a whole number of at least 1, got 0'],
		[1.5, 'quantity must be a whole number of at least 1, got 1.5'],
		['1', 'quantity must be a number, got "1"'],
		[undefined, 'quantity is required'],
	])('refuses quantity %p', (quantity, message) => {
		expectProblem((o) => (item(o, 1).quantity = quantity), `order line items[1] (retailer_id "14325"): ${message}`, 'items[1].quantity');
	});

	it('sale_amount must be lower than amount', () => {
		expectProblem(
			(o) => (item(o, 1).sale_amount.value = 10000),
			'order line items[1] (retailer_id "14325"): sale_amount 100.00 must be lower than amount 100.00',
			'items[1].sale_amount',
		);
		expectProblem(
			(o) => (item(o, 1).sale_amount.value = 15000),
			'order line items[1] (retailer_id "14325"): sale_amount 150.00 must be lower than amount 100.00',
		);
		expectValid((o) => {
			item(o, 1).sale_amount.value = 9999;
			orderOf(o).subtotal.value = 59999;
			params(o).total_amount.value = 61999;
		});
	});

	it('without catalog_id every item needs country_of_origin, importer_name and importer_address', () => {
		for (const field of ['country_of_origin', 'importer_name', 'importer_address']) {
			expectProblem(
				(o) => delete item(o, 1)[field],
				`order line items[1] (retailer_id "14325"): ${field} is required when the order has no catalog_id`,
				`items[1].${field}`,
			);
		}
	});

	it('with catalog_id the importer fields may be left out', () => {
		expectValid((o) => {
			orderOf(o).catalog_id = 'catalog-1';
			for (const it of orderOf(o).items) {
				delete it.country_of_origin;
				delete it.importer_name;
				delete it.importer_address;
			}
		});
	});

	it('checks the importer address', () => {
		expectProblem((o) => (item(o, 0).importer_address.postal_code = '11009'), 'importer_address.postal_code must be 6 digits, got "11009"');
		expectProblem((o) => (item(o, 0).importer_address.country_code = 'India'), 'country_code must be a two-letter country code such as "IN", got "India"');
		expectProblem((o) => delete item(o, 0).importer_address.city, 'order line items[0] (retailer_id "1234567"): importer_address.city is required');
		expectValid((o) => delete item(o, 0).importer_address.address_line2);
	});
});

describe('validateOrderDetails: sums', () => {
	it('subtotal must be Σ (sale_amount or amount) × quantity', () => {
		expectProblem(
			(o) => {
				orderOf(o).subtotal.value = 60000;
				params(o).total_amount.value = 62000;
			},
			'subtotal 600.00 does not match the items: Σ (sale_amount or amount) × quantity = 580.00',
			'subtotal',
		);
	});

	it('total must be subtotal + tax + shipping − discount, showing both values', () => {
		expectProblem(
			(o) => (params(o).total_amount.value = 61234),
			'total_amount 612.34 does not match subtotal + tax + shipping − discount = 580.00 + 18.00 + 40.00 − 38.00 = 600.00',
			'total_amount',
		);
	});

	it('a discount larger than the order leaves no positive total', () => {
		expectProblem(
			(o) => {
				orderOf(o).discount.value = 70000;
				params(o).total_amount.value = 1;
			},
			'total_amount 0.01 does not match subtotal + tax + shipping − discount = 580.00 + 18.00 + 40.00 − 700.00 = -62.00',
		);
	});

	it('catches items that add up beyond what an amount can hold', () => {
		expectProblem((o) => {
			item(o, 0).amount.value = Number.MAX_SAFE_INTEGER;
			item(o, 0).quantity = 3;
		}, 'items add up to more than can be sent as an amount', 'items');
	});
});

describe('validateOrderDetails: payment selection', () => {
	const flat = (o: any) => {
		delete params(o).payment_settings;
		params(o).payment_type = 'upi';
		params(o).payment_configuration = 'cfg';
	};

	it('accepts payment_type with payment_configuration (Exotel), or payment_settings (Cloud API)', () => {
		expectValid(flat);
		expectValid(() => undefined);
	});

	it.each<[string, Mutation, string, string]>([
		['both styles', (o) => (params(o).payment_type = 'upi'), 'payment_settings cannot be combined with payment_type and payment_configuration', 'payment_settings'],
		['neither', (o) => delete params(o).payment_settings, 'payment_configuration is required: give payment_type with payment_configuration, or payment_settings', 'payment_configuration'],
		['type without configuration', (o) => { flat(o); delete params(o).payment_configuration; }, 'payment_configuration is required with payment_type', 'payment_configuration'],
		['configuration without type', (o) => { flat(o); delete params(o).payment_type; }, 'payment_type is required with payment_configuration', 'payment_type'],
		['configuration over 60', (o) => { flat(o); params(o).payment_configuration = 'c'.repeat(61); }, 'payment_configuration is 61 characters long; at most 60 are allowed', 'payment_configuration'],
		['empty settings', (o) => (params(o).payment_settings = []), 'payment_settings must list at least one payment setting', 'payment_settings'],
		['unknown gateway', (o) => (params(o).payment_settings[0].payment_gateway.type = 'stripe'), 'payment_gateway.type must be one of "razorpay", "payu", "billdesk", "zaakpay"; got "stripe"', 'payment_settings[0].payment_gateway.type'],
		['setting type', (o) => (params(o).payment_settings[0].type = 'upi'), 'payment_settings[0].type must be "payment_gateway", got "upi"', 'payment_settings[0].type'],
		['razorpay options on payu', (o) => {
			const gateway = params(o).payment_settings[0].payment_gateway;
			gateway.type = 'payu';
			gateway.razorpay = { receipt: 'r-1' };
		}, 'payment_gateway.razorpay only applies when the gateway type is razorpay, not payu', 'payment_settings[0].payment_gateway.razorpay'],
	])('refuses %s', (_name, mutate, message, field) => {
		expectProblem(mutate, message, field);
	});

	it('accepts razorpay receipt and notes', () => {
		expectValid((o) => (params(o).payment_settings[0].payment_gateway.razorpay = { receipt: 'r-1', notes: { order: '7' } }));
	});
});

describe('validateOrderDetails: beneficiaries', () => {
	const beneficiary = () => ({
		name: 'Asha Rao',
		address_line1: '12 MG Road',
		address_line2: 'Near the park',
		city: 'Bengaluru',
		state: 'Karnataka',
		country: 'India',
		postal_code: '560001',
	});
	const physical: Mutation = (o) => (params(o).type = 'physical-goods');

	it('are required for shipped physical goods', () => {
		expectProblem(physical, 'beneficiaries are required for physical goods that are shipped', 'beneficiaries', true);
		expectProblem((o) => { physical(o); params(o).beneficiaries = []; }, 'beneficiaries are required', 'beneficiaries', true);
		expectValid((o) => { physical(o); params(o).beneficiaries = [beneficiary()]; }, true);
	});

	it('are not required for digital goods or physical goods that are not shipped', () => {
		expectValid(() => undefined, true);
		expectValid(physical, false);
	});

	it.each<[string, (b: any) => void, string, string]>([
		['name over 200', (b) => (b.name = 'n'.repeat(201)), 'beneficiaries[0]: name is 201 characters long; at most 200 are allowed', 'beneficiaries[0].name'],
		['address_line1 over 100', (b) => (b.address_line1 = 'a'.repeat(101)), 'beneficiaries[0]: address_line1 is 101 characters long; at most 100 are allowed', 'beneficiaries[0].address_line1'],
		['address_line2 over 100', (b) => (b.address_line2 = 'a'.repeat(101)), 'address_line2 is 101 characters long', 'beneficiaries[0].address_line2'],
		['postal code of 5 digits', (b) => (b.postal_code = '56000'), 'beneficiaries[0]: postal_code must be 6 digits, got "56000"', 'beneficiaries[0].postal_code'],
		['postal code with a space', (b) => (b.postal_code = '560 001'), 'postal_code must be 6 digits, got "560 001"', 'beneficiaries[0].postal_code'],
		['country other than India', (b) => (b.country = 'IN'), 'beneficiaries[0]: country must be "India", got "IN"', 'beneficiaries[0].country'],
		['missing state', (b) => delete b.state, 'beneficiaries[0]: state is required', 'beneficiaries[0].state'],
	])('refuses %s', (_name, change, message, field) => {
		expectProblem((o) => {
			physical(o);
			const b = beneficiary();
			change(b);
			params(o).beneficiaries = [b];
		}, message, field, true);
	});

	it('accepts the longest allowed values', () => {
		expectValid((o) => {
			physical(o);
			params(o).beneficiaries = [{ ...beneficiary(), name: 'n'.repeat(200), address_line1: 'a'.repeat(100), address_line2: 'b'.repeat(100) }];
		}, true);
	});
});

describe('validateOrderDetails: expiration', () => {
	const expireAt = (timestamp: unknown): Mutation => (o) => (orderOf(o).expiration.timestamp = timestamp);

	it('accepts exactly 300 s ahead, or no expiration', () => {
		expectValid(expireAt(String(NOW_SECONDS + 300)));
		expectValid((o) => delete orderOf(o).expiration);
	});

	it('refuses less than 300 s ahead, naming the time', () => {
		expectProblem(
			expireAt(String(NOW_SECONDS + 299)),
			`expiration.timestamp ${NOW_SECONDS + 299} (2024-05-21T07:23:19.000Z) is only 299 s ahead; it must be at least 300 s after now (${NOW_SECONDS})`,
			'expiration.timestamp',
		);
		expectProblem(expireAt(String(NOW_SECONDS - 60)), 'is 60 s in the past');
	});

	it('uses the injected clock, not the wall clock', () => {
		const order = mutated(expireAt(String(NOW_SECONDS + 400)));
		expect(() => validateOrderDetails(order, { now: new Date((NOW_SECONDS + 200) * 1000) })).toThrow('is only 200 s ahead');
	});

	it.each<[unknown, string]>([
		[NOW_SECONDS + 3600, `expiration.timestamp must be epoch seconds written as text ("${NOW_SECONDS + 3600}"), not a number`],
		['in an hour', 'expiration.timestamp must be epoch seconds written as digits, got "in an hour"'],
		[String((NOW_SECONDS + 3600) * 1000), 'looks like milliseconds; give epoch seconds'],
		[undefined, 'expiration.timestamp is required'],
	])('refuses the timestamp %p', (timestamp, message) => {
		expectProblem(expireAt(timestamp), message, 'expiration.timestamp');
	});

	it('requires a description', () => {
		expectProblem((o) => delete orderOf(o).expiration.description, 'expiration.description is required');
	});
});

describe('validateOrderDetails: reporting', () => {
	it('reports every problem of a kind at once, the field being the first one', () => {
		const error = ruleError(() =>
			validate(
				mutated((o) => {
					params(o).reference_id = 'bad id';
					item(o, 0).name = '';
					params(o).currency = 'EUR';
				}),
			),
		);
		expect(error).toBeInstanceOf(InputRuleError);
		expect(error.message).toBe(
			'reference_id "bad id" may only contain English letters, digits, "_", "-" and "." (found a space); ' +
				'currency must be "INR", got "EUR"; order line items[0] (retailer_id "1234567"): name must not be empty',
		);
		expect(error.field).toBe('reference_id');
	});

	it('checks sums only once every field is well-formed', () => {
		const error = ruleError(() => validate(mutated((o) => { item(o, 0).quantity = 0; orderOf(o).subtotal.value = 1; })));
		expect(error.message).toBe('order line items[0] (retailer_id "1234567"): quantity must be a whole number of at least 1, got 0');
	});

	it('lists at most ten problems and counts the rest', () => {
		const error = ruleError(() =>
			validate(mutated((o) => {
				orderOf(o).items = Array.from({ length: 13 }, (_, i) => ({ ...item(o, 0), name: '', retailer_id: `S${i}` }));
			})),
		);
		const parts = error.message.split('; ');
		expect(parts).toHaveLength(11);
		expect(parts[9]).toBe('order line items[9] (retailer_id "S9"): name must not be empty');
		expect(parts[10]).toBe('and 3 more problems');
	});
});
