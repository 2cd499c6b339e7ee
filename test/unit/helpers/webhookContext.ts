/**
 * A small typed stand-in for n8n's IWebhookFunctions, for unit-testing a trigger's webhook()
 * or the shared webhook core without an n8n process.
 *
 *   const { ctx, response } = createWebhookContext({ body, rawBody, headers, nodeParameters });
 *   const result = await trigger.webhook.call(ctx);
 *   expect(response.statusCode).toBe(401);
 *
 * - `body` is what n8n parsed (getBodyData, req.body). `rawBody` is the bytes on the wire
 *   (default: JSON.stringify(body)); sign exactly these in tests. `rawBodyMode` says how n8n
 *   hands them over: 'filled' (req.rawBody set, the usual case), 'readRawBody' (only after
 *   `await req.readRawBody()`, as for unparsed content types) or 'absent' (multipart).
 * - Header names are lower-cased, as Node delivers them.
 * - `response` records what was sent through getResponseObject(); sending twice throws,
 *   as express refuses to set headers after they are sent. The response object reports
 *   `statusCode` and `writableFinished` and emits 'close' like Node's; after webhook() returned,
 *   `n8nAnswers(status)` plays n8n's own answer (200 once it started the execution, 500 when
 *   starting failed) and closes the exchange, `connectionDrops()` closes it unanswered.
 * - resetRedeliveryMemory() empties the triggers' shared redelivery memory (a restart of n8n).
 * - `staticData` is the node's static data object itself, so a test can inspect writes.
 * - getCredentials throws for a type not given in `credentials`; getNodeParameter throws
 *   for a missing parameter without fallback and understands dotted paths ('options.x').
 * - helpers.returnJsonArray is n8n-core's own; pass `helpers` to add mocks (httpRequest...).
 * - logger methods are jest mocks, returned as `logger` for assertions.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	IWebhookFunctions,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { EventEmitter } from 'node:events';
import { NodeOperationError } from 'n8n-workflow';
import { recentEvents } from '../../../nodes/shared/webhook/dedup';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import type { IncomingHttpHeaders } from 'http';

export interface WebhookContextOptions {
	body?: IDataObject;
	rawBody?: Buffer | string;
	rawBodyMode?: 'filled' | 'readRawBody' | 'absent';
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	params?: IDataObject;
	method?: string;
	nodeParameters?: IDataObject;
	workflowId?: string;
	nodeId?: string;
	nodeName?: string;
	nodeType?: string;
	typeVersion?: number;
	webhookId?: string;
	webhookName?: string;
	/** What getNodeWebhookUrl returns (default: an https address that is never contacted). */
	webhookUrl?: string;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	helpers?: Partial<IWebhookFunctions['helpers']>;
}

export interface RecordedResponse {
	statusCode: number | undefined;
	body: unknown;
	headers: Record<string, string>;
	/** True once json/send/sendStatus/end was called. */
	ended: boolean;
}

export interface MockWebhookRequest {
	method: string;
	headers: IncomingHttpHeaders;
	body: IDataObject;
	query: IDataObject;
	params: IDataObject;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	header(name: string): string | string[] | undefined;
	get(name: string): string | string[] | undefined;
}

export interface WebhookContext {
	ctx: IWebhookFunctions;
	response: RecordedResponse;
	/** n8n answers after webhook() returned (unless it answered already), then the exchange closes. */
	n8nAnswers(statusCode: number): void;
	/** The exchange closes without an answer (the caller gave up, the connection broke). */
	connectionDrops(): void;
	request: MockWebhookRequest;
	logger: jest.Mocked<Logger>;
	staticData: IDataObject;
}

function lowerCaseKeys(headers: WebhookContextOptions['headers'] = {}): IncomingHttpHeaders {
	const result: IncomingHttpHeaders = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) result[name.toLowerCase()] = value;
	}
	return result;
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function createRequest(options: WebhookContextOptions): MockWebhookRequest {
	const body = options.body ?? {};
	const bytes = Buffer.isBuffer(options.rawBody)
		? options.rawBody
		: Buffer.from(options.rawBody ?? JSON.stringify(body), 'utf8');
	const headers = lowerCaseKeys(options.headers);
	const header = (name: string) => headers[name.toLowerCase()];
	const request: MockWebhookRequest = {
		method: options.method ?? 'POST',
		headers,
		body,
		query: options.query ?? {},
		params: options.params ?? {},
		header,
		get: header,
	};
	const mode = options.rawBodyMode ?? 'filled';
	if (mode === 'filled') request.rawBody = bytes;
	if (mode === 'readRawBody') {
		request.readRawBody = async () => {
			request.rawBody = bytes;
		};
	}
	return request;
}

/** Empties the redelivery memory every trigger of the package shares, as a restart of n8n does. */
export function resetRedeliveryMemory(): void {
	recentEvents.clear();
}

interface FakeResponse {
	status(code: number): FakeResponse;
	end(body?: unknown): FakeResponse;
	close(): void;
}

function createResponse(): { res: FakeResponse; recorded: RecordedResponse } {
	const recorded: RecordedResponse = { statusCode: undefined, body: undefined, headers: {}, ended: false };
	const events = new EventEmitter();
	let closed = false;
	const finish = (body: unknown) => {
		if (recorded.ended) throw new Error('Cannot send a response twice (headers already sent)');
		recorded.statusCode ??= 200;
		recorded.body = body;
		recorded.ended = true;
	};
	const res = {
		get headersSent() {
			return recorded.ended;
		},
		get statusCode() {
			return recorded.statusCode ?? 200;
		},
		get writableFinished() {
			return recorded.ended;
		},
		once(event: string, listener: () => void) {
			events.once(event, listener);
			return res;
		},
		on(event: string, listener: () => void) {
			events.on(event, listener);
			return res;
		},
		/** Closes the exchange once, answered or not ('close', as Node emits it). */
		close() {
			if (closed) return;
			closed = true;
			events.emit('close');
		},
		status(code: number) {
			recorded.statusCode = code;
			return res;
		},
		set(name: string, value: string) {
			recorded.headers[name.toLowerCase()] = String(value);
			return res;
		},
		setHeader(name: string, value: string) {
			return res.set(name, value);
		},
		header(name: string, value: string) {
			return res.set(name, value);
		},
		type(contentType: string) {
			return res.set('content-type', contentType);
		},
		json(body: unknown) {
			res.set('content-type', 'application/json');
			finish(body);
			return res;
		},
		send(body?: unknown) {
			finish(body);
			return res;
		},
		sendStatus(code: number) {
			recorded.statusCode = code;
			finish(undefined);
			return res;
		},
		end(body?: unknown) {
			// Like Node, ending an already finished response without data does nothing.
			if (!recorded.ended || body !== undefined) finish(body);
			return res;
		},
	};
	return { res, recorded };
}

/** Builds a webhook context; see the comment at the top of this file. */
export function createWebhookContext(options: WebhookContextOptions = {}): WebhookContext {
	const request = createRequest(options);
	const { res, recorded } = createResponse();
	const nodeParameters = options.nodeParameters ?? {};
	const staticData = options.staticData ?? {};
	const globalStaticData: IDataObject = {};
	const credentials = options.credentials ?? {};
	const logger: jest.Mocked<Logger> = {
		error: jest.fn(),
		warn: jest.fn(),
		info: jest.fn(),
		debug: jest.fn(),
	};
	const node: INode = {
		id: options.nodeId ?? 'node-1',
		name: options.nodeName ?? 'Payment Trigger',
		type: options.nodeType ?? 'n8n-nodes-chat-payments.test',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: nodeParameters as INode['parameters'],
		webhookId: options.webhookId ?? 'webhook-1',
	};

	const implemented: Pick<
		IWebhookFunctions,
		| 'logger'
		| 'getBodyData'
		| 'getHeaderData'
		| 'getQueryData'
		| 'getParamsData'
		| 'getRequestObject'
		| 'getResponseObject'
		| 'getNodeParameter'
		| 'getNode'
		| 'getWorkflow'
		| 'getWorkflowStaticData'
		| 'getCredentials'
		| 'getMode'
		| 'getWebhookName'
		| 'getNodeWebhookUrl'
		| 'getTimezone'
		| 'getChildNodes'
	> = {
		logger,
		getBodyData: () => request.body,
		getHeaderData: () => request.headers,
		getQueryData: () => request.query,
		getParamsData: () => request.params,
		getRequestObject: () => request,
		getResponseObject: () => res,
		getNodeParameter(name: string, ...fallback: unknown[]) {
			const value = getPath(nodeParameters, name);
			if (value !== undefined) return value as IDataObject;
			if (fallback.length > 0) return fallback[0] as IDataObject;
			throw new NodeOperationError(node, `Could not get parameter "${name}"`);
		},
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'workflow-1', name: 'Test Workflow', active: true }),
		getWorkflowStaticData: (type: string) => (type === 'node' ? staticData : globalStaticData),
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>(type: string) => {
			if (!(type in credentials)) {
				throw new NodeOperationError(node, `Node does not have any credentials set for "${type}"`);
			}
			return { ...credentials[type] } as T;
		},
		getMode: () => options.mode ?? 'webhook',
		getWebhookName: () => options.webhookName ?? 'default',
		getNodeWebhookUrl: () => options.webhookUrl ?? `https://n8n.example.test/webhook/${node.webhookId}/webhook`,
		getTimezone: () => 'UTC',
		getChildNodes: () => [],
	};
	const ctx = {
		...implemented,
		helpers: { returnJsonArray, ...options.helpers },
	} as unknown as IWebhookFunctions;

	return {
		ctx,
		response: recorded,
		request,
		logger,
		staticData,
		n8nAnswers(statusCode: number) {
			if (!recorded.ended) res.status(statusCode).end();
			res.close();
		},
		connectionDrops() {
			res.close();
		},
	};
}
