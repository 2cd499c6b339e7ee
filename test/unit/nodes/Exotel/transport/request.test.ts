import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../../../../nodes/shared/transport/request';
import { EXOTEL_BASIC, EXOTEL_KEYS, errorAnswer } from '../../../../fakes/exotel';
import { failure, numbered, run, start } from '../fixtures';

const messagesUrl = (host: string) => `${host}/v2/accounts/test-sid/messages`;

describe('Exotel transport', () => {
	describe('API host', () => {
		it.each([
			['Singapore when the credential names none', {}, messagesUrl('https://api.exotel.com')],
			['Singapore', { apiHost: 'https://api.exotel.com' }, messagesUrl('https://api.exotel.com')],
			['Mumbai', { apiHost: 'https://api.in.exotel.com' }, messagesUrl('https://api.in.exotel.com')],
			['a custom host, without its trailing slash', { apiHost: 'custom', customApiHost: ' http://127.0.0.1:8090/ ' }, messagesUrl('http://127.0.0.1:8090')],
		])('sends to %s', async (_case, host, url) => {
			const { seen } = await run({ credentials: { exotelApi: { ...EXOTEL_KEYS, ...host } } });
			expect(seen.map((request) => request.url)).toEqual([url]);
		});

		it.each([
			[{ apiHost: 'custom', customApiHost: 'https://user:pass@proxy.example.com' }, 'The Custom API Host of the Exotel credential must not contain a user name or password'],
			[{ apiHost: 'custom', customApiHost: 'ftp://proxy.example.com' }, 'The Custom API Host of the Exotel credential is not an http(s) address'],
			[{ apiHost: 'https://api.exotel.com.evil.example' }, 'Unknown API host "https://api.exotel.com.evil.example" in the Exotel credential'],
		])('refuses %j before sending anything', async (host, message) => {
			const { execution, http } = start({ credentials: { exotelApi: { ...EXOTEL_KEYS, ...host } } });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('request options', () => {
		it('asks n8n for one attempt with the full answer, no redirects, no throw on status, and a time limit', async () => {
			const { seen } = await run();
			expect(seen).toHaveLength(1);
			expect(seen[0].credentialType).toBe('exotelApi');
			expect(seen[0].options).toMatchObject({
				method: 'POST',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: DEFAULT_REQUEST_TIMEOUT_MS,
			});
		});

		it('reports a redirect as an error instead of following it', async () => {
			const { execution, http } = start({}, { answer: () => [302, ''] });
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('Exotel answered with a redirect (HTTP 302), which the node does not follow');
			expect(error.description).toMatch(/API Host of the Exotel credential/);
		});
	});

	describe('Exotel errors', () => {
		it.each([
			[400, 'Invalid parameter', /malformed/, /at most 100 messages/],
			[401, 'Authorization failed', /did not accept the API key and token/, /API Host.*api\.in\.exotel\.com/],
			[402, 'Payment required', /plan/, /plan and balance/],
			[403, 'Forbidden', /denied access/, /IP whitelisting/],
			[404, 'Not found', /could not find/, /account SID.*API Host/],
			[409, 'Conflict', /conflicting/, /new reference_id/],
			[429, 'Too many requests', /limiting the request rate/, /new reference_id/],
			[500, 'Internal error', /could not process the request \(HTTP 500\)/, /may or may not.*new reference_id/],
			[503, 'Unavailable', /HTTP 503/, /did not resend it/],
		])('HTTP %i becomes a NodeApiError with Exotel message, code and advice, sent once', async (status, exotelMessage, message, advice) => {
			const { execution, http } = start({}, { answer: () => errorAnswer(status, exotelMessage, `${exotelMessage} (details)`) });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe(String(status));
			expect(error.message).toMatch(message);
			expect(error.message).toContain(exotelMessage);
			expect(error.description).toMatch(advice);
			expect(error.description).toContain('(code 1000)');
			expect(error.context.providerCode).toBe('1000');
			expect(http).toHaveBeenCalledTimes(1);
		});

		it('with Continue On Fail: every item of the failed request gets the error and its facts, and later requests still go', async () => {
			const { items, http } = await run(
				{ itemParameters: numbered(150), continueOnFail: true },
				{ answer: (requestNumber) => (requestNumber === 1 ? errorAnswer(503, 'Unavailable') : undefined) },
			);
			expect(http).toHaveBeenCalledTimes(2);
			expect(items[0].json).toEqual({
				referenceId: 'ORD-0',
				to: '+919012345678',
				error: 'Exotel could not process the request (HTTP 503): Unavailable',
				description: expect.stringContaining('Exotel may or may not have sent the messages'),
				httpStatus: 503,
				providerCode: '1000',
				outcomeUnknown: true,
			});
			expect(items.slice(0, 100).every((item) => item.json.httpStatus === 503)).toBe(true);
			expect(items[100].json.sid).toBe('sid-ORD-100');
		});

		it('never puts the key, the token or the authorization value in an error, even when Exotel echoes them', async () => {
			const { execution } = start(
				{},
				{ answer: () => errorAnswer(401, `Bad credentials ${EXOTEL_KEYS.apiKey}:${EXOTEL_KEYS.apiToken}`, `Got ${EXOTEL_BASIC}`) },
			);
			const error = await failure(execution);
			const everything = JSON.stringify({ message: error.message, description: error.description, error });
			expect(everything).not.toContain(EXOTEL_KEYS.apiKey);
			expect(everything).not.toContain(EXOTEL_KEYS.apiToken);
			expect(everything).not.toContain(EXOTEL_BASIC.slice('Basic '.length));
		});
	});

	describe('no answer', () => {
		const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), {
			code: 'ECONNABORTED',
			config: { headers: { Authorization: EXOTEL_BASIC } },
		});

		it('after a time-out: says the outcome is unknown, does not resend, and keeps the request headers out', async () => {
			const { execution, http } = start({ itemParameters: numbered(2) }, { http: async () => Promise.reject(timeout) });
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('The request to Exotel timed out: timeout of 30000ms exceeded');
			expect(error.description).toMatch(/^The outcome is unknown: Exotel may or may not have sent the messages\..*did not resend it.*new reference_id/);
			expect(error.context.outcomeUnknown).toBe(true);
			expect(JSON.stringify(error)).not.toContain(EXOTEL_BASIC.slice('Basic '.length));
		});

		it('after a time-out with Continue On Fail: each item says its outcome is unknown', async () => {
			const { items } = await run({ itemParameters: numbered(2), continueOnFail: true }, { http: async () => Promise.reject(timeout) });
			expect(items.map((item) => item.json.outcomeUnknown)).toEqual([true, true]);
			expect(items[1].json).toMatchObject({ referenceId: 'ORD-1', error: 'The request to Exotel timed out: timeout of 30000ms exceeded' });
		});

		it("keeps its own words for ETIMEDOUT, where n8n's generic message would advise Retry On Fail", async () => {
			const timedOut = Object.assign(new Error('connect ETIMEDOUT 203.0.113.5:443'), { code: 'ETIMEDOUT' });
			const { execution } = start({}, { http: async () => Promise.reject(timedOut) });
			const error = await failure(execution);
			expect(error.message).toBe('The request to Exotel timed out: connect ETIMEDOUT 203.0.113.5:443');
			expect(`${error.message} ${error.description}`).not.toMatch(/Retry on Fail/i);
		});

		it('a refused connection never reached Exotel: nothing was sent', async () => {
			const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8090'), { code: 'ECONNREFUSED' });
			const { execution } = start({}, { http: async () => Promise.reject(refused) });
			const error = await failure(execution);
			expect(error.message).toBe('The request to Exotel did not complete: connect ECONNREFUSED 127.0.0.1:8090');
			expect(error.description).toMatch(/never reached Exotel, so nothing was sent/);
			expect(error.context.outcomeUnknown).toBe(false);
		});
	});
});
