import { getJson, postJson, startReceiver, useExotelEmulator } from './helpers';
import { orderDetails } from './fixtures';

describe('Exotel emulator: status callbacks', () => {
	const h = useExotelEmulator();
	const { control, sendOne } = h;

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
			expect(h.emu.state.exotel.orders['ORD-PAY'].payment).toBe('success');
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
			const listed = await getJson(`${h.emu.url}/_control/webhooks?provider=exotel`);
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
			await postJson(`${h.emu.url}/_control/config`, { exotel: { defaultStatusCallback: receiver.url } });
			expect((await control('pay', { reference_id: 'ORD-DEF' })).status).toBe(200);
			expect(receiver.received).toHaveLength(1);
		});

		it('can wrap the body in params, encode it as a form, and send the status code as a string', async () => {
			receiver = await startReceiver();
			const sid = await openOrder('ORD-F');
			await postJson(`${h.emu.url}/_control/config`, { exotel: { callbackWrapper: 'params', statusCodeAsString: true } });
			await control('deliver', { sid, status: 'delivered' });
			const wrapped = JSON.parse(receiver.received[0].body);
			expect(wrapped.params.whatsapp.messages[0].exo_status_code).toBe('30002');

			await postJson(`${h.emu.url}/_control/config`, { exotel: { callbackEncoding: 'form' } });
			await control('pay', { reference_id: 'ORD-F', transaction_id: 'T1' });
			expect(receiver.received[1].headers['content-type']).toBe('application/x-www-form-urlencoded');
			const form = new URLSearchParams(receiver.received[1].body);
			expect(form.get('exo_status_code')).toBe('30050');
			expect(form.get('sid')).toBe(sid);
			expect(form.get('payment_transaction_id')).toBe('T1');

			await postJson(`${h.emu.url}/_control/config`, { exotel: { callbackEncoding: 'form-bracket' } });
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
});
