import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../nodes/Calypso/CalypsoPay.node';
import {
	calypsoError,
	createCalypsoExecuteContext,
	ok,
	secretsIn,
	TEST_CREDENTIALS,
	type CalypsoCall,
	type ExecuteOptions,
	type Responder,
} from './fakeCalypso';
import { widget, WIDGET_KEY } from './fixtures';

const node = new CalypsoPay();

async function attempt(options: ExecuteOptions) {
	const context = createCalypsoExecuteContext(options);
	const outcome = await node.execute.call(context.ctx).then(
		(result) => ({ output: result[0], error: undefined }),
		(error: Error) => ({ output: undefined, error }),
	);
	return { ...context, ...outcome };
}

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
		const { calls, error } = await attempt({ parameters: createWidget(), respond: () => calypsoError(status, errorCode, message) });
		expect(calls).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(`Calypso error ${errorCode}: ${message}`);
		expect((error as NodeApiError).description).toMatch(hint);
		expect((error as NodeApiError).description).toContain(sentKey(calls));
		expect((error as NodeApiError).httpCode).toBe(String(status));
		expect(secretsIn(error, calls)).toEqual([]);
	});

	it('reads a numeric code, and names a code Calypso sent without a message', async () => {
		const { error } = await attempt({ parameters: createWidget(), respond: () => ({ status: 400, body: { errorCode: 11 } }) });
		expect(error?.message).toBe('Calypso error 011: Invalid timestamp');
	});

	it('treats an error object in a 200 answer as an error', async () => {
		const { error } = await attempt({ parameters: createWidget(), respond: () => calypsoError(200, '001', 'cryptoCurrencies must be strings') });
		expect(error?.message).toBe('Calypso error 001: cryptoCurrencies must be strings');
	});

	it('reports an answer without any JSON object, quoting the key', async () => {
		const { calls, error } = await attempt({ parameters: createWidget(), respond: () => ({ status: 200, body: '' }) });
		expect(error?.message).toBe('Calypso answered without a JSON object');
		expect((error as NodeApiError).description).toContain(sentKey(calls));
	});

	it('a wrong secret is refused once (003): the create is never re-sent, and its output with continueOnFail holds no secret', async () => {
		const { calls, http, output } = await attempt({
			parameters: createWidget(),
			credentials: { ...TEST_CREDENTIALS, secretKey: 'a-wrong-secret-value' },
			continueOnFail: true,
			respond: () => ok(widget()),
		});
		expect(calls).toHaveLength(1);
		expect(http.mock.calls[0][1]).toMatchObject({ ignoreHttpStatusErrors: true, returnFullResponse: true });
		expect(output?.[0].json.error).toBe('Calypso error 003: Wrong sign');
		expect(JSON.stringify(output)).not.toContain('a-wrong-secret-value');
		expect(JSON.stringify(output)).not.toContain(String(calls[0].headers.Sign));
	});
});

describe('creates whose outcome is unknown are never re-sent', () => {
	it('a 5xx: one request; the error gives the key to retry with', async () => {
		const { calls, error } = await attempt({ parameters: createWidget(), respond: () => calypsoError(502, '000', 'Bad gateway') });
		expect(calls).toHaveLength(1);
		expect((error as NodeApiError).description).toContain(`retry with Idempotency Key = ${sentKey(calls)}`);
		expect((error as NodeApiError).description).toContain('Do not retry with a new key');
	});

	it('a time-out: one request; the error keeps the reason and the key, never the Sign header or the body', async () => {
		const { calls, error } = await attempt({ parameters: createWidget(), respond: () => ({ networkError: 'timeout of 60000ms exceeded' }) });
		expect(calls).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Calypso request failed: timeout of 60000ms exceeded');
		expect((error as NodeApiError).description).toContain(sentKey(calls));
		expect(secretsIn(error, calls)).toEqual([]);
		expect(JSON.stringify(error)).not.toContain(calls[0].rawBody);
	});
});

describe('n8n\'s "Retry On Fail" re-runs a create with the same key', () => {
	/** A Calypso that creates the widget but whose answer is lost the first time. */
	function lossyCalypso() {
		const widgets: Record<string, IDataObject> = {};
		let lose = true;
		const respond: Responder = (call) => {
			if (call.path.endsWith('/find')) {
				const found = widgets[String(call.payload?.requestId)];
				return found ? ok(found) : calypsoError(404, '004', 'Requested object not found');
			}
			const key = String(call.payload?.idempotencyKey);
			if (widgets[key]) return calypsoError(400, '016', 'idempotencyKey already exists');
			widgets[key] = widget({ ...call.payload });
			if (lose) {
				lose = false;
				return { networkError: 'socket hang up', code: 'ECONNRESET' };
			}
			return ok(widgets[key]);
		};
		return { widgets, respond };
	}

	it('the retry sends the first try\'s key, and reads back the widget that try created', async () => {
		const calypso = lossyCalypso();
		// n8n retries by running the node again over the very same input items.
		const context = createCalypsoExecuteContext({ parameters: createWidget(), respond: calypso.respond });
		const first = await node.execute.call(context.ctx).catch((error: Error) => error);
		expect((first as Error).message).toBe('Calypso request failed: socket hang up');
		const [retry] = await node.execute.call(context.ctx);
		const [created, createdAgain, readBack] = context.calls;
		expect(sentKey([createdAgain])).toBe(sentKey([created]));
		expect(readBack).toMatchObject({ path: '/api/v1/payment-widget/unlimited-linked/find', payload: { requestId: sentKey([created]) } });
		expect(Object.keys(calypso.widgets)).toHaveLength(1);
		expect(retry[0].json).toMatchObject({ widgetKey: sentKey([created]), alreadyExisted: true });
	});

	it('new input items (another execution or loop run) get a new key, even for the same request', async () => {
		const respond: Responder = (call) => ok(widget({ ...call.payload }));
		const a = await attempt({ parameters: createWidget(), respond, executionId: 'exec-a' });
		const b = await attempt({ parameters: createWidget(), respond, executionId: 'exec-a' });
		expect(sentKey(a.calls)).not.toBe(sentKey(b.calls));
	});

	it('the same items in another execution (pinned data) get a new key', async () => {
		const respond: Responder = (call) => ok(widget({ ...call.payload }));
		const context = createCalypsoExecuteContext({ parameters: createWidget(), respond });
		await node.execute.call(context.ctx);
		(context.ctx as unknown as { getExecutionId: () => string }).getExecutionId = () => 'execution-2';
		await node.execute.call(context.ctx);
		expect(sentKey(context.calls, 0)).not.toBe(sentKey(context.calls, 1));
	});

	it('a key the user gave that Calypso already has stays an error (016), nothing is read back', async () => {
		const { calls, error } = await attempt({
			parameters: createWidget({ additionalFields: { idempotencyKey: WIDGET_KEY } }),
			respond: () => calypsoError(400, '016', 'idempotencyKey already exists'),
		});
		expect(calls).toHaveLength(1);
		expect(error?.message).toBe('Calypso error 016: idempotencyKey already exists');
		expect((error as NodeApiError).description).toContain(WIDGET_KEY);
	});
});
