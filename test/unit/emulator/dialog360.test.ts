import { AUTH, cloudMessage, cloudOrderDetails, orderStatus, useDialog360Emulator, WA_ID } from './dialog360Helpers';
import { importer } from './fixtures';

describe('360dialog emulator: API', () => {
	const h = useDialog360Emulator();

	describe('authentication', () => {
		it.each([
			['no key', {}],
			['a wrong key', { 'D360-API-KEY': 'wrong-key' }],
			['the key as a Bearer token', { authorization: 'Bearer emulator-360dialog-key' }],
		])('answers 401 with a Graph-style body for %s, everywhere', async (_name, headers) => {
			const send = await h.send(cloudMessage(cloudOrderDetails()), headers as Record<string, string>);
			expect(send.status).toBe(401);
			expect(send.json).toMatchObject({ error: { message: 'Invalid D360-API-KEY', type: 'OAuthException', code: 0 } });
			expect((await h.get('/health_status', headers as Record<string, string>)).status).toBe(401);
			expect((await h.get('/v1/configs/webhook', headers as Record<string, string>)).status).toBe(401);
			expect((await h.get('/v1/payments/emulator-config/ORD-1', headers as Record<string, string>)).status).toBe(401);
			expect(h.emu.state.dialog360.messages).toHaveLength(0);
		});

		it('answers GET /health_status for the right key (the credential test)', async () => {
			const { status, json } = await h.get('/health_status');
			expect(status).toBe(200);
			expect(json.health_status).toBeDefined();
		});
	});

	describe('POST /messages', () => {
		it('accepts a Cloud API order_details message and answers with the wamid', async () => {
			const { status, json } = await h.sendOne(cloudOrderDetails('ORD-1'));
			expect(status).toBe(200);
			expect(json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
			expect(h.emu.state.dialog360.orders['ORD-1']).toMatchObject({ status: 'pending', payment: 'new', payment_configuration: 'emulator-config', gateway: 'razorpay', wamid: json.messages[0].id });
		});

		it('also serves the sandbox path /v1/messages', async () => {
			expect((await h.send(cloudMessage(cloudOrderDetails('ORD-2')), AUTH, '/v1/messages')).status).toBe(200);
		});

		it.each([
			['messaging_product missing', { messaging_product: undefined }, 131008, 'messaging_product: is required'],
			['another recipient_type', { recipient_type: 'group' }, 131009, 'recipient_type: must be "individual"'],
			['a + in to', { to: `+${WA_ID}` }, 131009, 'to: must be the WhatsApp ID'],
			['spaces in to', { to: '91 98888 00000' }, 131009, 'to: must be the WhatsApp ID'],
		])('refuses %s with a Graph-style 400', async (_name, change, code, details) => {
			const { status, json } = await h.send({ ...cloudMessage(cloudOrderDetails()), ...change });
			expect(status).toBe(400);
			expect(json.error).toMatchObject({ code, error_data: { messaging_product: 'whatsapp', details: expect.stringContaining(details) } });
			expect(json.error.fbtrace_id).toEqual(expect.any(String));
		});

		it('applies the WhatsApp order rules (a sale price not below the price)', async () => {
			const interactive = cloudOrderDetails();
			interactive.action.parameters.order.items[0].sale_amount = { value: 1400, offset: 100 };
			const { status, json } = await h.sendOne(interactive);
			expect(status).toBe(400);
			expect(json.error).toMatchObject({ code: 131009, message: '(#131009) Parameter value is not valid' });
			expect(json.error.error_data.details).toContain('interactive.action.parameters.order.items[0].sale_amount');
		});

		it('requires items outside a catalog to name their importer', async () => {
			const interactive = cloudOrderDetails();
			delete interactive.action.parameters.order.catalog_id;
			expect((await h.sendOne(interactive)).json.error.error_data.details).toContain('country_of_origin');
			interactive.action.parameters.order.items[0] = { ...interactive.action.parameters.order.items[0], ...importer };
			expect((await h.sendOne(interactive)).status).toBe(200);
		});

		it("refuses Exotel's payment_type form, which the Cloud API does not take (switchable)", async () => {
			const { orderDetails } = await import('./fixtures');
			const refused = await h.sendOne(orderDetails('ORD-X'));
			expect(refused.json.error).toMatchObject({ code: 131008, error_data: { details: expect.stringContaining('payment_settings: is required') } });
			h.emu.config.dialog360.requirePaymentSettings = false;
			expect((await h.sendOne(orderDetails('ORD-X'))).status).toBe(200);
		});

		it.each([
			['notes that are not strings', { razorpay: { notes: { a: 1 } } }, 'razorpay.notes: must be an object of strings'],
			['a receipt that is not a string', { razorpay: { receipt: 7 } }, 'razorpay.receipt: must be a string'],
			['Razorpay options with another gateway', { type: 'payu', razorpay: { receipt: 'r' } }, 'is only allowed with the razorpay gateway, not payu'],
			['an unknown gateway', { type: 'stripe' }, 'payment_gateway.type: must be one of razorpay, payu, billdesk, zaakpay'],
			['a configuration name over 60 characters', { configuration_name: 'c'.repeat(61) }, 'configuration_name: must not exceed 60 characters'],
		])('refuses %s', async (_name, gateway, details) => {
			const { status, json } = await h.sendOne(cloudOrderDetails('ORD-1', gateway));
			expect(status).toBe(400);
			expect(json.error.error_data.details).toContain(details);
		});

		it('refuses a reference_id used by an earlier order_details message', async () => {
			await h.sendOne(cloudOrderDetails('ORD-1'));
			const again = await h.sendOne(cloudOrderDetails('ORD-1'));
			expect(again.status).toBe(400);
			expect(again.json.error.error_data.details).toContain('"ORD-1" was already used');
		});

		it('answers 400 to a body that is not JSON', async () => {
			const { status, json } = await h.send('{"messaging_product": ');
			expect(status).toBe(400);
			expect(json.error.code).toBe(100);
		});

		it('fail-next: answers the given error to the next sends, storing nothing', async () => {
			await h.control('fail-next', { status: 400, code: 131047, count: 1 });
			const failed = await h.sendOne(cloudOrderDetails('ORD-1'));
			expect(failed.status).toBe(400);
			expect(failed.json.error).toMatchObject({ code: 131047, message: '(#131047) Re-engagement message' });
			expect(h.emu.state.dialog360.orders['ORD-1']).toBeUndefined();
			expect((await h.sendOne(cloudOrderDetails('ORD-1'))).status).toBe(200);
		});
	});

	describe('payment lookup', () => {
		beforeEach(async () => {
			await h.sendOne(cloudOrderDetails('ORD-1'));
		});

		it.each(['/v1/payments', '/payments'])('answers on %s with the payment and its transactions', async (prefix) => {
			const fresh = await h.get(`${prefix}/emulator-config/ORD-1`);
			expect(fresh.status).toBe(200);
			expect(fresh.json).toEqual({ payments: [{ reference_id: 'ORD-1', status: 'new', currency: 'INR', amount: { value: 1000, offset: 100 }, transactions: [] }] });
			await h.control('pay', { reference_id: 'ORD-1', outcome: 'captured', transaction_id: 'pay_1' });
			const paid = await h.get(`${prefix}/emulator-config/ORD-1`);
			expect(paid.json.payments[0]).toMatchObject({ status: 'captured', transactions: [{ id: 'pay_1', type: 'razorpay', status: 'success', amount: { value: 1000, offset: 100 } }] });
		});

		it('answers 404 on a path switched off, so the other Lookup Path can be tested', async () => {
			h.emu.config.dialog360.lookupPaths = ['/payments'];
			const { status, json } = await h.get('/v1/payments/emulator-config/ORD-1');
			expect(status).toBe(404);
			expect(json.error.type).toBe('GraphMethodException');
			expect((await h.get('/payments/emulator-config/ORD-1')).status).toBe(200);
		});

		it.each([
			['another configuration', '/v1/payments/other-config/ORD-1'],
			['an unknown reference', '/v1/payments/emulator-config/ORD-404'],
		])('answers 404 for %s', async (_name, path) => {
			const { status, json } = await h.get(path);
			expect(status).toBe(404);
			expect(json.error.message).toBe('Payment not found');
		});
	});

	describe('the number\'s webhook', () => {
		it('stores url and headers and shows them', async () => {
			expect((await h.get('/v1/configs/webhook')).json).toEqual({ url: null, headers: {} });
			const set = await h.setWebhook('https://n8n.example.test/webhook/x/webhook', { 'X-N8N-Webhook-Secret': 's' });
			expect(set).toMatchObject({ status: 200, json: { url: 'https://n8n.example.test/webhook/x/webhook' } });
			expect((await h.get('/v1/configs/webhook')).json).toEqual({ url: 'https://n8n.example.test/webhook/x/webhook', headers: { 'X-N8N-Webhook-Secret': 's' } });
		});

		it('hides the headers when configured to', async () => {
			await h.setWebhook('https://n8n.example.test/hook', { a: 'b' });
			h.emu.config.dialog360.showWebhookHeaders = false;
			expect((await h.get('/v1/configs/webhook')).json).toEqual({ url: 'https://n8n.example.test/hook' });
		});

		it('clears it with an empty URL, or refuses that when configured to', async () => {
			await h.setWebhook('https://n8n.example.test/hook');
			expect((await h.setWebhook('')).status).toBe(200);
			expect(h.emu.state.dialog360.webhook).toEqual({ url: null, headers: null });
			h.emu.config.dialog360.allowEmptyWebhookUrl = false;
			const refused = await h.setWebhook('');
			expect(refused.status).toBe(400);
			expect(refused.json.error.error_data.details).toBe('url: must not be empty');
		});

		it.each([
			[{ url: 'ftp://x' }, 'url: must be an http(s) URL'],
			[{ url: 'https://x.test', headers: { a: 1 } }, 'headers: must be an object of strings'],
			[{ headers: {} }, 'url: is required'],
		])('refuses %j', async (body, details) => {
			const { postJson } = await import('./helpers');
			const { status, json } = await postJson(`${h.emu.url}/v1/configs/webhook`, body, AUTH);
			expect(status).toBe(400);
			expect(json.error.error_data.details).toBe(details);
		});
	});

	it('GET /_control/dialog360/state shows messages, orders and the webhook', async () => {
		await h.sendOne(cloudOrderDetails('ORD-1'));
		await h.setWebhook('http://127.0.0.1:1/hook');
		const { json } = await h.get('/_control/dialog360/state', {});
		expect(json.messages).toHaveLength(1);
		expect(Object.keys(json.orders)).toEqual(['ORD-1']);
		expect(json.webhook).toEqual({ url: 'http://127.0.0.1:1/hook', headers: null });
	});

	it('order_status: a bad status is a synchronous 400', async () => {
		await h.sendOne(cloudOrderDetails('ORD-1'));
		const { status, json } = await h.sendOne(orderStatus('ORD-1', 'partially-shipped'));
		expect(status).toBe(400);
		expect(json.error.error_data.details).toContain('order.status');
	});
});
