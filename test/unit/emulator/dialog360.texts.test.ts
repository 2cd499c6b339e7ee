// The 360dialog emulator records text messages (a payment link in the chat) so that tests can
// assert the texts sent: GET /_control/dialog360/messages?type=text&to=…
import { cloudOrderDetails, useDialog360Emulator, WA_ID } from './dialog360Helpers';

const textMessage = (text: unknown, to = WA_ID) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text });

describe('360dialog emulator: text messages', () => {
	const h = useDialog360Emulator();

	it('stores an accepted text with its body and preview flag, and lists texts by recipient', async () => {
		const first = await h.send(textMessage({ body: 'Pay here: https://pay.example.com/l/1', preview_url: true }));
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
		await h.sendOne(cloudOrderDetails('ORD-1'));
		const second = await h.send(textMessage({ body: 'Thank you!' }, '919777700000'));

		const { json } = await h.get('/_control/dialog360/messages?type=text', {});
		expect(json.count).toBe(2);
		expect(json.messages).toEqual([
			expect.objectContaining({ wamid: first.json.messages[0].id, to: WA_ID, type: 'text', text: 'Pay here: https://pay.example.com/l/1', preview_url: true }),
			expect.objectContaining({ wamid: second.json.messages[0].id, to: '919777700000', type: 'text', text: 'Thank you!', preview_url: false }),
		]);
		const toOne = await h.get('/_control/dialog360/messages?type=text&to=919777700000', {});
		expect(toOne.json.messages.map((m: any) => m.text)).toEqual(['Thank you!']);
		const all = await h.get('/_control/dialog360/messages', {});
		expect(all.json.messages.map((m: any) => m.type)).toEqual(['text', 'order_details', 'text']);
	});

	it('takes 4096 characters (an emoji counts as one) and refuses 4097 with 131009, storing nothing', async () => {
		expect((await h.send(textMessage({ body: '🎉'.repeat(4096) }))).status).toBe(200);
		const refused = await h.send(textMessage({ body: 'a'.repeat(4097) }));
		expect(refused.status).toBe(400);
		expect(refused.json.error).toMatchObject({ code: 131009, error_data: { details: 'text.body: must be at most 4096 characters, got 4097' } });
		expect(h.emu.state.dialog360.messages).toHaveLength(1);
	});

	it.each([
		['no text object', undefined, 131008, 'text.body: is required'],
		['an empty body', { body: '' }, 131008, 'text.body: is required'],
		['a preview_url that is not a boolean', { body: 'hi', preview_url: 'true' }, 131009, 'text.preview_url: must be a boolean'],
	])('refuses a text with %s', async (_case, text, code, details) => {
		const { status, json } = await h.send(textMessage(text));
		expect(status).toBe(400);
		expect(json.error).toMatchObject({ code, error_data: { details } });
		expect(h.emu.state.dialog360.messages).toHaveLength(0);
	});
});
