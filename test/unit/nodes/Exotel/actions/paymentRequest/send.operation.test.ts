import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ExotelWhatsAppPayment } from '../../../../nodes/Exotel/ExotelWhatsAppPayment.node';
import { createExecuteContext } from '../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../helpers/executeContext';
import { exotelAccepts, exotelErrorAnswer, referenceOfMessage, sentRequests } from './exotelFakes';
import type { FakeExotel } from './exotelFakes';

const node = new ExotelWhatsAppPayment();

/** The fields of Exotel's seed example 1 (providers.md §3.4), from a catalog. */
const SEED_FIELDS: IDataObject = {
	operation: 'sendPaymentRequest',
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

const SEED_INTERACTIVE = {
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

async function run(options: ExecuteContextOptions, fake: FakeExotel = exotelAccepts()) {
	const context = createExecuteContext({ ...options, parameters: { ...SEED_FIELDS, ...options.parameters } });
	context.http.mockImplementation(fake);
	const execution = node.execute.call(context.ctx);
	return { ...context, execution };
}

async function output(options: ExecuteContextOptions, fake: FakeExotel = exotelAccepts()) {
	const { execution, http } = await run(options, fake);
	const [items] = (await execution) as INodeExecutionData[][];
	return { items, http, requests: sentRequests(http) };
}

/** n items, each with its own reference ID (ORD-0, ORD-1, ...). */
function numbered(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ referenceId: `ORD-${i}` }));
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError & NodeOperationError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError & NodeOperationError;
	}
	throw new Error('expected the node to throw');
}

describe('Exotel WhatsApp Payment: Send Payment Request', () => {
	describe('field mapping', () => {
		it('sends the seed order as one order_details message to the account messages endpoint', async () => {
			const { items, http, requests } = await output({});
			expect(http).toHaveBeenCalledTimes(1);
			const [request] = requests;
			expect(request.credentialType).toBe('exotelApi');
			expect(request.options).toMatchObject({
				method: 'POST',
				url: 'https://api.exotel.com/v2/accounts/test-sid/messages',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
			expect(request.options.body).toEqual({
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

		it('uses the Mumbai host, or a custom base URL, from the credential', async () => {
			for (const [credential, url] of [
				[{ region: 'mumbai' }, 'https://api.in.exotel.com/v2/accounts/test-sid/messages'],
				[{ region: 'custom', baseUrl: 'http://127.0.0.1:8090/' }, 'http://127.0.0.1:8090/v2/accounts/test-sid/messages'],
			] as const) {
				const { requests } = await output({
					credentials: {
						exotelApi: { apiKey: 'test-exotel-key', apiToken: 'test-exotel-token', accountSid: 'test-sid', ...credential },
					},
				});
				expect(requests[0].options.url).toBe(url);
			}
		});

		it('refuses a custom base URL with credentials in it, before sending', async () => {
			const { execution, http } = await run({
				credentials: {
					exotelApi: {
						apiKey: 'k1',
						apiToken: 't1',
						accountSid: 'test-sid',
						region: 'custom',
						baseUrl: 'https://user:pass@proxy.example.com',
					},
				},
			});
			const error = await failure(execution);
			expect(error.message).toMatch(/must not contain a user name or password/);
			expect(http).not.toHaveBeenCalled();
		});

		it('maps items outside a catalog with their origin and importer', async () => {
			const { requests } = await output({
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
			const parameters = (requests[0].messages[0] as any).content.interactive.action.parameters;
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
			const { requests } = await output({
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
			const parameters = requests[0].messages.map((message: any) => message.content.interactive.action.parameters);
			expect(parameters.map((p) => p.payment_type)).toEqual(['upi', 'payment_gateway:billdesk', 'payment_gateway:payu']);
			expect((requests[0].messages[0] as any).content.interactive.header).toBeUndefined();
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
			const { requests } = await output({
				itemParameters: [
					{ options: { customData: 'order-7', statusCallback: 'https://n8n.example.com/webhook/abc/webhook' } },
					{ referenceId: 'R2', options: { customData: { crm: 42 } } },
				],
			});
			expect(requests[0].messages[0]).toMatchObject({
				custom_data: 'order-7',
				status_callback: 'https://n8n.example.com/webhook/abc/webhook',
			});
			expect(requests[0].messages[1].custom_data).toBe('{"crm":42}');
			expect(requests[0].messages[1].status_callback).toBeUndefined();
		});
	});

	describe('batching', () => {
		it('sends 250 items as 3 requests of 100, 100 and 50, answering in input order', async () => {
			const { items, requests } = await output({ itemParameters: numbered(250) });
			expect(requests.map((request) => request.messages.length)).toEqual([100, 100, 50]);
			const sentOrder = requests.flatMap((request) => request.messages.map(referenceOfMessage));
			expect(sentOrder).toEqual(numbered(250).map((p) => p.referenceId));
			expect(items).toHaveLength(250);
			items.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(item.json).toMatchObject({ referenceId: `ORD-${i}`, sid: `sid-ORD-${i}` });
			});
			expect(items[150].json.requestId).toBe('req-2');
		});

		it('sends nothing for no input items', async () => {
			const { items, http } = await output({ items: [] });
			expect(items).toEqual([]);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('partly accepted bulk requests', () => {
		const rejectOrd1 = exotelAccepts((message) =>
			referenceOfMessage(message) === 'ORD-1'
				? { code: 1002, message: 'Duplicate reference_id', description: 'whatsapp.messages[1]: reference_id used before' }
				: undefined,
		);

		it('with Continue On Fail: success items for the accepted, error items with Exotel code for the rejected', async () => {
			const { items } = await output({ itemParameters: numbered(3), continueOnFail: true }, rejectOrd1);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json.sid).toBe('sid-ORD-0');
			expect(items[2].json.sid).toBe('sid-ORD-2');
			expect(items[1].json).toMatchObject({
				referenceId: 'ORD-1',
				error: 'Exotel did not accept the message: Duplicate reference_id',
				httpCode: '400',
				exotelCode: '1002',
			});
			expect(items[1].json.description).toContain('whatsapp.messages[1]: reference_id used before');
			expect(items[1].json.sid).toBeUndefined();
		});

		it('without it: throws for the rejected item, saying which items Exotel accepted', async () => {
			const { execution } = await run({ itemParameters: numbered(3) }, rejectOrd1);
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('Exotel did not accept the message: Duplicate reference_id');
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('(code 1002)');
			expect(error.description).toContain('accepted 2 other message(s) of this run (input items 0, 2)');
		});

		it('without it: sends no further request after one with a rejection', async () => {
			const { execution, http } = await run({ itemParameters: numbered(250) }, rejectOrd1);
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.description).toContain('Input items 100, 101');
			expect(error.description).toContain('were not sent');
		});

		it('reports a message Exotel said nothing about as not known, never as sent', async () => {
			const { items } = await output({ itemParameters: numbered(2), continueOnFail: true }, async () => ({
				statusCode: 202,
				body: {
					request_id: 'r',
					response: { whatsapp: { messages: [{ code: 202, status: 'success', data: { sid: 'only-one' } }] } },
				},
			}));
			expect(items[0].json.sid).toBe('only-one');
			expect(items[1].json.error).toMatch(/did not say what happened/);
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
			const { execution, http } = await run({ itemParameters: badSecondItem });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.context.itemIndex).toBe(1);
			expect(error.message).toContain('sale_amount');
			expect(error.description).toContain('items[0].sale_amount');
			expect(error.description).toContain('input item 1');
			expect(http).not.toHaveBeenCalled();
		});

		it('with Continue On Fail: an error item for the bad one, the others still sent', async () => {
			const { items, requests } = await output({ itemParameters: badSecondItem, continueOnFail: true });
			expect(requests).toHaveLength(1);
			expect(requests[0].messages.map(referenceOfMessage)).toEqual(['OK-0', 'OK-2']);
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
			const { execution, http } = await run({ itemParameters: [{}, parameters] });
			const error = await failure(execution);
			expect(error.message).toMatch(message);
			expect(error.context.itemIndex).toBe(1);
			expect(http).not.toHaveBeenCalled();
		});

		it('requires a beneficiary for shipped physical goods', async () => {
			const { execution, http } = await run({ parameters: { goodsType: 'physical-goods', shipped: true } });
			const error = await failure(execution);
			expect(error.message).toMatch(/beneficiaries/);
			expect(http).not.toHaveBeenCalled();
		});

		it('refuses to run with Retry On Fail, which could send a payment request twice', async () => {
			const { execution, http } = await run({ node: { retryOnFail: true } });
			const error = await failure(execution);
			expect(error.message).toMatch(/Retry On Fail/);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('Exotel errors', () => {
		it.each([
			[400, 'Invalid parameter', /malformed/, /at most 100 messages/],
			[401, 'Authorization failed', /did not accept the API key and token/, /region.*api\.in\.exotel\.com/],
			[402, 'Payment required', /plan/, /plan and balance/],
			[403, 'Forbidden', /denied access/, /IP whitelisting/],
			[404, 'Not found', /could not find/, /account SID.*region/],
			[409, 'Conflict', /conflicting/, /new reference_id/],
			[429, 'Too many requests', /limiting the request rate/, /new reference_id/],
			[500, 'Internal error', /could not process the request \(HTTP 500\)/, /may or may not.*new reference_id/],
			[503, 'Unavailable', /HTTP 503/, /did not resend it/],
		])('HTTP %i becomes a NodeApiError with Exotel message and advice, sent once', async (status, exotelMessage, message, advice) => {
			const { execution, http } = await run({}, async () => exotelErrorAnswer(status, exotelMessage, `${exotelMessage} (details)`));
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe(String(status));
			expect(error.message).toMatch(message);
			expect(error.message).toContain(exotelMessage);
			expect(error.description).toMatch(advice);
			expect(error.description).toContain('(code 1000)');
			expect(http).toHaveBeenCalledTimes(1);
		});

		it('does not resend after a time-out, and keeps the request headers out of the error', async () => {
			const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), {
				code: 'ECONNABORTED',
				config: { headers: { Authorization: 'Basic dGVzdC1leG90ZWwta2V5OnRlc3QtZXhvdGVsLXRva2Vu' } },
			});
			const { execution, http } = await run({ itemParameters: numbered(2) }, async () => {
				throw timeout;
			});
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('The request to Exotel did not complete: timeout of 30000ms exceeded');
			expect(error.description).toMatch(/did not resend it.*new reference_id/);
			expect(JSON.stringify(error)).not.toContain('dGVzdC1leG90ZWwta2V5');
		});

		it('with Continue On Fail: every item of the failed request gets the error, and later requests still go', async () => {
			let calls = 0;
			const accept = exotelAccepts();
			const { items, http } = await output({ itemParameters: numbered(150), continueOnFail: true }, async (type, options) => {
				calls++;
				return calls === 1 ? exotelErrorAnswer(503, 'Unavailable') : await accept(type, options);
			});
			expect(http).toHaveBeenCalledTimes(2);
			expect(items.slice(0, 100).every((item) => item.json.httpCode === '503')).toBe(true);
			expect(items[100].json.sid).toBe('sid-ORD-100');
		});

		it('never puts the key or token in an error, even when Exotel echoes them', async () => {
			const { execution } = await run({}, async () =>
				exotelErrorAnswer(401, 'Bad credentials test-exotel-key:test-exotel-token', 'Basic dGVzdC1leG90ZWwta2V5Og=='),
			);
			const error = await failure(execution);
			const everything = JSON.stringify({ message: error.message, description: error.description, error });
			expect(everything).not.toContain('test-exotel-key');
			expect(everything).not.toContain('test-exotel-token');
			expect(everything).not.toContain('dGVzdC1leG90ZWwta2V5Og==');
		});
	});

	describe('expiration', () => {
		const expirationOf = (requests: ReturnType<typeof sentRequests>) =>
			(requests[0].messages[0] as any).content.interactive.action.parameters.order.expiration;

		it('"expires in N minutes" counts from now, in epoch seconds as text', async () => {
			const before = Math.floor(Date.now() / 1000);
			const { requests } = await output({
				parameters: { expiration: 'inMinutes', expiresInMinutes: 30, expirationDescription: 'Pay within 30 minutes' },
			});
			const after = Math.floor(Date.now() / 1000);
			const expiration = expirationOf(requests);
			expect(typeof expiration.timestamp).toBe('string');
			expect(Number(expiration.timestamp)).toBeGreaterThanOrEqual(before + 1800);
			expect(Number(expiration.timestamp)).toBeLessThanOrEqual(after + 1800);
			expect(expiration.description).toBe('Pay within 30 minutes');
		});

		it('a date with an offset is that instant; without one it is in the workflow time zone', async () => {
			const future = new Date(Date.now() + 86_400_000);
			const day = future.toISOString().slice(0, 10);
			const described = { expiration: 'atDate', expirationDescription: 'Offer ends at noon' };
			const withOffset = await output({ parameters: { ...described, expiresAt: `${day}T12:00:00+05:30` } });
			const local = await output({
				parameters: { ...described, expiresAt: `${day}T12:00:00` },
				timezone: 'Asia/Kolkata',
			});
			const expected = String(Date.parse(`${day}T06:30:00Z`) / 1000);
			expect(expirationOf(withOffset.requests).timestamp).toBe(expected);
			expect(expirationOf(local.requests).timestamp).toBe(expected);
		});

		it('refuses an expiration less than 5 minutes ahead, before sending', async () => {
			const soon = new Date(Date.now() + 60_000).toISOString();
			const { execution, http } = await run({
				parameters: { expiration: 'atDate', expiresAt: soon, expirationDescription: 'Soon' },
			});
			const error = await failure(execution);
			expect(error.message).toMatch(/expiration/);
			expect(http).not.toHaveBeenCalled();
		});

		it('requires the expiration description WhatsApp shows', async () => {
			const { execution, http } = await run({ parameters: { expiration: 'inMinutes', expiresInMinutes: 30 } });
			const error = await failure(execution);
			expect(error.message).toMatch(/expiration\.description/);
			expect(http).not.toHaveBeenCalled();
		});

		it('refuses a date it cannot read, naming the field', async () => {
			const { execution } = await run({ parameters: { expiration: 'atDate', expiresAt: 'next tuesday' } });
			const error = await failure(execution);
			expect(error.message).toMatch(/"Expires At" is not a date/);
			expect(error.description).toContain('expiresAt');
		});

		it('sends no expiration by default', async () => {
			const { requests } = await output({});
			expect(expirationOf(requests)).toBeUndefined();
		});
	});

	describe('Order Input: JSON', () => {
		it('sends a whole interactive object as it is, after validating it', async () => {
			const { requests } = await output({ parameters: { orderInput: 'json', orderJson: JSON.stringify(SEED_INTERACTIVE) } });
			expect((requests[0].messages[0] as any).content.interactive).toEqual(SEED_INTERACTIVE);
		});

		it('wraps action.parameters with Body Text, Footer Text and Header', async () => {
			const { requests } = await output({
				parameters: {
					orderInput: 'json',
					orderJson: SEED_INTERACTIVE.action.parameters,
					bodyText: 'Please pay',
					footerText: '',
					header: 'none',
				},
			});
			expect((requests[0].messages[0] as any).content.interactive).toEqual({
				type: 'order_details',
				body: { text: 'Please pay' },
				action: { name: 'review_and_pay', parameters: SEED_INTERACTIVE.action.parameters },
			});
		});

		it('refuses JSON it cannot read and orders that break the rules, naming the item', async () => {
			const wrongTotal = structuredClone(SEED_INTERACTIVE);
			wrongTotal.action.parameters.total_amount.value = 999;
			const { execution, http } = await run({
				parameters: { orderInput: 'json' },
				itemParameters: [{ orderJson: SEED_INTERACTIVE }, { orderJson: wrongTotal }, { orderJson: '{not json' }],
				continueOnFail: true,
			});
			const [items] = (await execution) as INodeExecutionData[][];
			expect(items[0].json.sid).toBe('sid-57848');
			expect(items[1].json.error).toMatch(/total_amount/);
			expect(items[2].json.error).toMatch(/"Order \(JSON\)" is not valid JSON/);
			expect(items[2].json.description).toContain('orderJson');
			expect(sentRequests(http)[0].messages).toHaveLength(1);
		});

		it('refuses JSON that is neither shape', async () => {
			const { execution } = await run({ parameters: { orderInput: 'json', orderJson: { hello: 'world' } } });
			const error = await failure(execution);
			expect(error.message).toMatch(/neither an order_details interactive object/);
		});
	});
});
