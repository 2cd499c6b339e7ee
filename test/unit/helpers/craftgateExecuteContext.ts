/**
 * A typed stand-in for IExecuteFunctions (and the request side of IWebhookFunctions) for the
 * Craftgate nodes. httpRequestWithAuthentication runs the REAL CraftgateApi.authenticate and
 * hands the signed request to a fake Craftgate (`respond`), which first re-checks the signature
 * from the url, headers and body bytes it received, independently of the package's code, and
 * answers 401 like Craftgate when it does not match.
 *
 * Like n8n's helper: with returnFullResponse it resolves {statusCode, body, headers}; without
 * ignoreHttpStatusErrors a non-2xx answer rejects with an axios-like error whose `config` carries
 * the request headers (so tests can prove those never reach a node error).
 */
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { CraftgateApi } from '../../../credentials/CraftgateApi.credentials';

export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	environment: 'sandbox',
	apiKey: 'test-api-key-value',
	secretKey: 'test-secret-key-value',
	webhookSecret: 'test-webhook-key-value',
};

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
	options: IHttpRequestOptions;
}

export interface FakeAnswer {
	status: number;
	body?: unknown;
}

export type Responder = (call: CraftgateCall) => FakeAnswer | Promise<FakeAnswer>;

/** Craftgate's check, written from providers.md §1.2 without the package's helpers. */
export function signatureMatches(call: { url: string; headers: IDataObject; rawBody?: string }, credentials = TEST_CREDENTIALS): boolean {
	const h = call.headers;
	if (h['x-api-key'] !== credentials.apiKey || h['x-auth-version'] !== '1' || !h['x-rnd-key']) return false;
	const text = decodeURIComponent(call.url) + String(credentials.apiKey) + String(credentials.secretKey) + String(h['x-rnd-key']) + (call.rawBody ?? '');
	return createHash('sha256').update(text, 'utf8').digest('base64') === h['x-signature'];
}

export async function fakeCraftgateRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	respond: Responder,
	calls: CraftgateCall[],
	account: ICredentialDataDecryptedObject = TEST_CREDENTIALS,
): Promise<unknown> {
	const signed = await new CraftgateApi().authenticate(credentials, JSON.parse(JSON.stringify(options)));
	const url = new URL(signed.url);
	const rawBody = typeof signed.body === 'string' ? signed.body : undefined;
	if (signed.body !== undefined && rawBody === undefined) throw new Error('the signed body is not a string');
	const headers = (signed.headers ?? {}) as IDataObject;
	const call: CraftgateCall = {
		method: String(signed.method ?? 'GET'),
		url,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers,
		rawBody,
		body: rawBody ? (JSON.parse(rawBody) as IDataObject) : undefined,
		options: signed,
	};
	calls.push(call);
	const answer = signatureMatches({ url: signed.url, headers, rawBody }, account)
		? await respond(call)
		: { status: 401, body: { errors: { errorCode: '10', errorDescription: 'Signature is not valid' } } };
	if (answer.status >= 400 && !signed.ignoreHttpStatusErrors) {
		const error = new Error(`Request failed with status code ${answer.status}`) as Error & IDataObject;
		error.config = { headers };
		error.response = { status: answer.status, data: answer.body as IDataObject };
		throw error;
	}
	return signed.returnFullResponse ? { statusCode: answer.status, body: answer.body, headers: {} } : answer.body;
}

export interface ExecuteContextOptions {
	/** Node parameters; an array gives each input item its own. */
	parameters: IDataObject | IDataObject[];
	itemCount?: number;
	/** What the node's credential holds (default TEST_CREDENTIALS, the fake account's keys). */
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	respond?: Responder;
	/** Node settings such as `retryOnFail`. */
	node?: Partial<INode>;
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

export function createCraftgateExecuteContext(options: ExecuteContextOptions) {
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const itemCount = options.itemCount ?? perItem?.length ?? 1;
	const items: INodeExecutionData[] = Array.from({ length: itemCount }, (_, i) => ({ json: { index: i } }));
	const credentials = options.credentials ?? TEST_CREDENTIALS;
	const calls: CraftgateCall[] = [];
	const respond: Responder = options.respond ?? (() => ({ status: 500, body: { errors: { errorCode: '0', errorDescription: 'no fake answer' } } }));
	const node: INode = {
		id: 'node-1',
		name: 'Craftgate Link',
		type: 'n8n-nodes-chat-payments.craftgateLink',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};
	const httpRequestWithAuthentication = jest.fn(async (type: string, request: IHttpRequestOptions) => {
		if (type !== 'craftgateApi') throw new Error(`unexpected credential type ${type}`);
		try {
			return await fakeCraftgateRequest(credentials, request, respond, calls);
		} catch (error) {
			// n8n wraps every failure of this helper in a NodeApiError around the raw error.
			throw new NodeApiError(node, error as never);
		}
	});
	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => 'UTC',
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter(name: string, itemIndex: number, ...fallback: unknown[]) {
			const source = perItem ? perItem[itemIndex] : (options.parameters as IDataObject);
			const value = getPath(source ?? {}, name);
			if (value !== undefined) return value;
			if (fallback.length > 0) return fallback[0];
			throw new NodeOperationError(node, `Could not get parameter "${name}"`, { itemIndex });
		},
		helpers: { httpRequestWithAuthentication, returnJsonArray, constructExecutionMetaData },
	} as unknown as IExecuteFunctions;
	return { ctx, calls, node, httpRequestWithAuthentication };
}

/** JSON answer in Craftgate's envelope. */
export const ok = (data: unknown, status = 200): FakeAnswer => ({ status, body: { data } });
export const craftgateError = (status: number, errorCode: string, errorDescription: string, errorGroup?: string): FakeAnswer => ({
	status,
	body: { errors: { errorCode, errorDescription, ...(errorGroup ? { errorGroup } : {}) } },
});
