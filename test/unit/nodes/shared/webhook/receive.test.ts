import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { hmac, verifyHmac } from '../../../../../nodes/shared/webhook/authenticity';
import { createPaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';
import type { PaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';
import {
	getRawBody,
	receivePaymentWebhook,
	rejectUnauthorized,
	WebhookPayloadError,
} from '../../../../../nodes/shared/webhook/receive';
import { createWebhookContext } from '../../../helpers/webhookContext';
import type { WebhookContextOptions } from '../../../helpers/webhookContext';

const SECRET = 'whsec_unit_test_secret';

let counter = 0;
/** recentEvents is shared by the whole process, so each test gets its own workflow id. */
function uniqueWorkflowId(): string {
	counter++;
	return `wf-${counter}-${Date.now()}`;
}

function paymentEvent(id: string, status: PaymentEvent['status'] = 'paid'): PaymentEvent {
	return createPaymentEvent({
		provider: 'calypso',
		event: 'INVOICE_PAID',
		status,
		reference: 'order-1',
		transactionId: null,
		amount: null,
		occurredAt: null,
		details: {},
		raw: { id },
		idParts: [id, status],
	});
}

/** A delivery signed like Calypso's: hex HMAC-SHA512 of the raw body in the `Sign` header. */
function signedDelivery(body: string, options: WebhookContextOptions = {}) {
	return createWebhookContext({
		workflowId: uniqueWorkflowId(),
		rawBody: body,
		body: JSON.parse(body),
		headers: { Sign: hmac('sha512', SECRET, body, 'hex') },
		...options,
	});
}

function handlersFor(context: ReturnType<typeof createWebhookContext>, events: () => PaymentEvent[]) {
	const { ctx } = context;
	return {
		authenticate: async () =>
			verifyHmac({
				algorithm: 'sha512',
				key: SECRET,
				payload: await getRawBody(ctx),
				received: ctx.getHeaderData().sign as string | undefined,
				encoding: 'hex',
			}),
		toEvents: jest.fn(events),
		ignoreRedeliveries: true,
	};
}

describe('getRawBody', () => {
	it('returns the rawBody n8n filled, byte for byte', async () => {
		const raw = '{ "b": 1,  "a": "\\u00e9" }';
		const { ctx } = createWebhookContext({ rawBody: raw, body: JSON.parse(raw) });
		const bytes = await getRawBody(ctx);
		expect(bytes.toString('utf8')).toBe(raw);
		expect(bytes.toString('utf8')).not.toBe(JSON.stringify(JSON.parse(raw)));
	});

	it('falls back to readRawBody when n8n did not read the body', async () => {
		const { ctx, request } = createWebhookContext({ rawBody: 'a=1&b=2', rawBodyMode: 'readRawBody' });
		expect(request.rawBody).toBeUndefined();
		expect((await getRawBody(ctx)).toString()).toBe('a=1&b=2');
	});

	it('returns an empty buffer, never a re-serialised body, when no bytes can be had', async () => {
		const { ctx } = createWebhookContext({ body: { a: 1 }, rawBodyMode: 'absent' });
		const bytes = await getRawBody(ctx);
		expect(Buffer.isBuffer(bytes)).toBe(true);
		expect(bytes.length).toBe(0);
	});
});

describe('rejectUnauthorized', () => {
	it('answers 401 through the response object and asks n8n not to answer again', () => {
		const { ctx, response } = createWebhookContext();
		expect(rejectUnauthorized(ctx)).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.ended).toBe(true);
		expect(response.body).toEqual({ error: 'Unauthorized' });
	});
});

describe('receivePaymentWebhook', () => {
	it('emits one output item per event for an authentic delivery', async () => {
		const context = signedDelivery('{"id":1}');
		const events = [paymentEvent('1'), paymentEvent('2')];
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => events));

		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData).toEqual([[{ json: events[0] }, { json: events[1] }]]);
		expect(context.response.ended).toBe(false);
	});

	it('answers 401 with no workflowData and does not read the events when authentication fails', async () => {
		const context = signedDelivery('{"id":1}', { headers: { Sign: hmac('sha512', 'wrong', '{"id":1}', 'hex') } });
		const handlers = handlersFor(context, () => [paymentEvent('1')]);
		const result = await receivePaymentWebhook(context.ctx, handlers);

		expect(result).toEqual({ noWebhookResponse: true });
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(401);
		expect(handlers.toEvents).not.toHaveBeenCalled();
	});

	it('answers 401 when the body was altered after signing', async () => {
		const context = signedDelivery('{"id":1}');
		context.request.rawBody = Buffer.from('{"id":2}');
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => [paymentEvent('1')]));
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(401);
	});

	it('answers 401 when authenticate throws, and keeps secrets out of the log and the answer', async () => {
		const context = createWebhookContext({ workflowId: uniqueWorkflowId() });
		const toEvents = jest.fn(() => [paymentEvent('1')]);
		const result = await receivePaymentWebhook(context.ctx, {
			authenticate: () => {
				throw new Error('credential missing');
			},
			toEvents,
			ignoreRedeliveries: true,
		});

		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(401);
		expect(toEvents).not.toHaveBeenCalled();
		const logged = JSON.stringify([context.logger.warn.mock.calls, context.logger.debug.mock.calls]);
		expect(logged).not.toContain(SECRET);
		expect(JSON.stringify(context.response.body)).toBe('{"error":"Unauthorized"}');
	});

	it('treats a truthy non-boolean from authenticate as a failure', async () => {
		const context = createWebhookContext({ workflowId: uniqueWorkflowId() });
		const result = await receivePaymentWebhook(context.ctx, {
			authenticate: () => 'yes' as unknown as boolean,
			toEvents: () => [paymentEvent('1')],
			ignoreRedeliveries: false,
		});
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(401);
	});

	it('answers 400 with the payload error message and starts nothing when the delivery cannot be read', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(
			context.ctx,
			handlersFor(context, () => {
				throw new WebhookPayloadError('The delivery has no invoice id');
			}),
		);

		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(400);
		expect(context.response.body).toEqual({ error: 'Bad Request', message: 'The delivery has no invoice id' });
		expect(context.logger.warn).toHaveBeenCalledWith(
			expect.stringContaining('The delivery has no invoice id'),
			expect.any(Object),
		);
	});

	it('answers 400 with a generic message for any other parse failure', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(
			context.ctx,
			handlersFor(context, () => JSON.parse('{not json')),
		);
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(400);
		expect(context.response.body).toEqual({ error: 'Bad Request', message: 'Unreadable webhook payload' });
		expect(context.logger.warn).toHaveBeenCalledTimes(1);
	});

	it('lets an upstream API failure through so n8n answers 500 and the provider retries', async () => {
		const context = signedDelivery('{"id":1}');
		const node = context.ctx.getNode() as INode;
		const upstream = new NodeApiError(node, { message: 'Service unavailable' }, { httpCode: '503' });
		await expect(
			receivePaymentWebhook(
				context.ctx,
				handlersFor(context, () => {
					throw upstream;
				}),
			),
		).rejects.toBe(upstream);
		expect(context.response.ended).toBe(false);
	});

	it('drops redeliveries, counts them, and answers 200 when nothing is left', async () => {
		const workflowId = uniqueWorkflowId();
		const body = '{"id":1}';
		const first = signedDelivery(body, { workflowId });
		const firstResult = await receivePaymentWebhook(first.ctx, handlersFor(first, () => [paymentEvent('1')]));
		expect(firstResult.workflowData?.[0]).toHaveLength(1);

		const again = signedDelivery(body, { workflowId });
		const events = [paymentEvent('1'), paymentEvent('1')];
		const againResult = await receivePaymentWebhook(again.ctx, handlersFor(again, () => events));

		expect(againResult).toEqual({ noWebhookResponse: true });
		expect(again.response.statusCode).toBe(200);
		expect(again.response.body).toEqual({ received: true, duplicates: 2 });
		expect(again.logger.debug).toHaveBeenCalledWith(expect.stringContaining('calypso:1:paid'), expect.any(Object));
	});

	it('emits only the new events of a partly redelivered batch', async () => {
		const workflowId = uniqueWorkflowId();
		const first = signedDelivery('{}', { workflowId });
		await receivePaymentWebhook(first.ctx, handlersFor(first, () => [paymentEvent('1')]));

		const batch = signedDelivery('{}', { workflowId });
		const result = await receivePaymentWebhook(
			batch.ctx,
			handlersFor(batch, () => [paymentEvent('1'), paymentEvent('2'), paymentEvent('1', 'refunded')]),
		);
		const ids = result.workflowData?.[0].map((item) => item.json.eventId);
		expect(ids).toEqual(['calypso:2:paid', 'calypso:1:refunded']);
		expect(batch.response.ended).toBe(false);
	});

	it('keeps redeliveries apart per trigger node (workflow id + node id)', async () => {
		const workflowId = uniqueWorkflowId();
		const results = [];
		for (const scope of [
			{ workflowId, nodeId: 'node-a' },
			{ workflowId, nodeId: 'node-b' },
			{ workflowId: uniqueWorkflowId(), nodeId: 'node-a' },
		]) {
			const context = signedDelivery('{}', scope);
			results.push(await receivePaymentWebhook(context.ctx, handlersFor(context, () => [paymentEvent('7')])));
		}
		expect(results.map((result) => result.workflowData?.[0]).map((items) => items?.length)).toEqual([1, 1, 1]);
	});

	it('emits redeliveries when ignoreRedeliveries is off', async () => {
		const workflowId = uniqueWorkflowId();
		for (let delivery = 0; delivery < 2; delivery++) {
			const context = signedDelivery('{}', { workflowId });
			const result = await receivePaymentWebhook(context.ctx, {
				...handlersFor(context, () => [paymentEvent('1')]),
				ignoreRedeliveries: false,
			});
			expect(result.workflowData?.[0]).toHaveLength(1);
		}
	});

	it('answers 200 with no execution when an authentic delivery carries no payment event', async () => {
		const context = signedDelivery('{}');
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => []));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response.statusCode).toBe(200);
		expect(context.response.body).toEqual({ received: true, duplicates: 0 });
	});

	it('verifies over the bytes from readRawBody when n8n did not fill rawBody', async () => {
		const body = 'invoice=1&status=paid';
		const context = createWebhookContext({
			workflowId: uniqueWorkflowId(),
			rawBody: body,
			rawBodyMode: 'readRawBody',
			headers: { Sign: hmac('sha512', SECRET, body, 'hex') },
		});
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => [paymentEvent('9')]));
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('fails closed when no raw body can be had', async () => {
		const context = signedDelivery('{"id":1}', { rawBodyMode: 'absent' });
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => [paymentEvent('1')]));
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(401);
	});
});
