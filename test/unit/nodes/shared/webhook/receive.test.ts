import { NodeApiError } from 'n8n-workflow';
import { hmac, verifyHmac } from '../../../../../nodes/shared/webhook/authenticity';
import { createPaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';
import type { PaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';
import { WebhookPayloadError } from '../../../../../nodes/shared/webhook/payloadError';
import { withCallFailure } from '../../../../../nodes/shared/errors';
import { ProviderUnreachableError } from '../../../../../nodes/shared/transport/request';
import {
	getRawBody,
	receivePaymentWebhook,
	rejectForbidden,
	rejectUnauthorized,
} from '../../../../../nodes/shared/webhook/receive';
import { createWebhookContext, resetRedeliveryMemory } from '../../../helpers/webhookContext';
import type { WebhookContextOptions } from '../../../helpers/webhookContext';

const SECRET = 'whsec_unit_test_secret';

// The redelivery memory is shared by the whole process: every test starts with it empty.
beforeEach(resetRedeliveryMemory);

let counter = 0;
/** Deliveries of one test share a workflow id only where the test says so. */
function uniqueWorkflowId(): string {
	counter++;
	return `wf-${counter}`;
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
		identifiedBy: [id],
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

describe('rejectForbidden', () => {
	it('answers 403 through the response object and asks n8n not to answer again', () => {
		const { ctx, response } = createWebhookContext();
		expect(rejectForbidden(ctx)).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 403, ended: true, body: { error: 'Forbidden' } });
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

	describe('a provider call that fails while the delivery is read: answered on purpose, never n8n\'s error page', () => {
		async function answerTo(failure: unknown) {
			const context = signedDelivery('{"id":1}');
			const result = await receivePaymentWebhook(
				context.ctx,
				handlersFor(context, () => {
					throw failure;
				}),
			);
			return { ...context, result };
		}
		const nodeOf = () => createWebhookContext().ctx.getNode();
		const UNAVAILABLE = { error: 'Service Unavailable', message: 'The event could not be confirmed with the payment provider now; deliver it again later' };

		it.each([
			['a 503', '503'],
			['a 500', '500'],
			['a 429', '429'],
		])('%s from the provider: 503 with a short body, so the provider delivers again; the reason is logged', async (_, httpCode) => {
			const { result, response, logger } = await answerTo(new NodeApiError(nodeOf(), { message: 'upstream' }, { message: 'Craftgate answered HTTP x', httpCode }));
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: 503, body: UNAVAILABLE });
			expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Craftgate answered HTTP x'), expect.any(Object));
		});

		it('no answer at all (marked by the transport, or the shared request\'s own error): 503', async () => {
			const unanswered = withCallFailure(new NodeApiError(nodeOf(), {}, { message: 'No answer from Craftgate' }), 'unanswered');
			expect((await answerTo(unanswered)).response).toMatchObject({ statusCode: 503, body: UNAVAILABLE });
			expect((await answerTo(new ProviderUnreachableError(new Error('socket hang up'), false))).response.statusCode).toBe(503);
		});

		it('a payment the provider does not know (404, or marked): 422, and nothing starts', async () => {
			const notFound = new NodeApiError(nodeOf(), {}, { message: 'Craftgate error 9001: Payment not found', httpCode: '404' });
			const answered = await answerTo(notFound);
			expect(answered.result.workflowData).toBeUndefined();
			expect(answered.response).toMatchObject({
				statusCode: 422,
				body: { error: 'Unprocessable Entity', message: 'The payment provider does not know the payment this event names' },
			});
			const marked = withCallFailure(new NodeApiError(nodeOf(), {}, { message: 'Calypso error 004', httpCode: '400' }), 'notFound');
			expect((await answerTo(marked)).response.statusCode).toBe(422);
		});

		it('any other provider error: 500 with a short generic body, never a stack trace or a path', async () => {
			const refused = new NodeApiError(nodeOf(), {}, { message: 'Craftgate error 4: Signature is not valid', httpCode: '401' });
			const { response, logger } = await answerTo(refused);
			expect(response).toMatchObject({ statusCode: 500, body: { error: 'Internal Server Error' } });
			expect(JSON.stringify(response.body)).not.toMatch(/at |\/nodes\/|\.ts/);
			expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Signature is not valid'), expect.any(Object));
		});
	});

	it('answers 500 with a short body when anything else throws, reading the parameters included', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(context.ctx, () => {
			throw new TypeError("Cannot read properties of undefined (reading 'x')");
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response).toMatchObject({ statusCode: 500, body: { error: 'Internal Server Error' } });
		expect(context.logger.error).toHaveBeenCalledWith(expect.stringContaining('Cannot read properties'), expect.any(Object));
	});

	it('an error after the answer went out is only logged', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(context.ctx, {
			authenticate: () => true,
			toEvents: () => [paymentEvent('1')],
			ignoreRedeliveries: false,
			isAllowedCaller: () => {
				context.ctx.getResponseObject().status(200).json({});
				throw new Error('late');
			},
		});
		// isAllowedCaller's own failure counts as "not allowed" (403), which cannot be sent twice.
		expect(result).toEqual({ noWebhookResponse: true });
		expect(context.response.body).toEqual({});
		expect(context.logger.error).toHaveBeenCalledWith(expect.stringContaining('after answering: Cannot send a response twice'), expect.any(Object));
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

describe('receivePaymentWebhook: callers outside the IP allowlist', () => {
	it('answers 403, checks nothing else and starts no execution', async () => {
		const context = signedDelivery('{"id":1}');
		const handlers = { ...handlersFor(context, () => [paymentEvent('1')]), authenticate: jest.fn(() => true), isAllowedCaller: () => false };

		const result = await receivePaymentWebhook(context.ctx, handlers);

		expect(result).toEqual({ noWebhookResponse: true });
		expect(result.workflowData).toBeUndefined();
		expect(context.response).toMatchObject({ statusCode: 403, ended: true, body: { error: 'Forbidden' } });
		expect(handlers.authenticate).not.toHaveBeenCalled();
		expect(handlers.toEvents).not.toHaveBeenCalled();
	});

	it('answers 403 when the allowlist check itself fails', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(context.ctx, {
			...handlersFor(context, () => [paymentEvent('1')]),
			isAllowedCaller: () => {
				throw new Error('invalid CIDR');
			},
		});
		expect(result.workflowData).toBeUndefined();
		expect(context.response.statusCode).toBe(403);
	});

	it('goes on to authenticate an allowed caller', async () => {
		const context = signedDelivery('{"id":1}');
		const result = await receivePaymentWebhook(context.ctx, {
			...handlersFor(context, () => [paymentEvent('1')]),
			isAllowedCaller: () => true,
		});
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(context.response.ended).toBe(false);
	});
});

describe('receivePaymentWebhook: the redelivery memory (defect 2)', () => {
	async function deliver(workflowId: string, events: PaymentEvent[], options: WebhookContextOptions = {}) {
		const context = signedDelivery('{}', { workflowId, ...options });
		const result = await receivePaymentWebhook(context.ctx, handlersFor(context, () => events));
		const emitted = (result.workflowData?.[0] ?? []).map((item) => item.json.eventId);
		return { context, result, emitted };
	}

	it('keeps test-URL deliveries apart from production ones: an event caught while testing still runs in production', async () => {
		const workflowId = uniqueWorkflowId();
		const onTestUrl = await deliver(workflowId, [paymentEvent('1')], { mode: 'manual' });
		onTestUrl.context.n8nAnswers(200);
		const onProductionUrl = await deliver(workflowId, [paymentEvent('1')], { mode: 'webhook' });

		expect(onTestUrl.emitted).toEqual(['calypso:1:paid']);
		expect(onProductionUrl.emitted).toEqual(['calypso:1:paid']);
	});

	it('still drops a redelivery to the same URL', async () => {
		const workflowId = uniqueWorkflowId();
		for (const mode of ['manual', 'webhook'] as const) {
			const first = await deliver(workflowId, [paymentEvent('1')], { mode });
			first.context.n8nAnswers(200);
			const again = await deliver(workflowId, [paymentEvent('1')], { mode });
			expect([mode, first.emitted, again.emitted]).toEqual([mode, ['calypso:1:paid'], []]);
			expect(again.context.response.body).toEqual({ received: true, duplicates: 1 });
		}
	});

	it('remembers an event once n8n answered 200 (its execution started)', async () => {
		const workflowId = uniqueWorkflowId();
		const first = await deliver(workflowId, [paymentEvent('1')]);
		first.context.n8nAnswers(200);
		expect((await deliver(workflowId, [paymentEvent('1')])).emitted).toEqual([]);
		expect(first.context.logger.warn).not.toHaveBeenCalled();
	});

	it.each([500, 503])('forgets an event when n8n answered %i (its execution did not start), so the redelivery runs', async (status) => {
		const workflowId = uniqueWorkflowId();
		const first = await deliver(workflowId, [paymentEvent('1')]);
		first.context.n8nAnswers(status);

		expect((await deliver(workflowId, [paymentEvent('1')])).emitted).toEqual(['calypso:1:paid']);
		expect(first.context.logger.warn).toHaveBeenCalledWith(
			`Payment webhook answered ${status}: its execution did not start, a redelivery will be let through`,
			expect.objectContaining({ workflowId }),
		);
	});

	it('forgets an event when the exchange closed without an answer', async () => {
		const workflowId = uniqueWorkflowId();
		const first = await deliver(workflowId, [paymentEvent('1')]);
		first.context.connectionDrops();
		expect((await deliver(workflowId, [paymentEvent('1')])).emitted).toEqual(['calypso:1:paid']);
	});

	it('forgets only the events of the failed delivery, not those an earlier execution handled', async () => {
		const workflowId = uniqueWorkflowId();
		const handled = await deliver(workflowId, [paymentEvent('1')]);
		handled.context.n8nAnswers(200);
		const failed = await deliver(workflowId, [paymentEvent('1'), paymentEvent('2')]);
		expect(failed.emitted).toEqual(['calypso:2:paid']);
		failed.context.n8nAnswers(500);

		expect((await deliver(workflowId, [paymentEvent('1'), paymentEvent('2')])).emitted).toEqual(['calypso:2:paid']);
	});

	it('forgets nothing for a delivery that was all redeliveries (answered 200 by the trigger itself)', async () => {
		const workflowId = uniqueWorkflowId();
		(await deliver(workflowId, [paymentEvent('1')])).context.n8nAnswers(200);
		const duplicate = await deliver(workflowId, [paymentEvent('1')]);
		duplicate.context.connectionDrops();
		expect((await deliver(workflowId, [paymentEvent('1')])).emitted).toEqual([]);
	});

	it('does not remember events when Ignore Redeliveries is off', async () => {
		const workflowId = uniqueWorkflowId();
		const context = signedDelivery('{}', { workflowId });
		await receivePaymentWebhook(context.ctx, { ...handlersFor(context, () => [paymentEvent('1')]), ignoreRedeliveries: false });
		context.n8nAnswers(200);
		expect((await deliver(workflowId, [paymentEvent('1')])).emitted).toEqual(['calypso:1:paid']);
	});
});
