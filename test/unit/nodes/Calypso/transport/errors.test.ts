import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CALYPSO_CREDENTIALS, calypsoAccount, calypsoError, ok, secretsIn, type CalypsoCall } from '../../../../fakes/calypso';
import { runCalypsoPay } from '../contexts';
import { widget } from '../fixtures';


const createWidget = (fields: IDataObject = {}): IDataObject => ({
	resource: 'widget',
	operation: 'create',
	cryptoCurrencies: ['BTC'],
	description: 'Order 1042',
	externalId: 'order-1042',
	additionalFields: {},
	...fields,
});

const sentKey = (calls: CalypsoCall[], index = 0) => String(calls[index].payload?.idempotencyKey);

describe('Calypso error codes', () => {
	it.each([
		['000', 500, 'Internal server error', /try again later/],
		['001', 400, 'Bad request', /refused a field/],
		['002', 401, 'Invalid api key', /check the Public Key and the API Host/],
		['003', 401, 'Wrong sign', /check the Secret Key/],
		['004', 404, 'Requested object not found', /no such object/],
		['006', 400, 'Invoice in incorrect state', /not in a state/],
		['011', 400, 'Invalid timestamp', /clock must be within ±3 minutes/],
		['014', 400, 'Invalid hot wallet currency', /not enabled/],
		['015', 400, 'Currency does not match wallet blockchain', /blockchain/],
		['016', 400, 'IdempotencyKey already exists', /already has an object with this idempotency key/],
	])('%s becomes a NodeApiError with Calypso\'s code and message and a hint, and no secret', async (errorCode, status, message, hint) => {
		const { calls, error } = await runCalypsoPay({ parameters: createWidget(), respond: () => calypsoError(status, errorCode, message) });
		// A 5xx is sent again with the same idempotency key (READ_ATTEMPTS in all); nothing else is.
		expect(calls).toHaveLength(status >= 500 ? 3 : 1);
		expect(new Set(calls.map((call) => sentKey(calls, calls.indexOf(call))))).toEqual(new Set([sentKey(calls)]));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(`Calypso error ${errorCode}: ${message}`);
		expect((error as NodeApiError).description).toMatch(hint);
		const advice =
			errorCode === '000'
				? ` It may have been created anyway: retry with Idempotency Key = ${sentKey(calls)} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`
				: ` The request's idempotency key was ${sentKey(calls)}.`;
		expect((error as NodeApiError).description?.endsWith(advice)).toBe(true);
		expect((error as NodeApiError).httpCode).toBe(String(status));
		expect((error as NodeApiError).context).toMatchObject({ providerCode: errorCode, idempotencyKey: sentKey(calls) });
		expect(secretsIn(error, calls)).toEqual([]);
	});

	it('reads a numeric code, and names a code Calypso sent without a message', async () => {
		const { error } = await runCalypsoPay({ parameters: createWidget(), respond: () => ({ status: 400, body: { errorCode: 11 } }) });
		expect(error?.message).toBe('Calypso error 011: Invalid timestamp');
	});

	it('treats an error object in a 200 answer as an error', async () => {
		const { error } = await runCalypsoPay({ parameters: createWidget(), respond: () => calypsoError(200, '001', 'cryptoCurrencies must be strings') });
		expect(error?.message).toBe('Calypso error 001: cryptoCurrencies must be strings');
	});

	it('reports an answer without any JSON object, quoting the key', async () => {
		const { calls, error } = await runCalypsoPay({ parameters: createWidget(), respond: () => ({ status: 200, body: '' }) });
		expect(error?.message).toBe('Calypso answered without a JSON object');
		expect((error as NodeApiError).description).toBe(
			`POST /api/v1/payment-widget/unlimited-linked/create returned HTTP 200 with an empty body. It may have been created anyway: look it up by Idempotency Key = ${sentKey(calls)}, or retry with that key (never a new one).`,
		);
		expect((error as NodeApiError).context).toMatchObject({ idempotencyKey: sentKey(calls), outcomeUnknown: true });
	});

	it('a wrong secret is refused once (003): the create is never re-sent, and its Continue On Fail item keeps the code and the key, no secret', async () => {
		const { calls, http, output } = await runCalypsoPay({
			parameters: createWidget(),
			credentials: { ...CALYPSO_CREDENTIALS, secretKey: 'a-wrong-secret-value' },
			continueOnFail: true,
			respond: () => ok(widget()),
		});
		expect(calls).toHaveLength(1);
		expect(http.mock.calls[0][1]).toMatchObject({
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			disableFollowRedirect: true,
			timeout: 60_000,
		});
		expect(output).toEqual([
			{
				json: {
					error: 'Calypso error 003: Wrong sign',
					description: `Calypso refused the signature: check the Secret Key in the Calypso credential (it must be the secret of that public key). The request's idempotency key was ${sentKey(calls)}.`,
					httpStatus: 401,
					providerCode: '003',
					idempotencyKey: sentKey(calls),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('a-wrong-secret-value');
		expect(JSON.stringify(output)).not.toContain(String(calls[0].headers.sign));
	});
});

describe('creates whose outcome is unknown are sent again only with the same idempotency key', () => {
	const keysOf = (calls: CalypsoCall[]) => calls.map((_, index) => sentKey(calls, index));

	it('a 5xx: three requests with one key; the Continue On Fail item gives the key to retry with and says the outcome is unknown', async () => {
		const { calls, output } = await runCalypsoPay({ parameters: createWidget(), continueOnFail: true, respond: () => calypsoError(502, '000', 'Bad gateway') });
		expect(keysOf(calls)).toEqual([sentKey(calls), sentKey(calls), sentKey(calls)]);
		expect(output?.[0].json).toEqual({
			error: 'Calypso error 000: Bad gateway',
			description: `Calypso failed to process the request; try again later. It may have been created anyway: retry with Idempotency Key = ${sentKey(calls)} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`,
			httpStatus: 502,
			providerCode: '000',
			idempotencyKey: sentKey(calls),
			outcomeUnknown: true,
		});
	});

	it('a time-out: three requests with one key; the error says how long it waited, keeps the key, never the Sign header or the body', async () => {
		const { calls, error } = await runCalypsoPay({ parameters: createWidget(), respond: () => ({ networkError: 'timeout of 60000ms exceeded' }) });
		expect(keysOf(calls)).toEqual([sentKey(calls), sentKey(calls), sentKey(calls)]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Calypso did not answer within 60 s');
		expect((error as NodeApiError).description).toBe(
			`Reason: timeout of 60000ms exceeded. No answer from Calypso. Check the API host in the Calypso credential and the network. It may have been created anyway: retry with Idempotency Key = ${sentKey(calls)} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`,
		);
		expect((error as NodeApiError).context).toMatchObject({ idempotencyKey: sentKey(calls), outcomeUnknown: true });
		expect(secretsIn(error, calls)).toEqual([]);
		expect(JSON.stringify(error)).not.toContain(calls[0].rawBody);
	});

	it('a dropped connection after Calypso made the widget: sent again with the same key, Calypso answers 016, and the one widget is read back', async () => {
		const calypso = calypsoAccount();
		calypso.loseAnswers.push('/api/v1/payment-widget/unlimited-linked/create');
		const { calls, output, error } = await runCalypsoPay({ parameters: createWidget(), respond: calypso.respond });
		expect(error).toBeUndefined();
		expect(calls.map((call) => call.path)).toEqual([
			'/api/v1/payment-widget/unlimited-linked/create',
			'/api/v1/payment-widget/unlimited-linked/create',
			'/api/v1/payment-widget/unlimited-linked/find',
		]);
		expect(keysOf(calls.slice(0, 2))).toEqual([sentKey(calls), sentKey(calls)]);
		expect(Object.keys(calypso.widgets)).toEqual([sentKey(calls)]);
		expect(output?.[0].json).toMatchObject({ widgetKey: sentKey(calls), alreadyExisted: true });
	});

	it('a 016 on the first request is the user\'s own key used before: never read back as if this run made it', async () => {
		const { calls, error } = await runCalypsoPay({ parameters: createWidget(), respond: () => calypsoError(400, '016', 'idempotencyKey already exists') });
		expect(calls).toHaveLength(1);
		expect(error?.message).toBe('Calypso error 016: idempotencyKey already exists');
	});
});

describe('reads', () => {
	it('a failed read carries Calypso\'s code but no idempotency key and no unknown outcome', async () => {
		const { output } = await runCalypsoPay({
			parameters: { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: 'inv-404' },
			continueOnFail: true,
			respond: () => calypsoError(500, '000', 'Internal server error'),
		});
		expect(output?.[0].json).toEqual({
			error: 'Calypso error 000: Internal server error',
			description: 'Calypso failed to process the request; try again later.',
			httpStatus: 500,
			providerCode: '000',
		});
	});
});

describe('calypsoApiError: credential values Calypso echoes back', () => {
	it('quotes neither key in the message, the description or the response', async () => {
		const { calypsoApiError } = await import('../../../../../nodes/Calypso/transport/errors');
		const secrets = ['pub-key-echo-1234', 'sec-key-echo-5678'];
		const error = calypsoApiError(
			{ id: '1', name: 'Calypso Pay', type: 'calypsoPay', typeVersion: 1, position: [0, 0], parameters: {} },
			400,
			{ errorCode: '001', message: `bad sign for key ${secrets[0]} with ${secrets[1]}` },
			{ secrets },
		);
		const seen = JSON.stringify({ message: error.message, description: error.description, response: error.errorResponse });
		expect(seen).toContain('bad sign for key *** with ***');
		for (const secret of secrets) expect(seen).not.toContain(secret);
	});
});
