/**
 * The one stand-in for 360dialog's WhatsApp Cloud API (docs/providers.md §2), used by the unit tests
 * (as n8n's httpRequestWithAuthentication, `fakeDialog360`) and by the workflow tests (behind nock,
 * reached through n8n-core's own request helpers and the credential's real authenticate,
 * `interceptDialog360`). Both record every request as a `Call` and answer it with a `Responder`:
 * a test's own function, or `dialog360Number().respond`, a small 360dialog number whose webhook,
 * payments and messages live as long as the object.
 *
 * Each test makes its own fake and number, so nothing one test sent can be seen by another.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import type nockModule from 'nock';

export const DIALOG360_PRODUCTION = 'https://waba-v2.360dialog.io';
export const DIALOG360_SANDBOX = 'https://waba-sandbox.360dialog.io';

/** A 360dialog API credential as n8n stores it (placeholders, never real secrets). */
export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: 'test-d360-key-0001',
	apiHost: DIALOG360_PRODUCTION,
	customApiHost: '',
	partnerWebhookSecret: 'test-partner-secret-0001',
};

export interface Call {
	/** The credential type the node asked for (unit level only). */
	credentialType?: string;
	method: string;
	url: string;
	/** Path and query, whatever the host. */
	path: string;
	/** Header names in lower case, as a server receives them (workflow level: with D360-API-KEY). */
	headers: IDataObject;
	body: IDataObject | undefined;
	/** The request options the node gave n8n (unit level only). */
	options?: IHttpRequestOptions;
}

export type Answer = { status: number; body?: unknown } | { networkError: string; code?: string };

export type Responder = (call: Call, index: number) => Answer | Promise<Answer>;

/** `{messaging_product, contacts, messages}` as the Cloud API answers an accepted message. */
export function accepted(to: string, wamid: string): Answer {
	return {
		status: 200,
		body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: wamid }] },
	};
}

/** A Graph-style error body (docs/providers.md §2.5). */
export function graphError(status: number, code: number, message: string, details?: string, extra: IDataObject = {}): Answer {
	return {
		status,
		body: {
			error: {
				message,
				type: 'OAuthException',
				code,
				error_data: { messaging_product: 'whatsapp', details },
				error_subcode: 2494010,
				fbtrace_id: 'AbCdEf123',
				...extra,
			},
		},
	};
}

/** The lookup's answer listing `payments` (docs/providers.md §2.6). */
export function paymentsAnswer(...payments: IDataObject[]): Answer {
	return { status: 200, body: { payments } };
}

function referenceOf(message: IDataObject | undefined): string | undefined {
	const interactive = message?.interactive as IDataObject | undefined;
	const parameters = (interactive?.action as IDataObject | undefined)?.parameters as IDataObject | undefined;
	return typeof parameters?.reference_id === 'string' ? parameters.reference_id : undefined;
}

/** Accepts every message with wamid `wamid.<reference_id>`. */
export const acceptAll: Responder = (call, index) =>
	accepted(String(call.body?.to), `wamid.${referenceOf(call.body) ?? index}`);

const LOOKUP = /^(?:\/v1)?\/payments\/([^/]+)\/([^/?]+)$/;

/**
 * A 360dialog number: its one webhook (`GET|POST /v1/configs/webhook`), the messages it accepted
 * (wamid `wamid.<reference_id>`) and the payments its lookup knows, by reference_id.
 */
export function dialog360Number(options: { webhook?: IDataObject | null; payments?: IDataObject[] } = {}) {
	const state = {
		webhook: options.webhook ?? null,
		payments: new Map((options.payments ?? []).map((payment) => [String(payment.reference_id), payment])),
		messages: [] as IDataObject[],
	};
	const respond: Responder = (call, index) => {
		const path = call.path.split('?')[0];
		if (path === '/v1/configs/webhook') {
			if (call.method === 'GET') return { status: 200, body: state.webhook ?? { url: null } };
			state.webhook = call.body ?? null;
			return { status: 200, body: { url: call.body?.url } };
		}
		if (call.method === 'POST' && (path === '/messages' || path === '/v1/messages')) {
			state.messages.push(call.body ?? {});
			return acceptAll(call, index);
		}
		const lookup = call.method === 'GET' ? LOOKUP.exec(path) : null;
		if (lookup) {
			const payment = state.payments.get(decodeURIComponent(lookup[2]));
			return payment ? paymentsAnswer(payment) : graphError(404, 100, 'Payment does not exist');
		}
		return graphError(404, 100, `no fake route ${call.method} ${path}`);
	};
	return { state, respond };
}

function lowerCaseHeaders(headers: object | undefined): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = Array.isArray(value) ? value[0] : (value as string);
	return result;
}

function pathOf(url: string): string {
	return url.replace(/^https?:\/\/[^/]+/, '');
}

/**
 * n8n's httpRequestWithAuthentication for the unit tests, answering with returnFullResponse's
 * shape. Nothing is authenticated here (the workflow level checks the real header).
 */
export function fakeDialog360(respond: Responder = dialog360Number().respond): { http: jest.Mock; calls: Call[] } {
	const calls: Call[] = [];
	const http = jest.fn(async (credentialType: string, options: IHttpRequestOptions) => {
		const url = String(options.url);
		const call: Call = {
			credentialType,
			method: String(options.method ?? 'GET'),
			url,
			path: pathOf(url),
			headers: lowerCaseHeaders(options.headers),
			body: options.body as IDataObject | undefined,
			options,
		};
		calls.push(call);
		const answer = await respond(call, calls.length - 1);
		if ('networkError' in answer) throw Object.assign(new Error(answer.networkError), { code: answer.code ?? 'ECONNRESET' });
		return { statusCode: answer.status, headers: {}, body: answer.body };
	});
	return { http, calls };
}

/** 360dialog behind nock, for the workflow tests (pass the harness's nock): every GET and POST to `host`. */
export function interceptDialog360(nock: typeof nockModule, respond: Responder, host = DIALOG360_PRODUCTION): { calls: Call[] } {
	const calls: Call[] = [];
	type Callback = (error: NodeJS.ErrnoException | null, answer: nockModule.ReplyFnResult) => void;
	const reply = function (this: nockModule.ReplyFnContext, uri: string, body: nockModule.Body, callback: Callback) {
		const call: Call = {
			method: this.req.method,
			url: `${host}${uri}`,
			path: uri,
			headers: lowerCaseHeaders(this.req.headers),
			body: typeof body === 'object' && body !== null ? (body as IDataObject) : undefined,
		};
		calls.push(call);
		Promise.resolve(respond(call, calls.length - 1)).then(
			(answer) => {
				if ('networkError' in answer) callback(Object.assign(new Error(answer.networkError), { code: answer.code ?? 'ECONNRESET' }), [0]);
				else callback(null, [answer.status, (answer.body ?? '') as nockModule.Body]);
			},
			(error: Error) => callback(error, [0]),
		);
	};
	const scope = nock(host).persist();
	for (const method of ['GET', 'POST']) scope.intercept(/.*/, method).reply(reply);
	return { calls };
}
