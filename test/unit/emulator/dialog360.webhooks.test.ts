import { createHmac } from 'node:crypto';
import { cloudOrderDetails, orderStatus, PARTNER_SECRET, useDialog360Emulator, WA_ID } from './dialog360Helpers';
import { startReceiver } from './helpers';

describe('360dialog emulator: webhooks and control', () => {
	const h = useDialog360Emulator();
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	beforeEach(async () => {
		receiver = await startReceiver();
		await h.setWebhook(receiver.url, { 'X-N8N-Webhook-Secret': 'hook-secret' });
	});
	afterEach(() => receiver.close());

	async function opened(referenceId = 'ORD-1') {
		const { json } = await h.sendOne(cloudOrderDetails(referenceId));
		return json.messages[0].id as string;
	}

	it('pay: updates the lookup and posts a Cloud API payment status with the configured headers and a signature', async () => {
		const wamid = await opened();
		const { status, json } = await h.control('pay', { reference_id: 'ORD-1', outcome: 'captured', transaction_id: 'pay_9' });
		expect(status).toBe(200);
		expect(json.delivery.status).toBe('delivered');
		expect(json.payment).toMatchObject({ status: 'captured', transactions: [{ id: 'pay_9', status: 'success' }] });
		const [request] = receiver.received;
		expect(request.headers['x-n8n-webhook-secret']).toBe('hook-secret');
		expect(request.headers['x-360dialog-signature']).toBe(createHmac('sha256', PARTNER_SECRET).update(request.body).digest('hex'));
		const body = JSON.parse(request.body);
		expect(body).toMatchObject({
			object: 'whatsapp_business_account',
			entry: [{ id: 'emulator-waba-id', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'emulator-phone-number-id' } } }] }],
		});
		const [item] = body.entry[0].changes[0].value.statuses;
		expect(item).toMatchObject({
			id: wamid,
			recipient_id: WA_ID,
			type: 'payment',
			status: 'captured',
			timestamp: expect.stringMatching(/^\d{10}$/),
			payment: { reference_id: 'ORD-1', amount: { value: 1000, offset: 100 }, currency: 'INR', transaction: { id: 'pay_9', type: 'razorpay', status: 'success', refunds: null } },
		});
		expect(item.payment.payment_configuration).toBeUndefined();
	});

	it('signs in base64 or not at all when configured to, and names the payment configuration when asked', async () => {
		await opened();
		h.emu.config.dialog360.signature = 'base64';
		h.emu.config.dialog360.includePaymentConfigurationInWebhook = true;
		await h.control('pay', { reference_id: 'ORD-1', outcome: 'pending' });
		const [request] = receiver.received;
		expect(request.headers['x-360dialog-signature']).toBe(createHmac('sha256', PARTNER_SECRET).update(request.body).digest('base64'));
		expect(JSON.parse(request.body).entry[0].changes[0].value.statuses[0].payment.payment_configuration).toBe('emulator-config');
		h.emu.config.dialog360.signature = 'none';
		await h.control('pay', { reference_id: 'ORD-1', outcome: 'failed' });
		expect(receiver.received[1].headers['x-360dialog-signature']).toBeUndefined();
	});

	it.each([
		['failed', 'failed'],
		['pending', 'pending'],
		['canceled', 'failed'],
	])('pay %s: the lookup and the webhook say %s, and the transaction status follows', async (outcome, transaction) => {
		await opened();
		const { json } = await h.control('pay', { reference_id: 'ORD-1', outcome });
		expect(json.payment.status).toBe(outcome);
		expect(json.payment.transactions[0].status).toBe(transaction);
	});

	it('pay refuses unknown orders, paid or canceled ones and unknown outcomes', async () => {
		expect((await h.control('pay', { reference_id: 'ORD-404' })).status).toBe(404);
		await opened();
		expect((await h.control('pay', { reference_id: 'ORD-1', outcome: 'stolen' })).status).toBe(400);
		await h.control('pay', { reference_id: 'ORD-1' });
		expect((await h.control('pay', { reference_id: 'ORD-1' })).status).toBe(409);
	});

	it('pay without a webhook URL changes the payment and says no webhook was sent', async () => {
		await opened();
		await h.setWebhook('');
		const { status, json } = await h.control('pay', { reference_id: 'ORD-1' });
		expect(status).toBe(200);
		expect(json).toMatchObject({ delivery: null, payment: { status: 'captured' }, warning: expect.stringContaining('no webhook was sent') });
	});

	it('refund: re-sends captured with refunds[]', async () => {
		await opened();
		await h.control('pay', { reference_id: 'ORD-1' });
		const { json } = await h.control('refund', { reference_id: 'ORD-1' });
		expect(json.payment.transactions[0].refunds).toEqual([expect.objectContaining({ id: expect.stringMatching(/^rfnd_/), status: 'completed' })]);
		const item = JSON.parse(receiver.received[1].body).entry[0].changes[0].value.statuses[0];
		expect(item).toMatchObject({ status: 'captured', payment: { transaction: { refunds: [expect.objectContaining({ status: 'completed' })] } } });
	});

	it('claim: a webhook that says captured while the lookup still says new', async () => {
		await opened();
		await h.control('claim', { reference_id: 'ORD-1', status: 'captured' });
		expect(JSON.parse(receiver.received[0].body).entry[0].changes[0].value.statuses[0].status).toBe('captured');
		expect((await h.get('/v1/payments/emulator-config/ORD-1')).json.payments[0].status).toBe('new');
	});

	it('resend-last: the same bytes and headers again', async () => {
		await opened();
		await h.control('pay', { reference_id: 'ORD-1' });
		await h.control('resend-last');
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[1].body).toBe(receiver.received[0].body);
		expect(receiver.received[1].headers['x-360dialog-signature']).toBe(receiver.received[0].headers['x-360dialog-signature']);
	});

	it('deliver: a message status update', async () => {
		const wamid = await opened();
		await h.control('deliver', { wamid, status: 'read' });
		expect(JSON.parse(receiver.received[0].body).entry[0].changes[0].value.statuses[0]).toMatchObject({ id: wamid, status: 'read', recipient_id: WA_ID });
	});

	it('retries a delivery the receiver refuses', async () => {
		await receiver.close();
		receiver = await startReceiver([500, 500, 200]);
		await h.setWebhook(receiver.url, { 'X-N8N-Webhook-Secret': 'hook-secret' });
		await opened();
		const { json } = await h.control('pay', { reference_id: 'ORD-1' });
		expect(json.delivery.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 500, 200]);
	});

	describe('order_status transitions', () => {
		it('accepts an allowed move and records it', async () => {
			await opened();
			await h.control('pay', { reference_id: 'ORD-1' });
			const { status } = await h.sendOne(orderStatus('ORD-1', 'shipped'));
			expect(status).toBe(200);
			expect(h.emu.state.dialog360.orders['ORD-1'].status).toBe('shipped');
		});

		it.each([
			['2046 for a move out of a final status', ['completed', 'processing'], 'none', 2046],
			['2047 for canceling a paid order', ['canceled'], 'captured', 2047],
			['2047 for canceling while a payment is pending', ['canceled'], 'pending', 2047],
		])('accepts the message, then sends %s as a failed status webhook', async (_name, moves, payment, code) => {
			await opened();
			if (payment !== 'none') await h.control('pay', { reference_id: 'ORD-1', outcome: payment });
			const before = receiver.received.length;
			let lastWamid = '';
			for (const status of moves) {
				const answer = await h.sendOne(orderStatus('ORD-1', status));
				expect(answer.status).toBe(200);
				lastWamid = answer.json.messages[0].id;
			}
			const received = await receiver.waitFor(before + 1);
			const item = JSON.parse(received[before].body).entry[0].changes[0].value.statuses[0];
			expect(item).toMatchObject({ id: lastWamid, status: 'failed', errors: [{ code }] });
			expect(received[before].headers['x-n8n-webhook-secret']).toBe('hook-secret');
		});
	});
});
