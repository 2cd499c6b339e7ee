// A payment trigger wakes the waits of its own process: an authentic event checks the waiting
// payment with the same provider and reference at once; a delivery that is refused wakes nothing.
import type { IHttpRequestOptions } from 'n8n-workflow';
import * as waitChecks from '../../../../nodes/shared/payment/waitChecks';
import { clearScheduledChecks, scheduleChecks } from '../../../../nodes/shared/payment/waitChecks';
import { createPaymentEvent, type PaymentEvent } from '../../../../nodes/shared/webhook/paymentEvent';
import { WebhookPayloadError } from '../../../../nodes/shared/webhook/payloadError';
import { receivePaymentWebhook, type WebhookHandlers } from '../../../../nodes/shared/webhook/receive';
import { createWebhookContext, resetRedeliveryMemory } from '../../helpers/webhookContext';

let counter = 0;

function event(reference: string | null, provider: PaymentEvent['provider'] = 'craftgate'): PaymentEvent {
	const id = `pay-${++counter}`;
	return createPaymentEvent({
		provider,
		event: 'payment.SUCCESS',
		status: 'paid',
		reference,
		transactionId: id,
		amount: null,
		occurredAt: null,
		details: {},
		raw: { id },
		idParts: [id],
		identifiedBy: [id],
	});
}

/** A wait checking `reference` at craftgate; the URLs its checks called. */
function waitFor(reference: string, provider = 'craftgate') {
	const request = jest.fn<Promise<unknown>, [IHttpRequestOptions]>(async () => ({ waiting: true }));
	scheduleChecks({
		executionId: `exec-${++counter}`,
		checkUrl: 'https://n8n.example.test/webhook-waiting/1?cp_state=S&cp_sig=X',
		provider,
		reference,
		deadline: Date.now() + 60 * 60_000,
		intervalMs: 10 * 60_000,
		request,
	});
	return () => request.mock.calls.map(([options]) => new URL(String(options.url)).searchParams.get('cp_check'));
}

async function deliver(handlers: Partial<WebhookHandlers>) {
	const context = createWebhookContext({ workflowId: `wf-${++counter}`, body: {} });
	const result = await receivePaymentWebhook(context.ctx, { authenticate: () => true, toEvents: () => [], ignoreRedeliveries: true, ...handlers });
	return { result, response: context.response };
}

let wake: jest.SpyInstance;

beforeEach(() => {
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
	resetRedeliveryMemory();
	wake = jest.spyOn(waitChecks, 'wakeWaitsFor');
});

afterEach(() => {
	clearScheduledChecks();
	wake.mockRestore();
	jest.useRealTimers();
});

it('an authentic event wakes the wait for its provider and reference, which checks at once', async () => {
	const paid = waitFor('ord-1');
	const other = waitFor('ord-2');
	const { result } = await deliver({ toEvents: () => [event('ord-1')] });
	expect(result.workflowData?.[0]).toHaveLength(1);
	expect(wake).toHaveBeenCalledWith('craftgate', 'ord-1');
	expect(wake).toHaveReturnedWith(1);
	await jest.advanceTimersByTimeAsync(1_000);
	expect(paid()).toEqual(['webhook']);
	expect(other()).toEqual([]);
});

it('every event of a delivery wakes its own wait', async () => {
	const first = waitFor('ord-1');
	const second = waitFor('ord-2', 'calypso');
	await deliver({ toEvents: () => [event('ord-1'), event('ord-2', 'calypso')] });
	expect(wake.mock.calls).toEqual([
		['craftgate', 'ord-1'],
		['calypso', 'ord-2'],
	]);
	await jest.advanceTimersByTimeAsync(1_000);
	expect(first()).toEqual(['webhook']);
	expect(second()).toEqual(['webhook']);
});

it('a redelivery still wakes the wait (the check reads the provider, it repeats nothing), though it starts no execution', async () => {
	const checks = waitFor('ord-1');
	const again = event('ord-1');
	const context = createWebhookContext({ workflowId: 'wf-redelivered', body: {} });
	await receivePaymentWebhook(context.ctx, { authenticate: () => true, toEvents: () => [again], ignoreRedeliveries: true });
	await jest.advanceTimersByTimeAsync(1_000);
	const redelivery = createWebhookContext({ workflowId: 'wf-redelivered', body: {} });
	const result = await receivePaymentWebhook(redelivery.ctx, { authenticate: () => true, toEvents: () => [again], ignoreRedeliveries: true });
	expect(result.workflowData).toBeUndefined();
	await jest.advanceTimersByTimeAsync(1_000);
	expect(checks()).toEqual(['webhook', 'webhook']);
});

it.each([
	['a caller outside the allowlist (403)', { isAllowedCaller: () => false }, 403],
	['a delivery that is not authentic (401)', { authenticate: () => false }, 401],
	['an authentication that throws (401)', { authenticate: () => { throw new Error('no key'); } }, 401],
	['a payload that cannot be read (400)', { toEvents: () => { throw new WebhookPayloadError('bad body'); } }, 400],
])('%s wakes no wait', async (_case, handlers, status) => {
	const checks = waitFor('ord-1');
	const toEvents = jest.fn(() => [event('ord-1')]);
	const { result, response } = await deliver({ toEvents, ...handlers });
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(status);
	expect(wake).not.toHaveBeenCalled();
	await jest.advanceTimersByTimeAsync(5_000);
	expect(checks()).toEqual([]);
});

it('an event without a reference wakes nothing', async () => {
	const checks = waitFor('ord-1');
	await deliver({ toEvents: () => [event(null)] });
	expect(wake).toHaveReturnedWith(0);
	await jest.advanceTimersByTimeAsync(5_000);
	expect(checks()).toEqual([]);
});
