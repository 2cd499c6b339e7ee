import {
	DEFAULT_REQUEST_TIMEOUT_MS,
	FIRST_RETRY_DELAY_MS,
	MAX_RETRY_DELAY_MS,
	ProviderUnreachableError,
	providerRequest,
	READ_ATTEMPTS,
	retryAfterMs,
} from '../../../../../nodes/shared/transport/request';
import type { ProviderAnswer, ProviderRequest } from '../../../../../nodes/shared/transport/request';
import { createExecuteContext } from '../../../helpers/executeContext';

function withAnswer(answer: unknown) {
	const context = createExecuteContext();
	context.http.mockResolvedValue(answer);
	return context;
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderUnreachableError> {
	const failure = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!(failure instanceof ProviderUnreachableError)) throw new Error(`expected ProviderUnreachableError, got ${String(failure)}`);
	return failure;
}

describe('providerRequest', () => {
	it('sends one authenticated request with the options every provider call needs', async () => {
		const { ctx, http } = withAnswer({ statusCode: 201, body: { id: 'p1' } });

		await providerRequest(ctx, 'craftgateApi', {
			method: 'POST',
			url: '/payment/v1/card-payments',
			qs: { lang: 'en' },
			body: { price: 10 },
			headers: { 'x-rnd-key': 'r1' },
		});

		expect(http).toHaveBeenCalledTimes(1);
		const [credentialType, options] = http.mock.calls[0];
		expect(credentialType).toBe('craftgateApi');
		expect(http.mock.contexts[0]).toBe(ctx);
		expect(options).toEqual({
			method: 'POST',
			url: '/payment/v1/card-payments',
			qs: { lang: 'en' },
			body: { price: 10 },
			headers: { 'x-rnd-key': 'r1' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: DEFAULT_REQUEST_TIMEOUT_MS,
		});
	});

	it('waits 30 seconds by default and as long as the caller says otherwise', async () => {
		expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(30_000);
		const { ctx, http } = withAnswer({ statusCode: 200, body: {} });
		await providerRequest(ctx, 'exotelApi', { method: 'GET', url: 'https://api.exotel.com/x', timeoutMs: 5_000 });
		expect(http.mock.calls[0][1].timeout).toBe(5_000);
	});

	it('returns the status and the body parsed, also when it came back as text', async () => {
		const { ctx } = withAnswer({ statusCode: 400, body: '{"errors":{"errorCode":"10051"}}', headers: {} });
		expect(await providerRequest(ctx, 'craftgateApi', { method: 'POST', url: '/x', body: 'signed text' })).toEqual({
			statusCode: 400,
			body: { errors: { errorCode: '10051' } },
		});
	});

	it('hands back an error status instead of throwing, so the transport can map it', async () => {
		const { ctx } = withAnswer({ statusCode: 503, body: 'upstream down' });
		expect(await providerRequest(ctx, 'calypsoApi', { method: 'GET', url: '/x' })).toEqual({ statusCode: 503, body: 'upstream down' });
	});

	it('turns an empty answer into an undefined body', async () => {
		const { ctx } = withAnswer({ statusCode: 204, body: '' });
		expect(await providerRequest(ctx, 'calypsoApi', { method: 'DELETE', url: '/x' })).toEqual({ statusCode: 204, body: undefined });
	});

	it('turns a call that got no answer into ProviderUnreachableError keeping the cause', async () => {
		const { ctx, http } = withAnswer(undefined);
		const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		http.mockReset().mockRejectedValue(cause);

		const failure = await failureOf(providerRequest(ctx, 'exotelApi', { method: 'POST', url: '/x' }));

		expect(failure.cause).toBe(cause);
		expect(failure.timedOut).toBe(false);
		expect(failure.message).toBe('connect ECONNREFUSED 127.0.0.1:9');
		expect(http).toHaveBeenCalledTimes(1);
	});

	it.each([
		['code ETIMEDOUT', Object.assign(new Error('read failed'), { code: 'ETIMEDOUT' })],
		['code ECONNABORTED', Object.assign(new Error('aborted'), { code: 'ECONNABORTED' })],
		['code ESOCKETTIMEDOUT', Object.assign(new Error('socket'), { code: 'ESOCKETTIMEDOUT' })],
		['a "timeout" message', new Error('timeout of 30000ms exceeded')],
		['a "timed out" message', new Error('The request timed out')],
		['a timeout deeper in the cause chain', new Error('Request failed', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) })],
	])('says it timed out for %s', async (_, cause) => {
		const { ctx, http } = withAnswer(undefined);
		http.mockReset().mockRejectedValue(cause);
		expect((await failureOf(providerRequest(ctx, 'exotelApi', { method: 'POST', url: '/x' }))).timedOut).toBe(true);
	});

	it('says it did not time out for a refused connection or a DNS failure', async () => {
		const { ctx, http } = withAnswer(undefined);
		http.mockReset().mockRejectedValue(Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }));
		expect((await failureOf(providerRequest(ctx, 'exotelApi', { method: 'POST', url: '/x' }))).timedOut).toBe(false);
	});

	it('copes with a cause chain that loops', async () => {
		const { ctx, http } = withAnswer(undefined);
		const looping = new Error('first') as Error & { cause?: unknown };
		looping.cause = looping;
		http.mockReset().mockRejectedValue(looping);
		expect((await failureOf(providerRequest(ctx, 'exotelApi', { method: 'GET', url: '/x' }))).timedOut).toBe(false);
	});

	it('describes a thrown non-error by its text', async () => {
		const { ctx, http } = withAnswer(undefined);
		http.mockReset().mockRejectedValue('socket closed');
		expect((await failureOf(providerRequest(ctx, 'exotelApi', { method: 'GET', url: '/x' }))).message).toBe('socket closed');
	});
});

describe('providerRequest: reads tried again with back-off (retry: "read")', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	const answer = (statusCode: number, body: unknown = {}, headers: Record<string, string> = {}) => ({ statusCode, body, headers });
	const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

	let script: unknown[] = [];

	/** Runs the request, moving the fake clock on until it settles; returns what it gave and the waits between attempts. */
	async function run(
		http: jest.Mock,
		request: Partial<ProviderRequest> = {},
	): Promise<{ value?: ProviderAnswer; error?: unknown; waits: number[] }> {
		const context = createExecuteContext({ http });
		const times: number[] = [];
		http.mockImplementation(async () => {
			times.push(Date.now());
			const next = script.shift();
			if (next instanceof Error) throw next;
			return next;
		});
		const outcome = providerRequest(context.ctx, 'craftgateApi', { method: 'GET', url: '/x', retry: 'read', ...request }).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		await jest.runAllTimersAsync();
		const settled = await outcome;
		return { ...settled, waits: times.slice(1).map((time, index) => time - times[index]) };
	}

	it('a 500 twice, then the answer: three attempts, 0.5 s then 1 s apart, and the answer', async () => {
		script = [answer(500), answer(502), answer(200, { data: 1 })];
		const http = jest.fn();
		const { value, waits } = await run(http);
		expect(http).toHaveBeenCalledTimes(READ_ATTEMPTS);
		expect(waits).toEqual([FIRST_RETRY_DELAY_MS, 2 * FIRST_RETRY_DELAY_MS]);
		expect(value).toEqual({ statusCode: 200, body: { data: 1 }, earlierAttemptMayHaveActed: true });
	});

	it('a 429 with Retry-After: waits as long as asked, then gets the answer', async () => {
		script = [answer(429, {}, { 'retry-after': '3' }), answer(200, { ok: true })];
		const http = jest.fn();
		const { value, waits } = await run(http);
		expect(waits).toEqual([3000]);
		// Rate limited: the provider did nothing, so an "already exists" afterwards is not ours.
		expect(value).toEqual({ statusCode: 200, body: { ok: true } });
	});

	it('a 429 asking for longer than the cap: no second attempt, the 429 is handed back', async () => {
		script = [answer(429, { error: 'slow down' }, { 'Retry-After': String(MAX_RETRY_DELAY_MS / 1000 + 1) })];
		const http = jest.fn();
		const { value } = await run(http);
		expect(http).toHaveBeenCalledTimes(1);
		expect(value).toEqual({ statusCode: 429, body: { error: 'slow down' } });
	});

	it('a connection reset, then the answer', async () => {
		script = [reset(), answer(200, { ok: true })];
		const http = jest.fn();
		const { value } = await run(http);
		expect(http).toHaveBeenCalledTimes(2);
		expect(value).toEqual({ statusCode: 200, body: { ok: true }, earlierAttemptMayHaveActed: true });
	});

	it('broken JSON in a 2xx (cut off), then the answer', async () => {
		script = [answer(200, '{"data":{"id":1', { 'content-type': 'application/json' }), answer(200, '{"data":{"id":1}}')];
		const http = jest.fn();
		const { value } = await run(http);
		expect(http).toHaveBeenCalledTimes(2);
		expect(value).toMatchObject({ statusCode: 200, body: { data: { id: 1 } } });
	});

	it('no answer three times: gives up after three attempts with ProviderUnreachableError', async () => {
		script = [reset(), reset(), Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' })];
		const http = jest.fn();
		const { error } = await run(http);
		expect(http).toHaveBeenCalledTimes(3);
		expect(error).toBeInstanceOf(ProviderUnreachableError);
		expect((error as ProviderUnreachableError).timedOut).toBe(true);
	});

	it.each([
		['400', answer(400, { errors: {} })],
		['401', answer(401)],
		['404', answer(404)],
		['a 200 that is not JSON at all', answer(200, '<html>ok</html>', { 'content-type': 'text/html' })],
	])('%s is final: one attempt', async (_, first) => {
		script = [first, answer(200)];
		const http = jest.fn();
		await run(http);
		expect(http).toHaveBeenCalledTimes(1);
	});

	it('without retry (sends, creates without an idempotency key): one attempt, whatever happens', async () => {
		for (const first of [answer(500), answer(429, {}, { 'retry-after': '1' }), reset(), answer(200, '{"cut', { 'content-type': 'application/json' })]) {
			script = [first, answer(200)];
			const http = jest.fn();
			await run(http, { method: 'POST', retry: undefined });
			expect(http).toHaveBeenCalledTimes(1);
		}
	});

	it('stops trying when the execution was cancelled', async () => {
		script = [answer(503), answer(200)];
		const http = jest.fn();
		const controller = new AbortController();
		const context = createExecuteContext({ http });
		(context.ctx as unknown as { getExecutionCancelSignal: () => AbortSignal }).getExecutionCancelSignal = () => controller.signal;
		http.mockImplementation(async () => {
			controller.abort();
			return script.shift();
		});
		const result = await providerRequest(context.ctx, 'craftgateApi', { method: 'GET', url: '/x', retry: 'read' });
		expect(http).toHaveBeenCalledTimes(1);
		expect(result.statusCode).toBe(503);
	});

	it('sends every attempt with options of its own (signing rewrites them)', async () => {
		script = [answer(500), answer(200)];
		const http = jest.fn();
		await run(http, { headers: { a: '1' }, qs: { page: 0 } });
		const [first, second] = http.mock.calls.map((call) => call[1]);
		expect(first).toEqual(second);
		expect(first).not.toBe(second);
		expect(first.headers).not.toBe(second.headers);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, and nothing else', () => {
		const now = Date.parse('2026-01-02T10:00:00Z');
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(['5'], now)).toBe(5000);
		expect(retryAfterMs('Fri, 02 Jan 2026 10:00:07 GMT', now)).toBe(7000);
		expect(retryAfterMs('Fri, 02 Jan 2026 09:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});
});
