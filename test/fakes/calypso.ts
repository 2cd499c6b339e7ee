/**
 * The one stand-in for Calypso's API, used by the unit tests (behind a mocked
 * httpRequestWithAuthentication that runs the REAL CalypsoApi.authenticate) and by the workflow
 * tests (behind nock, reached through n8n-core's own request helpers).
 *
 * Every request is checked the way Calypso checks it (docs/providers.md §4.2, restated here without
 * the package's code): `Key` is the public key, `Sign` = hex(HMAC-SHA512(secret key, exact body
 * bytes)), the body is the 2.0 envelope with this account and a millisecond timestamp within 3
 * minutes. A request that fails gets Calypso's own refusal (`002`, `003`, `011`, `001`); the others
 * are answered by a `Responder`: a test's own function, or `calypsoAccount().respond`, a small
 * Calypso whose widgets, invoices and subscriptions live as long as the account object.
 *
 * Each test makes its own account (and its own helper or interceptor), so nothing one test sent
 * can be seen by another.
 */
import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type nockModule from 'nock';
import { CalypsoApi } from '../../credentials/CalypsoApi.credentials';

export const CALYPSO_API = 'https://api.calypso.finance';

export const CALYPSO_KEYS = {
	publicKey: 'test-calypso-public',
	secretKey: 'test-calypso-secret-value',
	accountId: '0x' + '4e'.repeat(20),
};

/** A Calypso API credential as n8n stores it. */
export const CALYPSO_CREDENTIALS: ICredentialDataDecryptedObject = {
	...CALYPSO_KEYS,
	apiHost: CALYPSO_API,
	payLinkHost: 'https://pay.calypso.finance',
};

/** The keys the fake account gives every webhook subscription it creates. */
export const SUBSCRIPTION_KEYS = { publicKey: 'test-subscription-public', secretKey: 'test-subscription-secret' };

export interface CalypsoCall {
	method: string;
	/** The full URL requested. */
	url: string;
	path: string;
	/** Header names in lower case, as a server receives them. */
	headers: IDataObject;
	/** The exact body bytes sent, as text. */
	rawBody: string;
	envelope: IDataObject | undefined;
	payload: IDataObject | undefined;
	/** The errorCode Calypso refused the request with, if it did. */
	refusal: string | undefined;
}

export type FakeAnswer = { status: number; body?: unknown } | { networkError: string; code?: string };

export type Responder = (call: CalypsoCall) => FakeAnswer | Promise<FakeAnswer>;

export const ok = (body: unknown): FakeAnswer => ({ status: 200, body });

export const calypsoError = (status: number, errorCode: string, message: string): FakeAnswer => ({
	status,
	body: { errorCode, message },
});

/** What a test that sets no answer gets. */
const noAnswer: Responder = () => calypsoError(500, '000', 'no fake answer');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function lowerCaseHeaders(headers: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = Array.isArray(value) ? value[0] : (value as string);
	return result;
}

/** The errorCode Calypso refuses a request with (keys, signature, timestamp, account), or undefined. */
export function refusalOf(headers: IDataObject, rawBody: string, keys = CALYPSO_KEYS): string | undefined {
	if (headers.key !== keys.publicKey) return '002';
	const expected = createHmac('sha512', keys.secretKey).update(rawBody, 'utf8').digest('hex');
	if (String(headers.sign ?? '').toLowerCase() !== expected) return '003';
	const envelope = parseJson(rawBody) as IDataObject | undefined;
	if (!envelope || typeof envelope !== 'object') return '001';
	if (typeof envelope.timestamp !== 'number' || Math.abs(Date.now() - envelope.timestamp) > 180_000) return '011';
	if (envelope.account !== keys.accountId) return '001';
	return undefined;
}

const REFUSALS: Record<string, FakeAnswer> = {
	'001': calypsoError(400, '001', 'Bad request'),
	'002': calypsoError(401, '002', 'Invalid api key'),
	'003': calypsoError(401, '003', 'Wrong sign'),
	'011': calypsoError(400, '011', 'Invalid timestamp'),
};

/** Records the request as Calypso receives it and answers it: Calypso's refusal, or `respond`'s answer. */
async function receive(
	request: { method: string; url: string; headers: Record<string, unknown>; rawBody: string },
	respond: Responder,
	calls: CalypsoCall[],
): Promise<FakeAnswer> {
	const headers = lowerCaseHeaders(request.headers);
	const envelope = parseJson(request.rawBody) as IDataObject | undefined;
	const refusal = refusalOf(headers, request.rawBody);
	const call: CalypsoCall = {
		method: request.method,
		url: request.url,
		path: new URL(request.url).pathname,
		headers,
		rawBody: request.rawBody,
		envelope,
		payload: envelope?.payload as IDataObject | undefined,
		refusal,
	};
	calls.push(call);
	return refusal ? REFUSALS[refusal] : await respond(call);
}

/**
 * n8n's httpRequestWithAuthentication for the unit tests: the real credential signs the request,
 * the fake receives exactly what would go on the wire. Like n8n, a request that fails without an
 * answer, or with an error status when the caller did not ask to ignore it, rejects with a
 * NodeApiError whose cause carries the request headers and body (so a test can prove neither
 * reaches the node's own error).
 */
export function calypsoHttpHelper(node: INode, respond: Responder = noAnswer, credentials = CALYPSO_CREDENTIALS) {
	const calls: CalypsoCall[] = [];
	async function send(options: IHttpRequestOptions): Promise<unknown> {
		const signed = await new CalypsoApi().authenticate({ ...credentials }, structuredClone(options));
		if (typeof signed.body !== 'string') throw new Error('the signed body is not a string');
		const url = new URL(signed.url, signed.baseURL).toString();
		const headers = (signed.headers ?? {}) as Record<string, unknown>;
		const answer = await receive({ method: String(signed.method ?? 'GET'), url, headers, rawBody: signed.body }, respond, calls);
		const config = { headers, data: signed.body };
		if ('networkError' in answer) {
			throw Object.assign(new Error(answer.networkError), { code: answer.code ?? 'ECONNABORTED', config });
		}
		if (answer.status >= 400 && !signed.ignoreHttpStatusErrors) {
			throw Object.assign(new Error(`Request failed with status code ${answer.status}`), {
				config,
				response: { status: answer.status, data: answer.body },
			});
		}
		return signed.returnFullResponse ? { statusCode: answer.status, body: answer.body, headers: {} } : answer.body;
	}
	const http = jest.fn(async (type: string, options: IHttpRequestOptions) => {
		if (type !== 'calypsoApi') throw new Error(`unexpected credential type ${type}`);
		try {
			return await send(options);
		} catch (error) {
			throw new NodeApiError(node, error as never);
		}
	});
	return { http, calls };
}

/**
 * Calypso's API behind nock, for the workflow tests (pass the harness's nock). Every POST and
 * DELETE to `api` is received and answered by `respond`.
 */
export function interceptCalypso(nock: typeof nockModule, respond: Responder, api = CALYPSO_API) {
	const calls: CalypsoCall[] = [];
	const scope = nock(api).persist();
	// nock hands reply functions parsed JSON; its 'request' event still has the raw text.
	const rawBodies = new WeakMap<object, string>();
	scope.on('request', (req: object, _interceptor: unknown, body: string) => rawBodies.set(req, body ?? ''));
	type Callback = (error: NodeJS.ErrnoException | null, answer: [number, string | Record<string, unknown>]) => void;
	const reply = function (
		this: { req: { method: string; headers: Record<string, unknown> } },
		uri: string,
		_body: unknown,
		callback: Callback,
	) {
		const request = { method: this.req.method, url: `${api}${uri}`, headers: this.req.headers, rawBody: rawBodies.get(this.req) ?? '' };
		receive(request, respond, calls).then(
			(answer) => {
				if ('networkError' in answer) callback(Object.assign(new Error(answer.networkError), { code: answer.code ?? 'ECONNRESET' }), [0, '']);
				else callback(null, [answer.status, (answer.body ?? '') as string | Record<string, unknown>]);
			},
			(error: Error) => callback(error, [0, '']),
		);
	};
	for (const method of ['POST', 'DELETE']) scope.intercept(/.*/, method).reply(reply);
	return { calls, scope };
}

/**
 * A small stateful Calypso: widgets, invoices and subscriptions live as long as this object.
 * `failNext` answers the next requests instead (nothing changes); `loseAnswers` lists paths whose
 * next request is carried out but whose answer is lost (the caller sees a network error).
 */
export function calypsoAccount() {
	const widgets: Record<string, IDataObject> = {};
	const invoices: Record<string, IDataObject> = {};
	const subscriptions: Record<string, IDataObject> = {};
	const failNext: FakeAnswer[] = [];
	const loseAnswers: string[] = [];
	const notFound = calypsoError(404, '004', 'Requested object not found');

	function createInvoice(payload: IDataObject, type: string): FakeAnswer {
		if (Object.values(invoices).some((invoice) => invoice.idempotencyKey === payload.idempotencyKey)) {
			return calypsoError(400, '016', 'idempotencyKey already exists');
		}
		const id = `inv-${Object.keys(invoices).length + 1}`;
		invoices[id] = { ...payload, id, type, state: 'PENDING_PAYMENT', totalDebitAmount: 0 };
		return ok(invoices[id]);
	}

	function handle({ method, path, payload = {} }: CalypsoCall): FakeAnswer {
		switch (`${method} ${path}`) {
			case 'POST /api/v1/payment-widget/unlimited-linked/create': {
				const key = String(payload.idempotencyKey);
				if (widgets[key]) return calypsoError(400, '016', 'idempotencyKey already exists');
				widgets[key] = { ...payload, widgetType: 'UNLIMITED_LINKED', widgetState: 'IN_PROGRESS', invoices: [], createdDate: '2026-01-02T10:00:00.000000' };
				return ok(widgets[key]);
			}
			case 'POST /api/v1/payment-widget/unlimited-linked/find':
				return widgets[String(payload.requestId)] ? ok(widgets[String(payload.requestId)]) : notFound;
			case 'POST /api/v1/invoice/single/create':
				return createInvoice(payload, 'SINGLE');
			case 'POST /api/v1/invoice/unlimited/create':
				return createInvoice(payload, 'UNLIMITED');
			case 'POST /api/v1/invoice': {
				const found = Object.values(invoices).find((invoice) =>
					payload.id ? invoice.id === payload.id : invoice.idempotencyKey === payload.idempotencyKey,
				);
				return found ? ok(found) : notFound;
			}
			case 'POST /api/v1/subscription/webhook/create':
				subscriptions[String(payload.requestId)] = { ...payload, ...SUBSCRIPTION_KEYS };
				return ok(subscriptions[String(payload.requestId)]);
			case 'POST /api/v1/subscription/webhook':
				return ok({ subscriptions: Object.values(subscriptions) });
			case 'DELETE /api/v1/subscription/webhook':
				if (!subscriptions[String(payload.requestId)]) return notFound;
				delete subscriptions[String(payload.requestId)];
				return { status: 200, body: '' };
			default:
				return calypsoError(404, '004', `no fake route ${method} ${path}`);
		}
	}

	const respond: Responder = (call) => {
		const injected = failNext.shift();
		if (injected) return injected;
		const answer = handle(call);
		const lost = loseAnswers.indexOf(call.path);
		if (lost === -1) return answer;
		loseAnswers.splice(lost, 1);
		return { networkError: 'socket hang up', code: 'ECONNRESET' };
	};

	return { widgets, invoices, subscriptions, failNext, loseAnswers, respond };
}

/** Every secret of the test credential, and every Sign header sent, found in `value` (an error, an output...). */
export function secretsIn(value: unknown, calls: CalypsoCall[] = []): string[] {
	const error = value as { message?: string; description?: string; cause?: unknown };
	const text = [JSON.stringify(value), String(error?.message), String(error?.description), JSON.stringify(error?.cause ?? null)].join('\n');
	const secrets = [CALYPSO_KEYS.secretKey, ...calls.map((call) => String(call.headers.sign))];
	return secrets.filter((secret) => text.includes(secret));
}
