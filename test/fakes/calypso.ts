/**
 * A stand-in for Calypso behind n8n's httpRequestWithAuthentication, for the Calypso nodes' unit
 * tests. It runs the REAL CalypsoApi.authenticate, then checks what would go on the wire the way
 * Calypso does (written here without the package's code): Key, Sign = hex(HMAC-SHA512(secret,
 * exact body)), an envelope with this account and a fresh millisecond timestamp. A request that
 * fails the check gets Calypso's 401 `003` answer; the others are answered by `respond`.
 *
 * Like n8n's helper: with returnFullResponse it resolves {statusCode, body, headers}; without
 * ignoreHttpStatusErrors an error status rejects with an axios-like error whose `config` carries
 * the request headers and body (so tests can prove neither reaches a node error). A responder may
 * return `{ networkError }` to make the request fail without an answer (time-out, refused).
 */
import { createHmac } from 'crypto';
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
import { CalypsoApi } from '../../../../credentials/CalypsoApi.credentials';

export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	publicKey: 'unit-calypso-public-key',
	secretKey: 'unit-calypso-secret-value',
	accountId: '0x' + '7c'.repeat(20),
	apiHost: 'finance',
	payLinkHost: 'https://pay.calypso.finance',
};

export interface CalypsoCall {
	method: string;
	/** Full URL as it would be requested. */
	url: string;
	path: string;
	headers: IDataObject;
	/** The exact body string sent. */
	rawBody: string;
	envelope: IDataObject;
	payload: IDataObject | undefined;
}

export type FakeAnswer = { status: number; body?: unknown } | { networkError: string; code?: string };

export type Responder = (call: CalypsoCall) => FakeAnswer | Promise<FakeAnswer>;

/** Calypso's checks, restated. Returns the error answer, or undefined when the request passes. */
export function calypsoRefusal(headers: IDataObject, rawBody: string, credentials = TEST_CREDENTIALS): FakeAnswer | undefined {
	if (headers.Key !== credentials.publicKey) return { status: 401, body: { errorCode: '002', message: 'Invalid api key' } };
	const expected = createHmac('sha512', String(credentials.secretKey)).update(rawBody, 'utf8').digest('hex');
	if (headers.Sign !== expected) return { status: 401, body: { errorCode: '003', message: 'Wrong sign' } };
	const envelope = JSON.parse(rawBody) as IDataObject;
	if (typeof envelope.timestamp !== 'number' || Math.abs(Date.now() - envelope.timestamp) > 180_000) {
		return { status: 400, body: { errorCode: '011', message: 'Invalid timestamp' } };
	}
	if (envelope.account !== credentials.accountId) return { status: 400, body: { errorCode: '001', message: 'Bad account' } };
	return undefined;
}

export async function fakeCalypsoRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	respond: Responder,
	calls: CalypsoCall[],
): Promise<unknown> {
	const signed = await new CalypsoApi().authenticate(credentials, JSON.parse(JSON.stringify(options)));
	if (typeof signed.body !== 'string') throw new Error('the signed body is not a string');
	const url = new URL(signed.url, signed.baseURL);
	const headers = (signed.headers ?? {}) as IDataObject;
	const envelope = JSON.parse(signed.body) as IDataObject;
	const call: CalypsoCall = {
		method: String(signed.method ?? 'GET'),
		url: url.toString(),
		path: url.pathname,
		headers,
		rawBody: signed.body,
		envelope,
		payload: envelope.payload as IDataObject | undefined,
	};
	calls.push(call);
	const answer = calypsoRefusal(headers, signed.body) ?? (await respond(call));
	if ('networkError' in answer) {
		throw Object.assign(new Error(answer.networkError), { code: answer.code ?? 'ECONNABORTED', config: { headers, data: signed.body } });
	}
	if (answer.status >= 400 && !signed.ignoreHttpStatusErrors) {
		throw Object.assign(new Error(`Request failed with status code ${answer.status}`), {
			config: { headers, data: signed.body },
			response: { status: answer.status, data: answer.body },
		});
	}
	return signed.returnFullResponse ? { statusCode: answer.status, body: answer.body, headers: {} } : answer.body;
}

/** httpRequestWithAuthentication as n8n wires it: failures come out wrapped in a NodeApiError. */
export function fakeHttpHelper(node: INode, respond: Responder, calls: CalypsoCall[], credentials = TEST_CREDENTIALS) {
	return jest.fn(async (type: string, request: IHttpRequestOptions) => {
		if (type !== 'calypsoApi') throw new Error(`unexpected credential type ${type}`);
		try {
			return await fakeCalypsoRequest(credentials, request, respond, calls);
		} catch (error) {
			throw new NodeApiError(node, error as never);
		}
	});
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

export interface ExecuteOptions {
	/** Node parameters; an array gives each input item its own. */
	parameters: IDataObject | IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	respond?: Responder;
	executionId?: string;
	nodeId?: string;
}

export function createCalypsoExecuteContext(options: ExecuteOptions) {
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const items: INodeExecutionData[] = Array.from({ length: perItem?.length ?? 1 }, (_, i) => ({ json: { index: i } }));
	const credentials = options.credentials ?? TEST_CREDENTIALS;
	const calls: CalypsoCall[] = [];
	const respond: Responder = options.respond ?? (() => ({ status: 500, body: { errorCode: '000', message: 'no fake answer' } }));
	const node: INode = {
		id: options.nodeId ?? 'calypso-node-1',
		name: 'Calypso Pay',
		type: 'n8n-nodes-chat-payments.calypsoPay',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const http = fakeHttpHelper(node, respond, calls, credentials);
	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		getExecutionId: () => options.executionId ?? 'execution-1',
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter(name: string, itemIndex: number, ...fallback: unknown[]) {
			const source = perItem ? perItem[itemIndex] : (options.parameters as IDataObject);
			const value = getPath(source ?? {}, name);
			if (value !== undefined) return value;
			if (fallback.length > 0) return fallback[0];
			throw new NodeOperationError(node, `Could not get parameter "${name}"`, { itemIndex });
		},
		helpers: { httpRequestWithAuthentication: http, returnJsonArray, constructExecutionMetaData },
	} as unknown as IExecuteFunctions;
	return { ctx, calls, node, http };
}

export const ok = (body: unknown): FakeAnswer => ({ status: 200, body });
export const calypsoError = (status: number, errorCode: string, message: string): FakeAnswer => ({ status, body: { errorCode, message } });

/** Every secret-ish value of the test credential found in `value` (an error, an output...). */
export function secretsIn(value: unknown, calls: CalypsoCall[] = []): string[] {
	const error = value as { message?: string; description?: string; cause?: unknown };
	const text = [JSON.stringify(value), String(error?.message), String(error?.description), JSON.stringify(error?.cause ?? null)].join('\n');
	const secrets = [String(TEST_CREDENTIALS.secretKey), ...calls.map((c) => String(c.headers.Sign))];
	return secrets.filter((s) => text.includes(s));
}
