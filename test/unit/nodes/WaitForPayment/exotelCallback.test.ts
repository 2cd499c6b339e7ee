// An Exotel status callback at the waiting node's resume URL: a payment success resumes on Paid, a
// payment failure (as the Exotel Trigger classifies it) on Failed; everything else is answered
// `{ waiting: true }` and resumes nothing. A body without a callback is a 400, anything
// unexpected a 500 with a short body.
import type { IDataObject } from 'n8n-workflow';
import { receiveExotelCallback } from '../../../../nodes/WaitForPayment/wait/exotelCallback';
import { callbackBody, deliveredCallback, paidCallback } from '../../../fakes/exotel';
import { createWebhookContext, type WebhookContextOptions } from '../../helpers/webhookContext';

async function deliver(body: IDataObject, options: WebhookContextOptions = {}) {
	const context = createWebhookContext({ body, nodeName: 'Wait for Payment', nodeParameters: { provider: 'exotel' }, ...options });
	const result = await receiveExotelCallback(context.ctx);
	return { ...context, result };
}

/** A payment callback of the same message with another status. */
const payment = (code: number | string | undefined, name: string | undefined, fields: IDataObject = {}) =>
	paidCallback({ exo_status_code: code, exo_detailed_status: name, ...fields });

describe('a payment outcome ends the wait', () => {
	it('EX_PAYMENT_SUCCESS resumes on Paid with the callback as a payment event', async () => {
		const { result, response } = await deliver(callbackBody(paidCallback()));
		expect(response.ended).toBe(false);
		const outputs = result.workflowData ?? [];
		expect(outputs.map((items) => items.length)).toEqual([1, 0, 0]);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs[0][0].json).toMatchObject({
			outcome: 'paid',
			eventId: 'exotel:e96ec08a641612c0001:30050:4142800001',
			provider: 'exotel',
			event: 'EX_PAYMENT_SUCCESS',
			status: 'paid',
			reference: '1033XX',
			transactionId: '4142800001',
			occurredAt: '2024-05-21T07:23:54.000Z',
			details: { category: 'paymentSucceeded', sid: 'e96ec08a641612c0001', confirmed: false },
			raw: paidCallback(),
		});
	});

	it('the success code alone, or the name alone, is Paid too', async () => {
		for (const item of [payment(30050, undefined), payment('30050', undefined), payment(undefined, 'EX_PAYMENT_SUCCESS')]) {
			const { result } = await deliver(callbackBody(item));
			expect(result.workflowData?.map((items) => items.length)).toEqual([1, 0, 0]);
		}
	});

	it.each([
		['EX_PAYMENT_FAILED', 'failed'],
		['EX_PAYMENT_CANCELED', 'canceled'],
		['EX_PAYMENT_CANCELLED', 'canceled'],
		['EX_PAYMENT_EXPIRED', 'expired'],
	])('%s resumes on Failed (status %s)', async (name, status) => {
		const { result, response } = await deliver(callbackBody(payment(undefined, name)));
		expect(response.ended).toBe(false);
		const outputs = result.workflowData ?? [];
		expect(outputs.map((items) => items.length)).toEqual([0, 1, 0]);
		expect(outputs[1][0]).toMatchObject({ json: { outcome: 'failed', provider: 'exotel', event: name, status }, pairedItem: { item: 0 } });
	});

	it('a success code contradicted by a failure name is Failed, never Paid', async () => {
		const { result } = await deliver(callbackBody(payment(30050, 'EX_PAYMENT_FAILED')));
		expect(result.workflowData?.map((items) => items.length)).toEqual([0, 1, 0]);
	});

	it('the first decisive item of a batch decides, after the receipts before it', async () => {
		const { result } = await deliver(callbackBody(deliveredCallback(), paidCallback(), payment(undefined, 'EX_PAYMENT_FAILED')));
		expect(result.workflowData?.map((items) => items.length)).toEqual([1, 0, 0]);
	});

	it('reads the other envelopes Exotel uses (params.whatsapp, form fields)', async () => {
		const viaParams = await deliver({ params: { whatsapp: { messages: [paidCallback()] } } });
		expect(viaParams.result.workflowData?.[0]).toHaveLength(1);
		const viaForm = await deliver({ 'whatsapp[messages][0][sid]': 's-1', 'whatsapp[messages][0][exo_status_code]': '30050', 'whatsapp[messages][0][payment_transaction_id]': 't-1' }, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(viaForm.result.workflowData?.[0]).toHaveLength(1);
	});
});

describe('anything else leaves the journey waiting', () => {
	it.each([
		['sent', deliveredCallback({ exo_status_code: 30001, exo_detailed_status: 'EX_MESSAGE_SENT' })],
		['delivered', deliveredCallback()],
		['read', deliveredCallback({ exo_status_code: 30003, exo_detailed_status: 'EX_MESSAGE_READ' })],
		['seen', deliveredCallback({ exo_status_code: 30003, exo_detailed_status: 'EX_MESSAGE_SEEN' })],
		['a failed delivery', deliveredCallback({ exo_status_code: 30010, exo_detailed_status: 'EX_MESSAGE_FAILED' })],
		['a pending payment (30049)', payment(30049, 'EX_PAYMENT_PENDING')],
		['the pending code alone', payment(30049, undefined, { payment_transaction_id: undefined })],
		['a refund', payment(undefined, 'EX_PAYMENT_REFUNDED')],
		['an unknown payment status', payment(undefined, 'EX_PAYMENT_ON_HOLD')],
		['an unknown code', deliveredCallback({ exo_status_code: 30077, exo_detailed_status: undefined })],
		['an unreadable code', payment('30o50', undefined)],
		['an inbound customer message, even one that looks like a payment', paidCallback({ callback_type: 'incoming_message' })],
		['an inbound message (icm)', paidCallback({ callback_type: 'ICM' })],
	])('%s: answered { waiting: true }, no execution', async (_case, item) => {
		const { result, response } = await deliver(callbackBody(item));
		expect(result).toEqual({ webhookResponse: { waiting: true } });
		expect(result.workflowData).toBeUndefined();
		expect(response.ended).toBe(false);
	});
});

describe('refused calls', () => {
	it.each([
		['an empty body', {}],
		['a body of something else', { hello: 'world' }],
		['an envelope with no messages', { whatsapp: { messages: [] } }],
	])('%s: 400 with the reason, no execution', async (_case, body) => {
		const { result, response } = await deliver(body);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ error: expect.stringContaining('No Exotel status callback found') });
	});

	it('a payment callback whose ids cannot be used (too long) is a 400', async () => {
		const { result, response } = await deliver(callbackBody(paidCallback({ sid: 's'.repeat(129) })));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ error: 'The callback\'s sid is longer than 128 characters' });
	});

	it('anything unexpected is a 500 with a short body (no stack), logged; no execution', async () => {
		const context = createWebhookContext({ body: callbackBody(paidCallback()), nodeParameters: { provider: 'exotel' } });
		context.ctx.getBodyData = () => {
			throw new Error('body parser exploded');
		};
		const result = await receiveExotelCallback(context.ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(500);
		expect(context.response.body).toEqual({ error: 'Internal Server Error' });
		expect(context.logger.error).toHaveBeenCalledWith(expect.stringContaining('body parser exploded'));
	});
});
