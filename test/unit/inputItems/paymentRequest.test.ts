// Payment Request → Send with Input Data Mode "Take From Input Items" (issue #13), on both WhatsApp
// payment nodes: the recipient, reference id and order come from each input item's JSON by field
// name; every order rule still runs on every item before anything is sent, and a broken one names
// the input item and the input field (order.items[0].amount).
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { acceptAll, fakeDialog360, TEST_CREDENTIALS } from '../../fakes/dialog360';
import { EXOTEL_CREDENTIALS, fakeExotel } from '../../fakes/exotel';
import { createExecuteContext } from '../helpers/executeContext';

const NOW_SECONDS = Math.floor(Date.now() / 1000);

const LINE = { retailer_id: 'SKU-1', name: 'Tea', amount: '10.00', quantity: 2 };
const ORDER = { catalog_id: 'cat-1', items: [LINE] };

interface Sent {
	to: string;
	interactive: IDataObject;
}

interface Provider {
	name: string;
	/** The node's own parameters in Take From Input Items mode (no expression). */
	parameters: IDataObject;
	/** A valid recipient as the item gives it, and as the provider sends it. */
	recipient: { given: string; sent: string };
	recipientHint: string;
	start: (parameters: IDataObject, items: IDataObject[], continueOnFail?: boolean) => { execution: Promise<INodeExecutionData[][]>; sent: () => Sent[] };
	properties: INodeProperties[];
}

const exotel: Provider = {
	name: 'Exotel',
	parameters: {
		resource: 'paymentRequest',
		operation: 'send',
		inputDataMode: 'autoMapInputData',
		from: '+918012345678',
		toField: 'to',
		referenceIdField: 'referenceId',
		orderField: 'order',
		goodsType: 'digital-goods',
		paymentType: 'payment_gateway:razorpay',
		paymentConfiguration: 'shop-razorpay',
		bodyText: 'Tap Review and Pay',
		expiration: 'none',
		options: {},
	},
	recipient: { given: '+91 98765-43210', sent: '+919876543210' },
	recipientHint: 'use the international format, such as +919876543210.',
	properties: new Exotel().description.properties,
	start(parameters, items, continueOnFail = false) {
		const fake = fakeExotel();
		const context = createExecuteContext({
			credentials: { exotelApi: EXOTEL_CREDENTIALS },
			parameters,
			items: items.map((json) => ({ json })),
			continueOnFail,
		});
		context.http.mockImplementation(fake.http);
		return {
			execution: new Exotel().execute.call(context.ctx) as Promise<INodeExecutionData[][]>,
			sent: () => fake.seen.flatMap((request) => request.messages.map((message) => ({ to: message.to, interactive: message.content.interactive }))),
		};
	},
};

const dialog360: Provider = {
	name: '360dialog',
	parameters: {
		resource: 'paymentRequest',
		operation: 'send',
		inputDataMode: 'autoMapInputData',
		toField: 'to',
		referenceIdField: 'referenceId',
		orderField: 'order',
		goodsType: 'digital-goods',
		paymentGateway: 'razorpay',
		paymentConfiguration: 'shop-razorpay',
		bodyText: 'Tap Review and Pay',
		expiration: 'none',
		options: {},
	},
	recipient: { given: '+91 98765 43210', sent: '919876543210' },
	recipientHint: 'give the number with its country code, digits only (8 to 15), such as 919876543210. A leading + and spaces are removed; dashes, brackets and letters are refused.',
	properties: new Dialog360().description.properties,
	start(parameters, items, continueOnFail = false) {
		const { http, calls } = fakeDialog360(acceptAll);
		const context = createExecuteContext({
			credentials: { dialog360Api: TEST_CREDENTIALS },
			parameters,
			items: items.map((json) => ({ json })),
			continueOnFail,
			http,
		});
		return {
			execution: new Dialog360().execute.call(context.ctx) as Promise<INodeExecutionData[][]>,
			sent: () => calls.map((call) => ({ to: call.body?.to as string, interactive: call.body?.interactive as IDataObject })),
		};
	},
};

async function failureOf(promise: Promise<unknown>): Promise<{ message: string; description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as { message: string; description?: string };
	}
	throw new Error('expected the node to fail');
}

const parametersOf = (interactive: IDataObject) => (interactive.action as IDataObject).parameters as IDataObject;

describe.each([exotel, dialog360])('$name: Payment Request → Send, Take From Input Items', (provider) => {
	const item = (overrides: IDataObject = {}): IDataObject => ({ to: provider.recipient.given, referenceId: 'ORD-1', order: ORDER, ...overrides });
	const start = (items: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
		provider.start({ ...provider.parameters, ...parameters }, items, continueOnFail);
	const run = async (items: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) => {
		const { execution, sent } = start(items, parameters, continueOnFail);
		const [output] = await execution;
		return { output, sent: sent() };
	};

	describe('parameters', () => {
		const sendProperties = provider.properties.filter((property) => property.displayOptions?.show?.operation?.includes('send'));
		const byName = (name: string) => sendProperties.filter((property) => property.name === name);

		it('offers Input Data Mode, Define Below by default, so saved workflows keep their fields', () => {
			const [mode] = byName('inputDataMode');
			expect(mode).toMatchObject({ displayName: 'Input Data Mode', type: 'options', noDataExpression: true, default: 'defineBelow' });
			expect(mode.options).toEqual([
				expect.objectContaining({ name: 'Define Below', value: 'defineBelow' }),
				expect.objectContaining({ name: 'Take From Input Items', value: 'autoMapInputData' }),
			]);
		});

		it('names the input fields with constants whose defaults are the package\'s own names', () => {
			for (const [name, displayName, value] of [
				['toField', 'To Field', 'to'],
				['referenceIdField', 'Reference ID Field', 'referenceId'],
				['orderField', 'Order Field', 'order'],
			]) {
				const [property] = byName(name);
				expect(property).toMatchObject({ displayName, type: 'string', default: value, noDataExpression: true, required: true });
				expect(property.displayOptions?.show?.inputDataMode).toEqual(['autoMapInputData']);
			}
		});

		it('shows the recipient, reference and order content fields in Define Below mode only', () => {
			for (const name of ['to', 'orderInput', 'orderJson', 'referenceId', 'itemsFromCatalog', 'catalogId', 'items', 'taxAmount', 'additionalFields']) {
				for (const property of byName(name)) expect([name, property.displayOptions?.show?.inputDataMode]).toEqual([name, ['defineBelow']]);
			}
			for (const name of ['goodsType', 'paymentConfiguration', 'bodyText', 'footerText', 'header', 'expiration']) {
				const modes = byName(name).flatMap((property) => property.displayOptions?.show?.inputDataMode ?? ['defineBelow', 'autoMapInputData']);
				expect([name, [...new Set(modes)].sort()]).toEqual([name, ['autoMapInputData', 'defineBelow']]);
			}
		});
	});

	describe('what is sent', () => {
		it('sends each item\'s order to its recipient with its reference id, sums computed, the node\'s texts and payment around it', async () => {
			const { output, sent } = await run([item(), item({ referenceId: 'ORD-2', order: { catalog_id: 'cat-1', items: [{ ...LINE, amount: 12.5 }] } })]);
			expect(sent.map((message) => message.to)).toEqual([provider.recipient.sent, provider.recipient.sent]);
			const [first, second] = sent.map((message) => message.interactive);
			expect(first.body).toEqual({ text: 'Tap Review and Pay' });
			expect(parametersOf(first)).toMatchObject({
				reference_id: 'ORD-1',
				type: 'digital-goods',
				currency: 'INR',
				total_amount: { value: 2000, offset: 100 },
				order: {
					status: 'pending',
					catalog_id: 'cat-1',
					items: [{ retailer_id: 'SKU-1', name: 'Tea', amount: { value: 1000, offset: 100 }, quantity: 2 }],
					subtotal: { value: 2000, offset: 100 },
					tax: { value: 0, offset: 100 },
				},
			});
			expect(parametersOf(second)).toMatchObject({ reference_id: 'ORD-2', total_amount: { value: 2500, offset: 100 } });
			expect(output.map((entry) => [entry.json.referenceId, entry.json.to, entry.pairedItem])).toEqual([
				['ORD-1', provider.recipient.sent, { item: 0 }],
				['ORD-2', provider.recipient.sent, { item: 1 }],
			]);
		});

		it('takes WhatsApp\'s own paise amounts and charges with descriptions, a given subtotal, and an expiration', async () => {
			const order = {
				status: 'pending',
				catalog_id: 'cat-1',
				expiration: { timestamp: String(NOW_SECONDS + 3600), description: 'Offer ends in an hour' },
				items: [{ retailer_id: 7, name: 'Bread', amount: { value: 1400, offset: 100 }, sale_amount: { value: 1000, offset: 100 }, quantity: '1' }],
				subtotal: { value: 1000, offset: 100 },
				tax: { value: 100, offset: 100, description: 'GST' },
				shipping: '5',
				discount: { value: 200, offset: 100, description: 'Member', discount_program_name: 'club' },
			};
			const { sent } = await run([item({ order })]);
			expect(parametersOf(sent[0].interactive)).toMatchObject({
				total_amount: { value: 1400, offset: 100 },
				order: {
					catalog_id: 'cat-1',
					expiration: { timestamp: String(NOW_SECONDS + 3600), description: 'Offer ends in an hour' },
					items: [{ retailer_id: '7', name: 'Bread', amount: { value: 1400, offset: 100 }, sale_amount: { value: 1000, offset: 100 }, quantity: 1 }],
					subtotal: { value: 1000, offset: 100 },
					tax: { value: 100, offset: 100, description: 'GST' },
					shipping: { value: 500, offset: 100 },
					discount: { value: 200, offset: 100, description: 'Member', discount_program_name: 'club' },
				},
			});
		});

		it('takes items outside a catalog with their origin and importer', async () => {
			const line = {
				...LINE,
				country_of_origin: 'India',
				importer_name: 'Tea Traders',
				importer_address: { address_line1: '1 MG Road', city: 'Bengaluru', zone_code: 'KA', postal_code: 560001, country_code: 'IN' },
			};
			const { sent } = await run([item({ order: { items: [line] } })]);
			expect((parametersOf(sent[0].interactive).order as IDataObject).items).toEqual([
				{
					retailer_id: 'SKU-1',
					name: 'Tea',
					amount: { value: 1000, offset: 100 },
					quantity: 2,
					country_of_origin: 'India',
					importer_name: 'Tea Traders',
					importer_address: { address_line1: '1 MG Road', city: 'Bengaluru', zone_code: 'KA', postal_code: '560001', country_code: 'IN' },
				},
			]);
		});

		it('reads fields of other names and dotted paths into objects', async () => {
			const json = { customer: { phone: provider.recipient.given }, 'shop.ref': 'ORD-9', cart: ORDER };
			const { sent } = await run([json], { toField: 'customer.phone', referenceIdField: 'shop.ref', orderField: 'cart' });
			expect(sent[0].to).toBe(provider.recipient.sent);
			expect(parametersOf(sent[0].interactive).reference_id).toBe('ORD-9');
		});

		it('uses the node\'s expiration when the order has none', async () => {
			const { sent } = await run([item()], { expiration: 'inMinutes', expiresInMinutes: 30, expirationDescription: 'Pay within 30 minutes' });
			const expiration = (parametersOf(sent[0].interactive).order as IDataObject).expiration as IDataObject;
			expect(expiration.description).toBe('Pay within 30 minutes');
			expect(Number(expiration.timestamp) - NOW_SECONDS).toBeGreaterThanOrEqual(30 * 60 - 5);
		});
	});

	describe('every rule, naming the input item and the input field, before anything is sent', () => {
		const cases: Array<[string, IDataObject, string, string]> = [
			['no recipient', { to: undefined }, '"To" is empty', `Check field "to" of input item 1: ${provider.recipientHint}`],
			['a recipient that is no number', { to: 'call me' }, '"To" is not a', `Check field "to" of input item 1: ${provider.recipientHint}`],
			['no reference id', { referenceId: undefined }, 'reference_id is required', 'Check field "referenceId" of input item 1.'],
			[
				'a reference id with a space',
				{ referenceId: 'ORD 1' },
				'reference_id "ORD 1" may only contain English letters, digits, "_", "-" and "." (found a space)',
				'Check field "referenceId" of input item 1.',
			],
			['no order', { order: undefined }, "The order must be an object with its items (WhatsApp's order), got nothing", 'Check field "order" of input item 1.'],
			['an order as text', { order: 'tea' }, "The order must be an object with its items (WhatsApp's order), got \"tea\"", 'Check field "order" of input item 1.'],
			['no items', { order: { catalog_id: 'c' } }, 'items is required', 'Check field "order.items" of input item 1.'],
			['items not a list', { order: { catalog_id: 'c', items: {} } }, 'items must be a list of order lines, got an object', 'Check field "order.items" of input item 1.'],
			[
				'an order line that is no object',
				{ order: { catalog_id: 'c', items: [LINE, 3] } },
				'order line items[1] must be an object (retailer_id, name, amount, sale_amount, quantity, country_of_origin, importer_name, importer_address), got 3',
				'Check field "order.items[1]" of input item 1.',
			],
			[
				'a misspelt field of an order line',
				{ order: { catalog_id: 'c', items: [{ ...LINE, saleAmount: '5.00' }] } },
				'order line items[0] (retailer_id "SKU-1"): saleAmount is not a field of an order line (it takes retailer_id, name, amount, sale_amount, quantity, country_of_origin, importer_name, importer_address)',
				'Check field "order.items[0].saleAmount" of input item 1.',
			],
			[
				'an unknown field of the order',
				{ order: { ...ORDER, total: '20.00' } },
				'total is not a field of the order (it takes status, catalog_id, expiration, items, subtotal, tax, shipping, discount)',
				'Check field "order.total" of input item 1.',
			],
			[
				'an unknown field of a charge',
				{ order: { ...ORDER, tax: { value: 100, offset: 100, label: 'GST' } } },
				'tax.label is not a field of a charge (it takes value, offset, description)',
				'Check field "order.tax.label" of input item 1.',
			],
			[
				'an unknown field of an amount',
				{ order: { catalog_id: 'c', items: [{ ...LINE, amount: { value: 1000, offset: 100, currency: 'INR' } }] } },
				'order line items[0] (retailer_id "SKU-1"): amount.currency is not a field of an amount (it takes value, offset)',
				'Check field "order.items[0].amount.currency" of input item 1.',
			],
			[
				'an importer address that is no object',
				{ order: { items: [{ ...LINE, country_of_origin: 'India', importer_name: 'X', importer_address: 'Delhi' }] } },
				'order line items[0] (retailer_id "SKU-1"): importer_address must be an object (address_line1, address_line2, city, zone_code, postal_code, country_code), got "Delhi"',
				'Check field "order.items[0].importer_address" of input item 1.',
			],
			[
				'a status other than pending',
				{ order: { ...ORDER, status: 'shipped' } },
				'status must be "pending" in a payment request (or left out), got "shipped"',
				'Check field "order.status" of input item 1.',
			],
			[
				'an expiration that is no object',
				{ order: { ...ORDER, expiration: 1893456000 } },
				'expiration must be an object (timestamp, description), got 1893456000',
				'Check field "order.expiration" of input item 1.',
			],
			[
				'a price with three decimals',
				{ order: { catalog_id: 'c', items: [{ ...LINE, amount: '10.005' }] } },
				'order line items[0] (retailer_id "SKU-1"): amount "10.005" has more decimals than INR allows (at most 2 decimals); it is not rounded, enter it with at most 2 decimals',
				'Check field "order.items[0].amount" of input item 1.',
			],
			[
				'a paise amount with another offset',
				{ order: { catalog_id: 'c', items: [{ ...LINE, amount: { value: 1000, offset: 10 } }] } },
				'order line items[0] (retailer_id "SKU-1"): amount.offset must be 100 (amounts are in paise), got 10',
				'Check field "order.items[0].amount.offset" of input item 1.',
			],
			[
				'a name over 60 characters',
				{ order: { catalog_id: 'c', items: [{ ...LINE, name: 'x'.repeat(61) }] } },
				'order line items[0] (retailer_id "SKU-1"): name is 61 characters long; at most 60 are allowed',
				'Check field "order.items[0].name" of input item 1.',
			],
			[
				'a quantity of 0',
				{ order: { catalog_id: 'c', items: [{ ...LINE, quantity: 0 }] } },
				'order line items[0] (retailer_id "SKU-1"): quantity must be a whole number of at least 1, got 0',
				'Check field "order.items[0].quantity" of input item 1.',
			],
			[
				'a sale price above the price',
				{ order: { catalog_id: 'c', items: [{ ...LINE, sale_amount: '12.00' }] } },
				'order line items[0] (retailer_id "SKU-1"): sale_amount 12.00 must be lower than amount 10.00',
				'Check field "order.items[0].sale_amount" of input item 1.',
			],
			[
				'a subtotal that does not match the items',
				{ order: { ...ORDER, subtotal: '21.00' } },
				'subtotal 21.00 does not match the items: Σ (sale_amount or amount) × quantity = 20.00',
				'Check field "order.subtotal" of input item 1.',
			],
			[
				'a discount larger than the order',
				{ order: { ...ORDER, discount: '25.00' } },
				'total_amount.value must be more than 0, got -500',
				'Check field "order" of input item 1.',
			],
			[
				'items outside a catalog without their importer',
				{ order: { items: [LINE] } },
				'order line items[0] (retailer_id "SKU-1"): country_of_origin is required when the order has no catalog_id',
				'Check field "order.items[0].country_of_origin" of input item 1.',
			],
			[
				'an expiration less than 5 minutes ahead',
				{ order: { ...ORDER, expiration: { timestamp: String(NOW_SECONDS + 60), description: 'Soon' } } },
				'is only',
				'Check field "order.expiration.timestamp" of input item 1.',
			],
		];

		it.each(cases)('%s', async (_, change, message, description) => {
			const items = [item({ referenceId: 'ORD-0' }), item(change)];
			for (const key of Object.keys(change)) if (change[key] === undefined) delete items[1][key];
			const { execution, sent } = start(items);
			const error = await failureOf(execution);
			expect(error.message).toContain(message);
			expect(error.description).toBe(description);
			expect(sent()).toEqual([]);
		});

		it('with Continue On Fail, a broken item is an error item and the others are sent', async () => {
			const { output, sent } = await run([item(), item({ order: { catalog_id: 'c', items: [{ ...LINE, quantity: 1.5 }] } }), item({ referenceId: 'ORD-3' })], {}, true);
			expect(sent.map((message) => parametersOf(message.interactive).reference_id)).toEqual(['ORD-1', 'ORD-3']);
			expect(output[1]).toEqual({
				json: {
					error: 'order line items[0] (retailer_id "SKU-1"): quantity must be a whole number of at least 1, got 1.5',
					description: 'Check field "order.items[0].quantity" of input item 1.',
				},
				pairedItem: { item: 1 },
			});
		});

		it('refuses an empty field name before reading any item', async () => {
			const error = await failureOf(run([item()], { orderField: ' ' }));
			expect(error.message).toBe('The field name parameter "orderField" is empty');
		});
	});
});
