import { CALYPSO_KEYS } from '../../../../fakes/calypso';
import { invoiceDelivery, receiveDelivery, type ReceiveOptions, webhookSign } from '../contexts';

describe('authenticity', () => {
	it('emits one event for a delivery signed with the subscription keys', async () => {
		const { events, response } = await receiveDelivery();
		expect(events).toHaveLength(1);
		expect(response.ended).toBe(false);
	});

	it.each<[string, ReceiveOptions]>([
		['a Sign made with the API secret instead of the subscription secret', { sign: webhookSign(JSON.stringify(invoiceDelivery(undefined, {}, 5)), CALYPSO_KEYS.secretKey), body: invoiceDelivery(undefined, {}, 5) }],
		['a Sign over other bytes', { sign: webhookSign('{"id":1}') }],
		['no Sign', { sign: null }],
		['another Key', { key: 'someone-else' }],
		['no Key', { key: null }],
		['no keys stored (never activated)', { staticData: {} }],
	])('answers 401 and starts nothing for %s, without asking Calypso', async (_name, options) => {
		const { result, response, calls } = await receiveDelivery(options);
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ error: 'Unauthorized' });
		expect(result.workflowData).toBeUndefined();
		expect(calls).toHaveLength(0);
	});

	it('verifies the raw bytes, not a re-serialization (spaces kept)', async () => {
		const body = invoiceDelivery();
		const rawBody = JSON.stringify(body, null, 2);
		expect((await receiveDelivery({ body, rawBody })).events).toHaveLength(1);
		expect((await receiveDelivery({ body, rawBody, sign: webhookSign(JSON.stringify(body)) })).response.statusCode).toBe(401);
	});

	it('accepts an upper-case hex Sign', async () => {
		const rawBody = JSON.stringify(invoiceDelivery());
		expect((await receiveDelivery({ rawBody, body: JSON.parse(rawBody), sign: webhookSign(rawBody).toUpperCase() })).events).toHaveLength(1);
	});

	it('answers 400 to an authentic body it cannot read', async () => {
		const { response, result } = await receiveDelivery({ rawBody: '{"id":5}', body: { id: 5 } });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ error: 'Bad Request', message: 'The delivery has no eventType' });
		expect(result.workflowData).toBeUndefined();
	});
});
