// The Exotel emulator records text messages (a payment link in the chat) so that tests can assert
// the texts sent: GET /_control/exotel/messages?type=text&to=…
import { getJson, useExotelEmulator } from './helpers';
import { FROM, TO, message, orderDetails } from './fixtures';

const text = (body: unknown, extra: Record<string, unknown> = {}) => ({ from: FROM, to: TO, content: { type: 'text', text: { body, ...extra } } });

describe('Exotel emulator: text messages', () => {
	const h = useExotelEmulator();

	it('stores an accepted text with its body, preview flag, callback and custom_data, beside the other messages', async () => {
		const { status, json } = await h.send({
			whatsapp: {
				messages: [
					text('Pay here: https://pay.example.com/l/1', { preview_url: true }),
					message(orderDetails('ORD-1')),
					{ ...text('Thank you!'), to: '+919777700000', status_callback: 'http://127.0.0.1:1/hook', custom_data: 'order-1' },
				],
			},
		});
		expect(status).toBe(202);
		expect(json.metadata).toEqual({ total: 3, success: 3, failed: 0 });
		const sids = json.response.whatsapp.messages.map((result: any) => result.data.sid);

		const listed = await getJson(`${h.emu.url}/_control/exotel/messages?type=text`);
		expect(listed.json.count).toBe(2);
		expect(listed.json.messages).toEqual([
			expect.objectContaining({ sid: sids[0], from: FROM, to: TO, type: 'text', text: 'Pay here: https://pay.example.com/l/1', preview_url: true, status_callback: null }),
			expect.objectContaining({
				sid: sids[2],
				to: '+919777700000',
				type: 'text',
				text: 'Thank you!',
				preview_url: false,
				status_callback: 'http://127.0.0.1:1/hook',
				custom_data: 'order-1',
				content: { type: 'text', text: { body: 'Thank you!' } },
			}),
		]);
		const toOne = await getJson(`${h.emu.url}/_control/exotel/messages?type=text&to=${encodeURIComponent('+919777700000')}`);
		expect(toOne.json.messages.map((m: any) => m.text)).toEqual(['Thank you!']);
	});

	it('takes 4096 characters (an emoji counts as one) and refuses 4097, per message', async () => {
		const { status, json } = await h.send({ whatsapp: { messages: [text('🎉'.repeat(4096)), text('a'.repeat(4097))] } });
		expect(status).toBe(202);
		const [ok, refused] = json.response.whatsapp.messages;
		expect(ok).toMatchObject({ code: 202, status: 'success' });
		expect(refused).toEqual({
			code: 400,
			status: 'failure',
			data: null,
			error_data: { code: 1002, message: 'Invalid parameter', description: 'whatsapp.messages[1].content.text.body: must be at most 4096 characters, got 4097' },
		});
		expect(h.emu.state.exotel.messages).toHaveLength(1);
	});

	it.each([
		['no body', { type: 'text', text: {} }, 'Missing parameter', 'content.text.body: is required'],
		['an empty body', { type: 'text', text: { body: '' } }, 'Missing parameter', 'content.text.body: is required'],
		['a preview_url that is not a boolean', { type: 'text', text: { body: 'hi', preview_url: 'yes' } }, 'Invalid parameter', 'content.text.preview_url: must be a boolean'],
	])('refuses a text with %s and stores nothing', async (_case, content, category, rule) => {
		const { status, json } = await h.send({ whatsapp: { messages: [{ from: FROM, to: TO, content }] } });
		expect(status).toBe(400);
		expect(json.response.whatsapp.messages[0].error_data).toEqual({ code: 1002, message: category, description: `whatsapp.messages[0].${rule}` });
		expect(h.emu.state.exotel.messages).toHaveLength(0);
	});
});
