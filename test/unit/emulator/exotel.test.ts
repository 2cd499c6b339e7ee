import { EXOTEL, basic, createEmulator, getJson, postJson, startReceiver } from './helpers';
import { beneficiary, importer, message, orderDetails, orderStatus, textMessage } from './fixtures';

const AUTH = { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) };

describe('Exotel emulator', () => {
	let emu: any;
	let sendUrl: string;
	const send = (body: unknown, headers: Record<string, string> = AUTH, url = sendUrl) => postJson(url, body, headers);
	const control = (path: string, body: unknown = {}) => postJson(`${emu.url}/_control/exotel/${path}`, body);
	const sendOne = (interactive: any, extra: Record<string, unknown> = {}) =>
		send({ ...extra, whatsapp: { messages: [message(interactive)] } });

	beforeAll(async () => {
		emu = await createEmulator({ port: 0, config: { exotel: { retryDelaysMs: [20, 20], asyncErrorDelayMs: 10 } } });
		sendUrl = `${emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`;
	});
	afterAll(() => emu.close());
	beforeEach(async () => {
		await postJson(`${emu.url}/_control/reset`, {});
		await postJson(`${emu.url}/_control/config`, {
			exotel: { defaultStatusCallback: null, partiallyShippedSpellings: ['partially_shipped'], callbackWrapper: 'whatsapp', callbackEncoding: 'json', statusCodeAsString: false },
		});
	});

	describe('authentication', () => {
		it('accepts Basic key:token for the configured account', async () => {
			const { status, json } = await send({ whatsapp: { messages: [textMessage(1)] } });
			expect(status).toBe(202);
			expect(json.response.whatsapp.messages[0]).toMatchObject({ code: 202, status: 'success', error_data: null });
			expect(json.response.whatsapp.messages[0].data.sid).toMatch(/^[0-9a-f]{32}$/);
		});

		it.each([
			['no Authorization header', {}],
			['a wrong token', { authorization: basic(EXOTEL.apiKey, 'wrong-token') }],
			['a wrong key', { authorization: basic('wrong-key', EXOTEL.apiToken) }],
			['a Bearer header', { authorization: `Bearer ${EXOTEL.apiToken}` }],
		])('answers 401 with an Exotel error body for %s', async (_label, headers) => {
			const { status, json } = await send({ whatsapp: { messages: [textMessage(1)] } }, headers as Record<string, string>);
			expect(status).toBe(401);
			expect(json).toMatchObject({
				http_code: 401,
				response: { code: 401, status: 'failure', data: null, error_data: { code: 1010, message: 'Authorization failed' } },
			});
			expect(emu.state.exotel.messages).toHaveLength(0);
		});

		it('answers 401 when the account SID in the path is not the credentials\' account', async () => {
			const { status } = await send({ whatsapp: { messages: [textMessage(1)] } }, AUTH, `${emu.url}/v2/accounts/other-sid/messages`);
			expect(status).toBe(401);
		});
	});

	describe('request envelope', () => {
		it('answers 400 to malformed JSON and to a request without messages', async () => {
			expect((await send('{"whatsapp": ')).status).toBe(400);
			const empty = await send({ whatsapp: { messages: [] } });
			expect(empty.status).toBe(400);
			expect(empty.json.response.error_data.description).toContain('whatsapp.messages');
		});

		it('accepts 100 messages and refuses 101 with 400', async () => {
			const hundred = await send({ whatsapp: { messages: Array.from({ length: 100 }, (_, i) => textMessage(i)) } });
			expect(hundred.status).toBe(202);
			expect(hundred.json.metadata).toEqual({ total: 100, success: 100, failed: 0 });
			const tooMany = await send({ whatsapp: { messages: Array.from({ length: 101 }, (_, i) => textMessage(i)) } });
			expect(tooMany.status).toBe(400);
			expect(tooMany.json.response.error_data.description).toMatch(/More than 100 messages/);
			expect(emu.state.exotel.messages).toHaveLength(100);
		});

		it('answers a partly accepted bulk with 202 and per-message results in request order', async () => {
			const broken = orderDetails('ORD-B');
			broken.action.parameters.currency = 'USD';
			const { status, json } = await send({
				whatsapp: { messages: [message(orderDetails('ORD-A')), message(broken), textMessage(3)] },
			});
			expect(status).toBe(202);
			expect(json.metadata).toEqual({ total: 3, success: 2, failed: 1 });
			const [a, b, c] = json.response.whatsapp.messages;
			expect(a).toMatchObject({ code: 202, status: 'success', error_data: null });
			expect(b).toEqual({
				code: 400,
				status: 'failure',
				data: null,
				error_data: { code: 1002, message: 'Invalid parameter', description: expect.stringContaining('whatsapp.messages[1].content.interactive.action.parameters.currency') },
			});
			expect(c).toMatchObject({ code: 202, status: 'success' });
			expect(emu.state.exotel.messages.map((m: any) => m.sid)).toEqual([a.data.sid, c.data.sid]);
		});

		it('answers 400 when every message is rejected', async () => {
			const { status, json } = await send({ whatsapp: { messages: [{ from: 'x', to: 'y' }] } });
			expect(status).toBe(400);
			expect(json.metadata).toEqual({ total: 1, success: 0, failed: 1 });
		});

		it('stores each message with callback and custom_data taken message > channel > request', async () => {
			const { json } = await send({
				status_callback: 'http://127.0.0.1:1/request',
				custom_data: 'request-data',
				whatsapp: {
					status_callback: 'http://127.0.0.1:1/channel',
					messages: [
						message(orderDetails('ORD-1'), { status_callback: 'http://127.0.0.1:1/message', custom_data: 'message-data' }),
						message(orderDetails('ORD-2')),
					],
				},
			});
			const [first, second] = emu.state.exotel.messages;
			expect(first).toMatchObject({
				sid: json.response.whatsapp.messages[0].data.sid,
				to: '+919888800000',
				type: 'order_details',
				reference_id: 'ORD-1',
				status_callback: 'http://127.0.0.1:1/message',
				custom_data: 'message-data',
				amount: { value: 1000, offset: 100 },
			});
			expect(second).toMatchObject({ status_callback: 'http://127.0.0.1:1/channel', custom_data: 'request-data' });
			const listed = await getJson(`${emu.url}/_control/exotel/messages?reference_id=ORD-2`);
			expect(listed.json.count).toBe(1);
		});

		it('counts the API requests it received, not the control calls', async () => {
			await send({ whatsapp: { messages: [textMessage(1)] } });
			await send({ whatsapp: { messages: [textMessage(2)] } }, {});
			const { json } = await getJson(`${emu.url}/_control/requests?provider=exotel`);
			expect(json.count).toBe(2);
			expect(json.requests.map((r: any) => r.status)).toEqual([202, 401]);
			expect(json.requests[0]).toMatchObject({ method: 'POST', path: '/v2/accounts/emulator-sid/messages' });
		});
	});

	describe('order_details rules', () => {
		const P = 'interactive.action.parameters';
		const cases: Array<[string, string, (o: any) => void]> = [
			['reference_id with a space', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = 'ORD 1')],
			['reference_id of 36 characters', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = 'A'.repeat(36))],
			['empty reference_id', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = '')],
			['currency USD', `${P}.currency`, (o) => (o.action.parameters.currency = 'USD')],
			['offset 1000', `${P}.total_amount.offset`, (o) => (o.action.parameters.total_amount.offset = 1000)],
			['a decimal value', `${P}.order.items[0].amount.value`, (o) => (o.action.parameters.order.items[0].amount.value = 1400.5)],
			['sale_amount equal to amount', `${P}.order.items[0].sale_amount`, (o) => (o.action.parameters.order.items[0].sale_amount.value = 1400)],
			['quantity as a string', `${P}.order.items[0].quantity`, (o) => (o.action.parameters.order.items[0].quantity = '1')],
			['a decimal quantity', `${P}.order.items[0].quantity`, (o) => (o.action.parameters.order.items[0].quantity = 1.5)],
			['an item name of 61 characters', `${P}.order.items[0].name`, (o) => (o.action.parameters.order.items[0].name = 'n'.repeat(61))],
			['a subtotal that ignores sale_amount', `${P}.order.subtotal.value`, (o) => {
				o.action.parameters.order.subtotal.value = 1400;
				o.action.parameters.total_amount.value = 1400;
			}],
			['a wrong total', `${P}.total_amount.value`, (o) => (o.action.parameters.total_amount.value = 1100)],
			['a missing tax', `${P}.order.tax`, (o) => delete o.action.parameters.order.tax],
			['a tax description of 61 characters', `${P}.order.tax.description`, (o) => (o.action.parameters.order.tax.description = 'd'.repeat(61))],
			['a discount program name of 61 characters', `${P}.order.discount.discount_program_name`, (o) => (o.action.parameters.order.discount.discount_program_name = 'p'.repeat(61))],
			['no catalog and no importer fields', `${P}.order.items[0].country_of_origin`, (o) => delete o.action.parameters.order.catalog_id],
			['an expiration 100 s ahead', `${P}.order.expiration.timestamp`, (o) => (o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 100), description: 'soon' })],
			['an expiration timestamp as a number', `${P}.order.expiration.timestamp`, (o) => (o.action.parameters.order.expiration = { timestamp: Math.floor(Date.now() / 1000) + 3600 })],
			['an expiration description of 121 characters', `${P}.order.expiration.description`, (o) => (o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 3600), description: 'e'.repeat(121) })],
			['a payment_configuration of 61 characters', `${P}.payment_configuration`, (o) => (o.action.parameters.payment_configuration = 'c'.repeat(61))],
			['an unknown payment_type', `${P}.payment_type`, (o) => (o.action.parameters.payment_type = 'card')],
			['an unknown goods type', `${P}.type`, (o) => (o.action.parameters.type = 'services')],
			['physical goods without beneficiaries', `${P}.beneficiaries`, (o) => (o.action.parameters.type = 'physical-goods')],
			['a 5-digit beneficiary postal code', `${P}.beneficiaries[0].postal_code`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, postal_code: '56000' }])],
			['a beneficiary outside India', `${P}.beneficiaries[0].country`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, country: 'Nepal' }])],
			['a beneficiary name of 201 characters', `${P}.beneficiaries[0].name`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, name: 'b'.repeat(201) }])],
			['order status other than pending', `${P}.order.status`, (o) => (o.action.parameters.order.status = 'processing')],
			['a wrong action name', 'interactive.action.name', (o) => (o.action.name = 'review_order')],
			['a missing body', 'interactive.body', (o) => delete o.body],
			['a body text of 1025 characters', 'interactive.body.text', (o) => (o.body.text = 't'.repeat(1025))],
			['a footer text of 61 characters', 'interactive.footer.text', (o) => (o.footer.text = 'f'.repeat(61))],
		];

		it.each(cases)('rejects %s', async (_label, field, mutate) => {
			const interactive = orderDetails();
			mutate(interactive);
			const { status, json } = await sendOne(interactive);
			expect(status).toBe(400);
			const result = json.response.whatsapp.messages[0];
			expect(result).toMatchObject({ code: 400, status: 'failure', data: null });
			expect(result.error_data.description).toContain(`whatsapp.messages[0].content.${field}`);
			expect(emu.state.exotel.orders).toEqual({});
		});

		it.each([
			['the seed example with a catalog', () => orderDetails()],
			['items with importer details and no catalog', () => {
				const o = orderDetails();
				delete o.action.parameters.order.catalog_id;
				Object.assign(o.action.parameters.order.items[0], importer);
				return o;
			}],
			['physical goods with a beneficiary', () => {
				const o = orderDetails();
				o.action.parameters.type = 'physical-goods';
				o.action.parameters.beneficiaries = [beneficiary];
				return o;
			}],
			['an expiration 600 s ahead and a 35-character reference', () => {
				const o = orderDetails('Ab0_.-'.repeat(5) + 'Z1234');
				o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 600), description: 'Pay within 10 minutes' };
				return o;
			}],
			['Cloud-style payment_settings', () => {
				const o = orderDetails();
				delete o.action.parameters.payment_type;
				delete o.action.parameters.payment_configuration;
				o.action.parameters.payment_settings = [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'emulator-config' } }];
				return o;
			}],
			['UPI intent with quantity 3', () => {
				const o = orderDetails();
				o.action.parameters.payment_type = 'upi';
				o.action.parameters.order.items[0].quantity = 3;
				o.action.parameters.order.subtotal.value = 3000;
				o.action.parameters.total_amount.value = 3000;
				return o;
			}],
		])('accepts %s', async (_label, build) => {
			const { status, json } = await sendOne(build());
			expect(json.response.whatsapp.messages[0].error_data).toBeNull();
			expect(status).toBe(202);
		});

		it('refuses a reference_id already used, also within one request', async () => {
			expect((await sendOne(orderDetails('ORD-7'))).status).toBe(202);
			const again = await send({ whatsapp: { messages: [message(orderDetails('ORD-7')), message(orderDetails('ORD-8')), message(orderDetails('ORD-8'))] } });
			const results = again.json.response.whatsapp.messages;
			expect(results.map((r: any) => r.status)).toEqual(['failure', 'success', 'failure']);
			expect(results[0].error_data).toMatchObject({ message: 'Duplicate reference_id' });
			expect(results[0].error_data.description).toContain('"ORD-7"');
		});

		it('lets the rules that cannot be known be switched off', async () => {
			await postJson(`${emu.url}/_control/config`, { exotel: { requireBeneficiariesForPhysicalGoods: false, requireImporterWithoutCatalog: false } });
			const o = orderDetails();
			o.action.parameters.type = 'physical-goods';
			delete o.action.parameters.order.catalog_id;
			expect((await sendOne(o)).status).toBe(202);
			await postJson(`${emu.url}/_control/config`, { exotel: { requireBeneficiariesForPhysicalGoods: true, requireImporterWithoutCatalog: true } });
		});
	});

	describe('order_status', () => {
		let receiver: Awaited<ReturnType<typeof startReceiver>>;
		beforeEach(async () => {
			receiver = await startReceiver();
		});
		afterEach(() => receiver.close());

		const status = (ref: string, value: string) => sendOne(orderStatus(ref, value), { status_callback: receiver.url, custom_data: 'ORD-custom' });

		it('moves an order through allowed statuses without callbacks', async () => {
			await sendOne(orderDetails('ORD-S'));
			for (const value of ['processing', 'partially_shipped', 'shipped', 'processing', 'completed']) {
				expect((await status('ORD-S', value)).status).toBe(202);
			}
			expect(emu.state.exotel.orders['ORD-S'].status).toBe('completed');
			await new Promise((r) => setTimeout(r, 60));
			expect(receiver.received).toHaveLength(0);
		});

		it('rejects an unknown status value synchronously', async () => {
			await sendOne(orderDetails('ORD-S'));
			const { status: http, json } = await status('ORD-S', 'pending');
			expect(http).toBe(400);
			expect(json.response.whatsapp.messages[0].error_data.description).toContain('order.status');
		});

		it('accepts partially-shipped only when configured', async () => {
			await sendOne(orderDetails('ORD-H'));
			expect((await status('ORD-H', 'partially-shipped')).status).toBe(400);
			await postJson(`${emu.url}/_control/config`, { exotel: { partiallyShippedSpellings: ['partially_shipped', 'partially-shipped'] } });
			expect((await status('ORD-H', 'partially-shipped')).status).toBe(202);
			expect(emu.state.exotel.orders['ORD-H'].status).toBe('partially_shipped');
		});

		it('accepts a forbidden transition, then sends a failed DLR with 2046', async () => {
			await sendOne(orderDetails('ORD-T'));
			expect((await status('ORD-T', 'completed')).status).toBe(202);
			const refused = await status('ORD-T', 'processing');
			expect(refused.status).toBe(202);
			const [cb] = await receiver.waitFor(1);
			const item = JSON.parse(cb.body).whatsapp.messages[0];
			expect(item).toMatchObject({
				callback_type: 'dlr',
				sid: refused.json.response.whatsapp.messages[0].data.sid,
				to: '+919888800000',
				exo_status_code: 30010,
				exo_detailed_status: 'EX_INVALID_REQUEST',
				error_code: 2046,
				custom_data: 'ORD-custom',
				payment_reference_id: 'ORD-T',
			});
			expect(emu.state.exotel.orders['ORD-T'].status).toBe('completed');
		});

		it('sends 2046 for a reference_id that no order_details opened', async () => {
			expect((await status('NO-SUCH-ORDER', 'processing')).status).toBe(202);
			const [cb] = await receiver.waitFor(1);
			expect(JSON.parse(cb.body).whatsapp.messages[0].error_code).toBe(2046);
		});

		it('sends 2047 when canceling a paid order', async () => {
			await sendOne(orderDetails('ORD-P'), { status_callback: receiver.url });
			expect((await control('pay', { reference_id: 'ORD-P' })).status).toBe(200);
			await status('ORD-P', 'canceled');
			const received = await receiver.waitFor(2);
			expect(JSON.parse(received[1].body).whatsapp.messages[0]).toMatchObject({ error_code: 2047, exo_detailed_status: 'EX_INVALID_REQUEST' });
			expect(emu.state.exotel.orders['ORD-P'].status).toBe('pending');
		});

		it('allows canceling an unpaid order and refuses payment after it', async () => {
			await sendOne(orderDetails('ORD-C'), { status_callback: receiver.url });
			await status('ORD-C', 'canceled');
			expect(emu.state.exotel.orders['ORD-C'].status).toBe('canceled');
			expect((await control('pay', { reference_id: 'ORD-C' })).status).toBe(409);
		});
	});

	describe('payment and delivery callbacks', () => {
		let receiver: Awaited<ReturnType<typeof startReceiver>>;
		afterEach(() => receiver.close());

		async function openOrder(ref: string, extra: Record<string, unknown> = {}) {
			const { json } = await sendOne(orderDetails(ref), { status_callback: receiver.url, ...extra });
			return json.response.whatsapp.messages[0].data.sid as string;
		}

		it('pay sends the EX_PAYMENT_SUCCESS callback the way Exotel does', async () => {
			receiver = await startReceiver();
			const sid = await openOrder('ORD-PAY', { custom_data: 'cart-42' });
			const { status, json } = await control('pay', { reference_id: 'ORD-PAY', outcome: 'success', transaction_id: 'pay_123' });
			expect(status).toBe(200);
			expect(json.delivery).toMatchObject({ status: 'delivered', provider: 'exotel', url: receiver.url });
			const [cb] = receiver.received;
			expect(cb.headers['content-type']).toBe('application/json');
			const body = JSON.parse(cb.body);
			expect(Object.keys(body)).toEqual(['whatsapp']);
			expect(body.whatsapp.messages).toEqual([
				{
					callback_type: 'dlr',
					sid,
					to: '+919888800000',
					exo_status_code: 30050,
					exo_detailed_status: 'EX_PAYMENT_SUCCESS',
					description: 'Payment Succeeded',
					timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/),
					custom_data: 'cart-42',
					conversation_id: expect.stringMatching(/^[0-9a-f]{32}$/),
					payment_reference_id: 'ORD-PAY',
					payment_transaction_id: 'pay_123',
				},
			]);
			expect(emu.state.exotel.orders['ORD-PAY'].payment).toBe('success');
			expect((await control('pay', { reference_id: 'ORD-PAY' })).status).toBe(409);
		});

		it.each([
			['failed', 30051, 'EX_PAYMENT_FAILED'],
			['pending', 30049, 'EX_PAYMENT_PENDING'],
		])('pay %s sends a non-success EX_PAYMENT_* status', async (outcome, code, detailed) => {
			receiver = await startReceiver();
			const sid = await openOrder('ORD-NS');
			await control('pay', { sid, outcome });
			const item = JSON.parse(receiver.received[0].body).whatsapp.messages[0];
			expect(item).toMatchObject({ exo_status_code: code, exo_detailed_status: detailed, payment_reference_id: 'ORD-NS' });
			expect(item.payment_transaction_id).toMatch(/^\d{10}$/);
		});

		it('retries a refused callback at most twice', async () => {
			receiver = await startReceiver([500]);
			await openOrder('ORD-R');
			const { json } = await control('pay', { reference_id: 'ORD-R' });
			expect(json.delivery.status).toBe('failed');
			expect(json.delivery.attempts.map((a: any) => a.status)).toEqual([500, 500, 500]);
			expect(receiver.received).toHaveLength(3);
			const listed = await getJson(`${emu.url}/_control/webhooks?provider=exotel`);
			expect(listed.json.count).toBe(1);
		});

		it('stops retrying once the receiver answers 2xx', async () => {
			receiver = await startReceiver([503, 200]);
			await openOrder('ORD-R2');
			const { json } = await control('pay', { reference_id: 'ORD-R2' });
			expect(json.delivery.attempts.map((a: any) => a.status)).toEqual([503, 200]);
			expect(json.delivery.status).toBe('delivered');
		});

		it('resend-last repeats the last callback byte for byte', async () => {
			receiver = await startReceiver();
			await openOrder('ORD-D');
			await control('pay', { reference_id: 'ORD-D' });
			await control('resend-last');
			expect(receiver.received).toHaveLength(2);
			expect(receiver.received[1].body).toBe(receiver.received[0].body);
		});

		it.each([
			['sent', 30001, 'EX_MESSAGE_SENT'],
			['delivered', 30002, 'EX_MESSAGE_DELIVERED'],
			['read', 30003, 'EX_MESSAGE_SEEN'],
			['failed', 30004, 'EX_SYSTEM_ERROR'],
		])('deliver %s sends the DLR %d', async (status, code, detailed) => {
			receiver = await startReceiver();
			const sid = await openOrder('ORD-DLR');
			await control('deliver', { sid, status });
			const item = JSON.parse(receiver.received[0].body).whatsapp.messages[0];
			expect(item).toMatchObject({ callback_type: 'dlr', sid, exo_status_code: code, exo_detailed_status: detailed, payment_reference_id: 'ORD-DLR' });
			expect(item).not.toHaveProperty('payment_transaction_id');
		});

		it('uses the account-default callback when the request names none, 409 without any', async () => {
			receiver = await startReceiver();
			await sendOne(orderDetails('ORD-DEF'));
			expect((await control('pay', { reference_id: 'ORD-DEF', outcome: 'pending' })).status).toBe(409);
			await postJson(`${emu.url}/_control/config`, { exotel: { defaultStatusCallback: receiver.url } });
			expect((await control('pay', { reference_id: 'ORD-DEF' })).status).toBe(200);
			expect(receiver.received).toHaveLength(1);
		});

		it('can wrap the body in params, encode it as a form, and send the status code as a string', async () => {
			receiver = await startReceiver();
			const sid = await openOrder('ORD-F');
			await postJson(`${emu.url}/_control/config`, { exotel: { callbackWrapper: 'params', statusCodeAsString: true } });
			await control('deliver', { sid, status: 'delivered' });
			const wrapped = JSON.parse(receiver.received[0].body);
			expect(wrapped.params.whatsapp.messages[0].exo_status_code).toBe('30002');

			await postJson(`${emu.url}/_control/config`, { exotel: { callbackEncoding: 'form' } });
			await control('pay', { reference_id: 'ORD-F', transaction_id: 'T1' });
			expect(receiver.received[1].headers['content-type']).toBe('application/x-www-form-urlencoded');
			const form = new URLSearchParams(receiver.received[1].body);
			expect(form.get('exo_status_code')).toBe('30050');
			expect(form.get('sid')).toBe(sid);
			expect(form.get('payment_transaction_id')).toBe('T1');

			await postJson(`${emu.url}/_control/config`, { exotel: { callbackEncoding: 'form-bracket' } });
			await control('deliver', { sid, status: 'read' });
			const bracket = new URLSearchParams(receiver.received[2].body);
			expect(bracket.get('params[whatsapp][messages][0][exo_detailed_status]')).toBe('EX_MESSAGE_SEEN');
		});

		it('returns 404 for an unknown order or message', async () => {
			receiver = await startReceiver();
			expect((await control('pay', { reference_id: 'nope' })).status).toBe(404);
			expect((await control('deliver', { sid: 'nope', status: 'sent' })).status).toBe(404);
		});
	});

	it('fail-next makes the next send answer an error and store nothing', async () => {
		await control('fail-next', { status: 503, count: 1 });
		const failed = await sendOne(orderDetails('ORD-FN'));
		expect(failed.status).toBe(503);
		expect(failed.json.http_code).toBe(503);
		expect(emu.state.exotel.messages).toHaveLength(0);
		expect((await sendOne(orderDetails('ORD-FN'))).status).toBe(202);
		expect(emu.countRequests('exotel')).toBe(2);
	});
});
