/**
 * A fake Craftgate for the unit and the workflow tests: one account with its keys, the links
 * (products) and payments it holds, and every request it received.
 *
 * It checks each request's x-signature from the URL, headers and body bytes it received, written
 * here from docs/providers.md §1.2 without the package's code, and answers 401 like Craftgate when it
 * does not match. Correctly signed requests are answered by `respond`: by default a small stateful
 * Craftgate (create, get, update, delete and search links; read and search payments), or a test's
 * own responder.
 *
 * Two ways in, the same fake behind both:
 * - unit tests: `fake.httpHelper(credentials)` stands in for n8n's httpRequestWithAuthentication,
 *   signing with the REAL CraftgateApi.authenticate;
 * - workflow tests: `fake.intercept(nock)` answers the HTTP requests n8n-core really sends.
 *
 * Create one per test (`new FakeCraftgate()`): nothing is shared between instances.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type nockModule from 'nock';
import { CraftgateApi } from '../../credentials/CraftgateApi.credentials';

export const SANDBOX = 'https://sandbox-api.craftgate.io';

/** The fake account's keys (placeholders, never real secrets). */
export const FAKE_KEYS = {
	apiKey: 'fake-api-key-value',
	secretKey: 'fake-secret-key-value',
	webhookSecret: 'fake-webhook-key-value',
};

/** A Craftgate credential pointing at the sandbox with the fake account's keys. */
export const FAKE_CREDENTIALS: ICredentialDataDecryptedObject = { apiHost: SANDBOX, ...FAKE_KEYS };

export interface CraftgateCall {
	method: string;
	url: URL;
	/** pathname, e.g. /craftlink/v1/products/12 */
	path: string;
	query: Record<string, string>;
	headers: IDataObject;
	/** The exact body string sent, if any. */
	rawBody?: string;
	body?: IDataObject;
	signatureOk: boolean;
	/** The signed request options (unit level only). */
	options?: IHttpRequestOptions;
}

export interface FakeAnswer {
	status: number;
	body?: unknown;
}

export type Responder = (call: CraftgateCall) => FakeAnswer | Promise<FakeAnswer>;

/** JSON answer in Craftgate's envelope. */
export const ok = (data: unknown, status = 200): FakeAnswer => ({ status, body: { data } });

export const craftgateError = (status: number, errorCode: string, errorDescription: string, errorGroup?: string): FakeAnswer => ({
	status,
	body: { errors: { errorCode, errorDescription, ...(errorGroup ? { errorGroup } : {}) } },
});

const notFound = (what: string) => craftgateError(404, '5015', `${what} not found`);

/** A link as Craftgate returns it. */
export const PRODUCT: IDataObject = {
	id: 12,
	name: 'MyCompany WhatsApp Order',
	description: 'Order #ord-1',
	orderId: 'ord-1',
	conversationId: 'conv-1',
	status: 'ACTIVE',
	price: 149.9,
	currency: 'TRY',
	stock: 1,
	soldCount: 0,
	token: 'tok-12',
	enabledInstallments: [1],
	url: 'https://sandbox-pbl.craftgate.io/l/tok-12',
	qrCodeUrl: 'https://sandbox-pbl.craftgate.io/qr/tok-12',
	channel: 'WHATSAPP',
	multiPayment: false,
	expiresAt: '2030-01-01T10:00:00',
};

/** A successful pay-by-link payment of PRODUCT, with `fields` changed. */
export function payment(fields: IDataObject = {}): IDataObject {
	return {
		id: 584,
		createdDate: '2025-06-30T15:01:00',
		price: 149.9,
		paidPrice: 149.9,
		currency: 'TRY',
		installment: 1,
		paymentSource: 'PAY_BY_LINK',
		paymentStatus: 'SUCCESS',
		paymentType: 'CARD_PAYMENT',
		orderId: 'ord-1',
		conversationId: 'conv-1',
		paymentError: null,
		...fields,
	};
}

function header(headers: IDataObject | IncomingHttpHeaders, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? String(value[0]) : String(value ?? '');
}

/** Craftgate's check: base64(SHA-256(decoded URL + apiKey + secretKey + x-rnd-key + body)). */
export function signatureMatches(
	request: { url: string; headers: IDataObject | IncomingHttpHeaders; rawBody?: string },
	keys: { apiKey: string; secretKey: string } = FAKE_KEYS,
): boolean {
	const { headers } = request;
	if (header(headers, 'x-api-key') !== keys.apiKey || header(headers, 'x-auth-version') !== '1' || !header(headers, 'x-rnd-key')) {
		return false;
	}
	const text = decodeURIComponent(request.url) + keys.apiKey + keys.secretKey + header(headers, 'x-rnd-key') + (request.rawBody ?? '');
	return createHash('sha256').update(text, 'utf8').digest('base64') === header(headers, 'x-signature');
}

/** Whether `item` has every query field (paging aside) with exactly that value. */
function matchesQuery(item: IDataObject, query: Record<string, string>): boolean {
	return Object.entries(query).every(([key, value]) => key === 'page' || key === 'size' || String(item[key] ?? '') === value);
}

function page(items: IDataObject[], query: Record<string, string>): FakeAnswer {
	const number = Number(query.page ?? 0);
	const size = Number(query.size ?? 10);
	return ok({ page: number, size, totalSize: items.length, items: items.slice(number * size, (number + 1) * size) });
}

/** Where an n8n request helper's failure would come from: wrapped as n8n-core wraps it. */
const HELPER_NODE: INode = {
	id: 'fake-helper',
	name: 'Craftgate',
	type: 'n8n-nodes-chat-payments.craftgate',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export class FakeCraftgate {
	readonly keys: typeof FAKE_KEYS;

	/** Every request received, in order, whether its signature matched or not. */
	readonly calls: CraftgateCall[] = [];

	/** Links by id. */
	readonly products: Record<number, IDataObject> = {};

	readonly payments: IDataObject[] = [];

	/** Answers correctly signed requests; replace it to script a test's answers. */
	respond: Responder;

	private nextId = 500;

	constructor(options: { keys?: Partial<typeof FAKE_KEYS>; respond?: Responder; products?: IDataObject[]; payments?: IDataObject[] } = {}) {
		this.keys = { ...FAKE_KEYS, ...options.keys };
		this.respond = options.respond ?? ((call) => this.stateful(call));
		for (const product of options.products ?? []) this.products[Number(product.id)] = { ...product };
		this.payments.push(...(options.payments ?? []));
	}

	/** One request as Craftgate takes it: recorded, then 401 unless its signature matches. */
	async receive(request: Omit<CraftgateCall, 'signatureOk' | 'path' | 'query' | 'body'>): Promise<FakeAnswer> {
		const signatureOk = signatureMatches({ url: request.url.toString(), headers: request.headers, rawBody: request.rawBody }, this.keys);
		const call: CraftgateCall = {
			...request,
			path: request.url.pathname,
			query: Object.fromEntries(request.url.searchParams),
			body: request.rawBody ? (JSON.parse(request.rawBody) as IDataObject) : undefined,
			signatureOk,
		};
		this.calls.push(call);
		if (!signatureOk) return craftgateError(401, '4', 'Signature is not valid');
		return await this.respond(call);
	}

	/**
	 * n8n's httpRequestWithAuthentication for a node whose credential holds `credentials`: signs
	 * with the real CraftgateApi.authenticate and hands the request to this fake. Like n8n's
	 * helper, with returnFullResponse it resolves {statusCode, body, headers}, without
	 * ignoreHttpStatusErrors a non-2xx answer rejects, and every failure (also one the responder
	 * throws, e.g. a network error) is wrapped in a NodeApiError.
	 */
	httpHelper(credentials: ICredentialDataDecryptedObject = FAKE_CREDENTIALS) {
		return jest.fn(async (type: string, options: IHttpRequestOptions) => {
			if (type !== 'craftgateApi') throw new Error(`unexpected credential type ${type}`);
			try {
				return await this.answerSigned(credentials, options);
			} catch (error) {
				throw new NodeApiError(HELPER_NODE, error as never);
			}
		});
	}

	private async answerSigned(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<unknown> {
		const signed = await new CraftgateApi().authenticate(credentials, JSON.parse(JSON.stringify(options)));
		const rawBody = typeof signed.body === 'string' ? signed.body : undefined;
		if (signed.body !== undefined && rawBody === undefined) throw new Error('the signed body is not a string');
		const headers = (signed.headers ?? {}) as IDataObject;
		const answer = await this.receive({ method: String(signed.method ?? 'GET'), url: new URL(signed.url), headers, rawBody, options: signed });
		if (answer.status >= 400 && !signed.ignoreHttpStatusErrors) {
			const error = new Error(`Request failed with status code ${answer.status}`) as Error & IDataObject;
			error.config = { headers };
			error.response = { status: answer.status, data: answer.body as IDataObject };
			throw error;
		}
		return signed.returnFullResponse ? { statusCode: answer.status, body: answer.body, headers: {} } : answer.body;
	}

	/** Answers every request n8n sends to `host` (workflow tests; pass the harness's nock). */
	intercept(nock: typeof nockModule, host = SANDBOX): nockModule.Scope {
		const scope = nock(host).persist();
		// nock hands the reply function JSON bodies already parsed; its 'request' event still has
		// the raw string, which is what the signature covers.
		const rawBodies = new WeakMap<object, string>();
		scope.on('request', (req: object, _interceptor: unknown, body: string) => rawBodies.set(req, body ?? ''));
		const receive = (request: Parameters<FakeCraftgate['receive']>[0]) => this.receive(request);
		const reply = function (
			this: { req: { method: string; headers: IncomingHttpHeaders } },
			uri: string,
			_body: unknown,
			callback: (error: Error | null, answer: [number, nockModule.ReplyBody]) => void,
		) {
			const rawBody = rawBodies.get(this.req) || undefined;
			receive({ method: this.req.method, url: new URL(host + uri), headers: this.req.headers as IDataObject, rawBody })
				.then(
					(answer) => callback(null, [answer.status, (answer.body ?? '') as nockModule.ReplyBody]),
					(error: Error) => callback(error, [500, '']),
				);
		};
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) scope.intercept(/.*/, method).reply(reply);
		return scope;
	}

	/** The fake account's own behaviour, for correctly signed requests. */
	private stateful(call: CraftgateCall): FakeAnswer {
		const { method, path, query } = call;
		const productId = /^\/craftlink\/v1\/products\/(\d+)$/.exec(path)?.[1];
		if (path === '/craftlink/v1/products') {
			if (method === 'POST') return ok(this.createProduct(call.body ?? {}));
			if (method === 'GET') return page(this.productList().filter((p) => matchesQuery(p, query)), query);
		}
		if (productId) {
			const product = this.products[Number(productId)];
			if (!product) return notFound('Product');
			if (method === 'GET') return ok(product);
			if (method === 'PUT') return ok((this.products[product.id as number] = { ...product, ...call.body, id: product.id }));
			if (method === 'DELETE') {
				delete this.products[product.id as number];
				return { status: 200, body: '' };
			}
		}
		if (method === 'GET' && path === '/payment-reporting/v1/payments') {
			return page(this.payments.filter((p) => matchesQuery(p, query)), query);
		}
		const paymentId = /^\/(?:payment\/v1\/card-payments|payment-reporting\/v1\/payments)\/(\d+)$/.exec(path)?.[1];
		if (method === 'GET' && paymentId) {
			const found = this.payments.find((p) => String(p.id) === paymentId);
			return found ? ok(found) : notFound('Payment');
		}
		return craftgateError(404, '0', `unexpected ${method} ${path}`);
	}

	private productList(): IDataObject[] {
		return Object.values(this.products).sort((a, b) => Number(a.id) - Number(b.id));
	}

	private createProduct(body: IDataObject): IDataObject {
		const id = this.nextId++;
		const token = `tok-${id}`;
		const product = {
			...body,
			id,
			status: 'ACTIVE',
			soldCount: 0,
			token,
			url: `https://sandbox-pbl.craftgate.io/l/${token}`,
			qrCodeUrl: `https://sandbox-pbl.craftgate.io/qr/${token}`,
		};
		this.products[id] = product;
		return product;
	}
}
