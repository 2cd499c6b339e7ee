import {
	DEFAULT_REQUEST_TIMEOUT_MS,
	ProviderUnreachableError,
	providerRequest,
} from '../../../../../nodes/shared/transport/request';
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
