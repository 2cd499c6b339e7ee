// The express request/response pair n8n hands a webhook. Only what trigger nodes use is modelled:
// the request's method, headers (lower-cased, as Node delivers them), query, params, parsed body
// and rawBody (a Buffer, the exact bytes to verify signatures over); the response records status,
// headers and body written through status()/send()/json()/end(), reports `writableFinished`, and
// emits 'close' when the exchange is over (finished or not), as Node's ServerResponse does.
import { EventEmitter } from 'node:events';
import type { IDataObject, IWebhookData } from 'n8n-workflow';

export interface WebhookRequest {
	/** Default: the webhook's httpMethod. */
	method?: string;
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	params?: Record<string, string>;
	/** Parsed body. Default: rawBody parsed as JSON (or form data), else {}. */
	body?: unknown;
	/** Exact bytes received. Default: JSON.stringify(body). */
	rawBody?: Buffer | string;
	/** The caller's address as express reports it (`req.ip`). Default 127.0.0.1. */
	ip?: string;
	/** The X-Forwarded-For chain express trusts (`req.ips`, set per N8N_PROXY_HOPS). Default []. */
	ips?: string[];
}

export interface RecordedResponse {
	/** undefined when webhook() never set a status. */
	statusCode: number | undefined;
	headers: Record<string, string>;
	body: unknown;
	ended: boolean;
}

function parseBody(raw: Buffer, contentType: string): unknown {
	const text = raw.toString('utf8');
	if (text === '') return {};
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		return JSON.parse(text);
	} catch {
		return {};
	}
}

export function createRequest(request: WebhookRequest, webhookData: IWebhookData) {
	const headers: Record<string, string | string[] | undefined> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
	const rawBody = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: Buffer.from(request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body)));
	if (headers['content-type'] === undefined && rawBody.length > 0) {
		headers['content-type'] = 'application/json';
	}
	const contentType = String(headers['content-type'] ?? '');
	const query = request.query ?? {};
	const url = `/webhook/${webhookData.path}`;
	const search = new URLSearchParams(query as Record<string, string>).toString();
	return {
		method: (request.method ?? webhookData.httpMethod).toUpperCase(),
		url: search === '' ? url : `${url}?${search}`,
		path: url,
		headers,
		query,
		params: request.params ?? {},
		body: request.body ?? parseBody(rawBody, contentType),
		rawBody,
		ip: request.ip ?? '127.0.0.1',
		ips: request.ips ?? [],
		get(name: string) {
			return headers[name.toLowerCase()];
		},
		header(name: string) {
			return headers[name.toLowerCase()];
		},
	};
}

export function createResponse() {
	const recorded: RecordedResponse = { statusCode: undefined, headers: {}, body: undefined, ended: false };
	const events = new EventEmitter();
	let closed = false;
	const response = {
		get headersSent() {
			return recorded.ended;
		},
		get writableFinished() {
			return recorded.ended;
		},
		get writableEnded() {
			return recorded.ended;
		},
		on(event: string, listener: (...args: unknown[]) => void) {
			events.on(event, listener);
			return response;
		},
		once(event: string, listener: (...args: unknown[]) => void) {
			events.once(event, listener);
			return response;
		},
		off(event: string, listener: (...args: unknown[]) => void) {
			events.off(event, listener);
			return response;
		},
		/** Ends the exchange: 'close' once, whether or not an answer was sent (harness only). */
		close() {
			if (closed) return;
			closed = true;
			events.emit('close');
		},
		get statusCode() {
			return recorded.statusCode ?? 200;
		},
		status(code: number) {
			recorded.statusCode = code;
			return response;
		},
		sendStatus(code: number) {
			recorded.statusCode = code;
			recorded.ended = true;
			return response;
		},
		setHeader(name: string, value: string) {
			recorded.headers[name.toLowerCase()] = String(value);
			return response;
		},
		set(name: string, value: string) {
			return response.setHeader(name, value);
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
		getHeader(name: string) {
			return recorded.headers[name.toLowerCase()];
		},
		writeHead(code: number, headers: Record<string, string> = {}) {
			recorded.statusCode = code;
			for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
			return response;
		},
		send(body?: unknown) {
			if (body !== undefined) recorded.body = body;
			recorded.statusCode ??= 200;
			recorded.ended = true;
			return response;
		},
		json(body: unknown) {
			response.setHeader('content-type', 'application/json');
			return response.send(body);
		},
		end(body?: unknown) {
			return response.send(body);
		},
	};
	return { response, recorded };
}
