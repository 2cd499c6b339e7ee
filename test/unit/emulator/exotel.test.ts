import { EXOTEL, basic, getJson, useExotelEmulator } from './helpers';
import { message, orderDetails, textMessage } from './fixtures';

describe('Exotel emulator: send endpoint', () => {
	const h = useExotelEmulator();
	const { send, control, sendOne } = h;

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
			expect(h.emu.state.exotel.messages).toHaveLength(0);
		});

		it('answers 401 when the account SID in the path is not the credentials\' account', async () => {
			const { status } = await send({ whatsapp: { messages: [textMessage(1)] } }, { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) }, `${h.emu.url}/v2/accounts/other-sid/messages`);
			expect(status).toBe(401);
		});
	});

	it('serves the v1 balance call used as the credential test, with the same credential checks', async () => {
		const url = (sid: string) => `${h.emu.url}/v1/Accounts/${sid}/Balance.json`;
		const ok = await fetch(url(EXOTEL.accountSid), { headers: { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) } });
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as any).Balance.Currency).toBe('INR');
		expect((await fetch(url(EXOTEL.accountSid), { headers: { authorization: basic(EXOTEL.apiKey, 'x') } })).status).toBe(401);
		expect((await fetch(url('other-sid'), { headers: { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) } })).status).toBe(401);
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
			expect(h.emu.state.exotel.messages).toHaveLength(100);
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
			expect(h.emu.state.exotel.messages.map((m: any) => m.sid)).toEqual([a.data.sid, c.data.sid]);
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
			const [first, second] = h.emu.state.exotel.messages;
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
			const listed = await getJson(`${h.emu.url}/_control/exotel/messages?reference_id=ORD-2`);
			expect(listed.json.count).toBe(1);
		});

		it('counts the API requests it received, not the control calls', async () => {
			await send({ whatsapp: { messages: [textMessage(1)] } });
			await send({ whatsapp: { messages: [textMessage(2)] } }, {});
			const { json } = await getJson(`${h.emu.url}/_control/requests?provider=exotel`);
			expect(json.count).toBe(2);
			expect(json.requests.map((r: any) => r.status)).toEqual([202, 401]);
			expect(json.requests[0]).toMatchObject({ method: 'POST', path: '/v2/accounts/emulator-sid/messages' });
		});
	});


	it('fail-next makes the next send answer an error and store nothing', async () => {
		await control('fail-next', { status: 503, count: 1 });
		const failed = await sendOne(orderDetails('ORD-FN'));
		expect(failed.status).toBe(503);
		expect(failed.json.http_code).toBe(503);
		expect(h.emu.state.exotel.messages).toHaveLength(0);
		expect((await sendOne(orderDetails('ORD-FN'))).status).toBe(202);
		expect(h.emu.countRequests('exotel')).toBe(2);
	});
});
