import type { INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { referenceOf } from '../../../../../fakes/exotel';
import type { SeenRequest } from '../../../../../fakes/exotel';
import { failure, node, numbered, run, SEED_INTERACTIVE, start } from '../../fixtures';

describe('Exotel: Payment Request → Send', () => {
	describe('description', () => {
		it('is the Exotel action node: Payment Request → Send, in the transform group', () => {
			const { description } = node;
			expect(description).toMatchObject({
				name: 'exotel',
				displayName: 'Exotel',
				group: ['transform'],
				usableAsTool: true,
			});
			const [resource, operation] = description.properties;
			expect(resource).toMatchObject({ name: 'resource', noDataExpression: true, default: 'paymentRequest' });
			expect(resource.options).toEqual([
				{ name: 'Message', value: 'message' },
				{ name: 'Payment Request', value: 'paymentRequest' },
			]);
			expect(operation).toMatchObject({ name: 'operation', noDataExpression: true, default: 'send' });
			expect(operation.options).toEqual([
				expect.objectContaining({ name: 'Send', value: 'send', action: 'Send a payment request' }),
			]);
			const options = description.properties.find((property) => property.name === 'options') as INodeProperties;
			expect((options.options as INodeProperties[]).map((option) => option.name)).toEqual(['customData', 'statusCallback', 'timeout']);
		});
	});

	describe('field mapping', () => {
		it('sends the seed order as one order_details message to the account messages endpoint', async () => {
			const { items, http, seen } = await run({});
			expect(http).toHaveBeenCalledTimes(1);
			const [request] = seen;
			expect(request.credentialType).toBe('exotelApi');
			expect(request.options).toMatchObject({ method: 'POST', url: 'https://api.exotel.com/v2/accounts/test-sid/messages' });
			expect(request.options!.body).toEqual({
				whatsapp: {
					messages: [
						{
							from: '919912345678',
							to: '+919012345678',
							content: { type: 'interactive', interactive: SEED_INTERACTIVE },
						},
					],
				},
			});
			expect(items).toEqual([
				{
					json: { referenceId: '57848', to: '+919012345678', sid: 'sid-57848', status: 'success', requestId: 'req-1' },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('maps items outside a catalog with their origin and importer', async () => {
			const { seen } = await run({
				parameters: {
					itemsFromCatalog: false,
					items: {
						item: [
							{
								retailerId: 'SKU-1',
								name: 'Tea',
								amount: '250.50',
								quantity: 2,
								countryOfOrigin: 'India',
								importerName: 'Tea Traders',
								importerAddressLine1: '1 MG Road',
								importerAddressLine2: '',
								importerCity: 'Bengaluru',
								importerZoneCode: 'KA',
								importerPostalCode: '560001',
								importerCountryCode: 'IN',
							},
						],
					},
					taxAmount: '0',
					additionalFields: {},
				},
			});
			const parameters = seen[0].messages[0].content.interactive.action.parameters;
			expect(parameters.order.catalog_id).toBeUndefined();
			expect(parameters.order.items).toEqual([
				{
					retailer_id: 'SKU-1',
					name: 'Tea',
					amount: { value: 25050, offset: 100 },
					quantity: 2,
					country_of_origin: 'India',
					importer_name: 'Tea Traders',
					importer_address: {
						address_line1: '1 MG Road',
						city: 'Bengaluru',
						zone_code: 'KA',
						postal_code: '560001',
						country_code: 'IN',
					},
				},
			]);
			expect(parameters.order.subtotal).toEqual({ value: 50100, offset: 100 });
			expect(parameters.total_amount).toEqual({ value: 50100, offset: 100 });
		});

		it('maps the payment types, header none, and physical goods with their beneficiary', async () => {
			const { seen } = await run({
				itemParameters: [
					{ paymentType: 'upi', header: 'none' },
					{ paymentType: 'custom', customPaymentType: 'payment_gateway:billdesk', referenceId: 'R2' },
					{
						paymentType: 'payment_gateway:payu',
						referenceId: 'R3',
						goodsType: 'physical-goods',
						shipped: true,
						beneficiary: {
							details: {
								name: 'Asha Rao',
								addressLine1: '12 Park Street',
								addressLine2: '',
								city: 'Kolkata',
								state: 'West Bengal',
								country: 'India',
								postalCode: '700016',
							},
						},
					},
				],
			});
			const parameters = seen[0].messages.map((message: any) => message.content.interactive.action.parameters);
			expect(parameters.map((p) => p.payment_type)).toEqual(['upi', 'payment_gateway:billdesk', 'payment_gateway:payu']);
			expect(seen[0].messages[0].content.interactive.header).toBeUndefined();
			expect(parameters[2].type).toBe('physical-goods');
			expect(parameters[2].beneficiaries).toEqual([
				{
					name: 'Asha Rao',
					address_line1: '12 Park Street',
					city: 'Kolkata',
					state: 'West Bengal',
					country: 'India',
					postal_code: '700016',
				},
			]);
		});

		it('puts custom_data and status_callback on each message', async () => {
			const { seen } = await run({
				itemParameters: [
					{ options: { customData: 'order-7', statusCallback: 'https://n8n.example.com/webhook/abc/webhook' } },
					{ referenceId: 'R2', options: { customData: { crm: 42 } } },
				],
			});
			expect(seen[0].messages[0]).toMatchObject({
				custom_data: 'order-7',
				status_callback: 'https://n8n.example.com/webhook/abc/webhook',
			});
			expect(seen[0].messages[1].custom_data).toBe('{"crm":42}');
			expect(seen[0].messages[1].status_callback).toBeUndefined();
		});
	});

	describe('batching', () => {
		it('sends 250 items as 3 requests of 100, 100 and 50, answering in input order', async () => {
			const { items, seen } = await run({ itemParameters: numbered(250) });
			expect(seen.map((request) => request.messages.length)).toEqual([100, 100, 50]);
			const sentOrder = seen.flatMap((request) => request.messages.map(referenceOf));
			expect(sentOrder).toEqual(numbered(250).map((p) => p.referenceId));
			expect(items).toHaveLength(250);
			items.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(item.json).toMatchObject({ referenceId: `ORD-${i}`, sid: `sid-ORD-${i}` });
			});
			expect(items[150].json.requestId).toBe('req-2');
		});

		it('sends nothing for no input items', async () => {
			const { items, http } = await run({ items: [] });
			expect(items).toEqual([]);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('partly accepted bulk requests', () => {
		const rejectOrd1 = {
			judge: (message: Record<string, any>) =>
				referenceOf(message) === 'ORD-1'
					? { code: 1002, message: 'Duplicate reference_id', description: 'whatsapp.messages[1]: reference_id used before' }
					: undefined,
		};

		it('with Continue On Fail: success items for the accepted, error items with Exotel code for the rejected', async () => {
			const { items } = await run({ itemParameters: numbered(3), continueOnFail: true }, rejectOrd1);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json.sid).toBe('sid-ORD-0');
			expect(items[2].json.sid).toBe('sid-ORD-2');
			expect(items[1].json).toMatchObject({
				referenceId: 'ORD-1',
				error: 'Exotel did not accept the message: Duplicate reference_id',
				httpStatus: 400,
				providerCode: '1002',
			});
			expect(items[1].json.description).toContain('whatsapp.messages[1]: reference_id used before');
			expect(items[1].json.sid).toBeUndefined();
		});

		it('without it: throws for the rejected item, saying which items Exotel accepted', async () => {
			const { execution } = start({ itemParameters: numbered(3) }, rejectOrd1);
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('Exotel did not accept the message: Duplicate reference_id');
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('(code 1002)');
			expect(error.description).toContain('accepted 2 other message(s) of this run (input items 0, 2)');
		});

		it('without it: sends no further request after one with a rejection', async () => {
			const { execution, http } = start({ itemParameters: numbered(250) }, rejectOrd1);
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.description).toContain('Input items 100, 101');
			expect(error.description).toContain('were not sent');
		});

		it('reports a message Exotel said nothing about as not known, never as sent', async () => {
			const { items } = await run(
				{ itemParameters: numbered(2), continueOnFail: true },
				{
					answer: () => [
						202,
						{ request_id: 'r', response: { whatsapp: { messages: [{ code: 202, status: 'success', data: { sid: 'only-one' } }] } } },
					],
				},
			);
			expect(items[0].json.sid).toBe('only-one');
			expect(items[1].json).toMatchObject({ error: expect.stringMatching(/did not say what happened/), outcomeUnknown: true });
			expect(items[1].json.description).toMatch(/check whether it went out/i);
		});
	});

	describe('bad input', () => {
		const badSecondItem = [
			{ referenceId: 'OK-0' },
			{
				referenceId: 'BAD-1',
				items: { item: [{ retailerId: 'SKU-9', name: 'Bread', amount: '12.00', saleAmount: '15.00', quantity: 1 }] },
			},
			{ referenceId: 'OK-2' },
		];

		it('throws naming the item and the field before anything is sent', async () => {
			const { execution, http } = start({ itemParameters: badSecondItem });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.context.itemIndex).toBe(1);
			expect(error.message).toContain('sale_amount');
			expect(error.description).toContain('items[0].sale_amount');
			expect(error.description).toContain('input item 1');
			expect(http).not.toHaveBeenCalled();
		});

		it('with Continue On Fail: an error item for the bad one, the others still sent', async () => {
			const { items, seen } = await run({ itemParameters: badSecondItem, continueOnFail: true });
			expect(seen).toHaveLength(1);
			expect(seen[0].messages.map(referenceOf)).toEqual(['OK-0', 'OK-2']);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json.error).toContain('sale_amount');
			expect(items[0].json.sid).toBe('sid-OK-0');
			expect(items[2].json.sid).toBe('sid-OK-2');
		});

		it.each([
			['to', { to: 'call me' }, /"To" is not a phone number/],
			['from', { from: '' }, /"From" is empty/],
			['options.statusCallback', { options: { statusCallback: 'ftp://x' } }, /not an http\(s\) address/],
			['referenceId', { referenceId: 'has space' }, /reference_id/],
			['paymentConfiguration', { paymentConfiguration: 'x'.repeat(61) }, /payment_configuration/],
		])('names field %s', async (field, parameters, message) => {
			const { execution, http } = start({ itemParameters: [{}, parameters] });
			const error = await failure(execution);
			expect(error.message).toMatch(message);
			expect(error.context.itemIndex).toBe(1);
			expect(http).not.toHaveBeenCalled();
		});

		it('requires a beneficiary for shipped physical goods', async () => {
			const { execution, http } = start({ parameters: { goodsType: 'physical-goods', shipped: true } });
			const error = await failure(execution);
			expect(error.message).toMatch(/beneficiaries/);
			expect(http).not.toHaveBeenCalled();
		});

		it('refuses to run with Retry On Fail, which could send a payment request twice', async () => {
			const { execution, http } = start({ node: { retryOnFail: true } });
			const error = await failure(execution);
			expect(error.message).toMatch(/Retry On Fail/);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('expiration', () => {
		const expirationOf = (seen: SeenRequest[]) => seen[0].messages[0].content.interactive.action.parameters.order.expiration;

		it('"expires in N minutes" counts from now, in epoch seconds as text', async () => {
			const before = Math.floor(Date.now() / 1000);
			const { seen } = await run({
				parameters: { expiration: 'inMinutes', expiresInMinutes: 30, expirationDescription: 'Pay within 30 minutes' },
			});
			const after = Math.floor(Date.now() / 1000);
			const expiration = expirationOf(seen);
			expect(typeof expiration.timestamp).toBe('string');
			expect(Number(expiration.timestamp)).toBeGreaterThanOrEqual(before + 1800);
			expect(Number(expiration.timestamp)).toBeLessThanOrEqual(after + 1800);
			expect(expiration.description).toBe('Pay within 30 minutes');
		});

		it('a date with an offset is that instant; without one it is in the workflow time zone', async () => {
			const future = new Date(Date.now() + 86_400_000);
			const day = future.toISOString().slice(0, 10);
			const described = { expiration: 'atDate', expirationDescription: 'Offer ends at noon' };
			const withOffset = await run({ parameters: { ...described, expiresAt: `${day}T12:00:00+05:30` } });
			const local = await run({
				parameters: { ...described, expiresAt: `${day}T12:00:00` },
				timezone: 'Asia/Kolkata',
			});
			const expected = String(Date.parse(`${day}T06:30:00Z`) / 1000);
			expect(expirationOf(withOffset.seen).timestamp).toBe(expected);
			expect(expirationOf(local.seen).timestamp).toBe(expected);
		});

		it('refuses an expiration less than 5 minutes ahead, before sending', async () => {
			const soon = new Date(Date.now() + 60_000).toISOString();
			const { execution, http } = start({
				parameters: { expiration: 'atDate', expiresAt: soon, expirationDescription: 'Soon' },
			});
			const error = await failure(execution);
			expect(error.message).toMatch(/expiration/);
			expect(http).not.toHaveBeenCalled();
		});

		it('requires the expiration description WhatsApp shows', async () => {
			const { execution, http } = start({ parameters: { expiration: 'inMinutes', expiresInMinutes: 30 } });
			const error = await failure(execution);
			expect(error.message).toMatch(/expiration\.description/);
			expect(http).not.toHaveBeenCalled();
		});

		it('refuses a date it cannot read, naming the field', async () => {
			const { execution } = start({ parameters: { expiration: 'atDate', expiresAt: 'next tuesday' } });
			const error = await failure(execution);
			expect(error.message).toMatch(/"Expires At" is not a date/);
			expect(error.description).toContain('expiresAt');
		});

		it('sends no expiration by default', async () => {
			const { seen } = await run({});
			expect(expirationOf(seen)).toBeUndefined();
		});
	});

	describe('Order Input: JSON', () => {
		it('sends a whole interactive object as it is, after validating it', async () => {
			const { seen } = await run({ parameters: { orderInput: 'json', orderJson: JSON.stringify(SEED_INTERACTIVE) } });
			expect(seen[0].messages[0].content.interactive).toEqual(SEED_INTERACTIVE);
		});

		it('wraps action.parameters with Body Text, Footer Text and Header', async () => {
			const { seen } = await run({
				parameters: {
					orderInput: 'json',
					orderJson: SEED_INTERACTIVE.action.parameters,
					bodyText: 'Please pay',
					footerText: '',
					header: 'none',
				},
			});
			expect(seen[0].messages[0].content.interactive).toEqual({
				type: 'order_details',
				body: { text: 'Please pay' },
				action: { name: 'review_and_pay', parameters: SEED_INTERACTIVE.action.parameters },
			});
		});

		it('refuses JSON it cannot read and orders that break the rules, naming the item', async () => {
			const wrongTotal = structuredClone(SEED_INTERACTIVE);
			wrongTotal.action.parameters.total_amount.value = 999;
			const { execution, seen } = start({
				parameters: { orderInput: 'json' },
				itemParameters: [{ orderJson: SEED_INTERACTIVE }, { orderJson: wrongTotal }, { orderJson: '{not json' }],
				continueOnFail: true,
			});
			const [items] = await execution;
			expect(items[0].json.sid).toBe('sid-57848');
			expect(items[1].json.error).toMatch(/total_amount/);
			expect(items[2].json.error).toMatch(/"Order \(JSON\)" is not valid JSON/);
			expect(items[2].json.description).toContain('orderJson');
			expect(seen[0].messages).toHaveLength(1);
		});

		it('refuses JSON that is neither shape', async () => {
			const { execution } = start({ parameters: { orderInput: 'json', orderJson: { hello: 'world' } } });
			const error = await failure(execution);
			expect(error.message).toMatch(/neither an order_details interactive object/);
		});
	});
});
