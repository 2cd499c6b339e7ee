import { CalypsoPay } from '../../../../nodes/Calypso/CalypsoPay.node';
// Contexts for the Calypso nodes' unit tests, with httpRequestWithAuthentication answered by the
// shared Calypso fake (real credential signing, Calypso's checks restated independently).
import { createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHookFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { CalypsoPayTrigger } from '../../../../nodes/Calypso/CalypsoPayTrigger.node';
import { CALYPSO_CREDENTIALS, calypsoHttpHelper, ok, type Responder } from '../../../fakes/calypso';
import { invoice } from './fixtures';
import { createWebhookContext, type WebhookContextOptions } from '../../helpers/webhookContext';

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
}

/** Calypso Pay's execute context: one input item per parameter set. */
export function calypsoExecuteContext(options: ExecuteOptions) {
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const items: INodeExecutionData[] = Array.from({ length: perItem?.length ?? 1 }, (_, i) => ({ json: { index: i } }));
	const credentials = options.credentials ?? CALYPSO_CREDENTIALS;
	const node: INode = {
		id: 'calypso-node-1',
		name: 'Calypso Pay',
		type: 'n8n-nodes-chat-payments.calypsoPay',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const { http, calls } = calypsoHttpHelper(node, options.respond, credentials);
	let executionId = options.executionId ?? 'execution-1';
	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		getExecutionId: () => executionId,
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
	/** Makes the next runs another execution over the same input items (pinned data). */
	const startExecution = (id: string) => {
		executionId = id;
	};
	return { ctx, calls, node, http, startExecution };
}

/** The subscription the trigger keeps in its static data once activated. */
/** Runs Calypso Pay once with `options`; its output, or the error it stopped with, and the fake. */
export async function runCalypsoPay(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const outcome = await new CalypsoPay().execute.call(context.ctx).then(
		(result) => ({ output: result[0], error: undefined }),
		(error: Error) => ({ output: undefined, error }),
	);
	return { ...context, ...outcome };
}

export const SUBSCRIPTION = {
	requestId: '0f0e0d0c-0b0a-4908-8706-050403020100',
	publicKey: 'sub-public-key-value',
	secretKey: 'sub-secret-key-value',
};

export const N8N_URL = 'https://n8n.example.test/webhook/calypso-hook/webhook';

/** Sign as Calypso signs webhooks: hex(HMAC-SHA512(subscription secretKey, raw body)). */
export const webhookSign = (body: string, secret = SUBSCRIPTION.secretKey) =>
	createHmac('sha512', secret).update(body, 'utf8').digest('hex');

/** Calypso Pay Trigger's webhook and hook context. */
export function calypsoTriggerContext(options: WebhookContextOptions & { respond?: Responder } = {}) {
	const credentials = options.credentials?.calypsoApi ?? CALYPSO_CREDENTIALS;
	const node: INode = {
		id: options.nodeId ?? 'trigger-1',
		name: 'Calypso Pay Trigger',
		type: 'n8n-nodes-chat-payments.calypsoPayTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const { http, calls } = calypsoHttpHelper(node, options.respond, credentials);
	const context = createWebhookContext({
		webhookUrl: N8N_URL,
		nodeParameters: { subscribeTo: 'allInvoiceEvents', options: {} },
		...options,
		credentials: { calypsoApi: credentials },
		helpers: { httpRequestWithAuthentication: http as never },
	});
	return { ...context, calls, http, hooks: context.ctx as unknown as IHookFunctions };
}

let nextNode = 0;
let nextEvent = 100;

/** A Calypso invoice event as Calypso delivers it; every call gets a new event id unless given one. */
export function invoiceDelivery(eventType = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE', data: IDataObject = {}, id = ++nextEvent): IDataObject {
	return {
		requestId: SUBSCRIPTION.requestId,
		id,
		createdDate: '2026-01-02T10:11:12.345678',
		level: 'SUCCESS',
		service: 'INVOICE',
		eventType,
		data: {
			parentExternalId: 'order-1042',
			externalId: 'order-1042',
			amount: 25.5,
			currency: 'USDT_TRX',
			message: 'Order 1042',
			createdDate: '2026-01-02T10:11:10.000000',
			type: eventType,
			idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
			...data,
		},
	};
}

export const paidInvoice = (fields: IDataObject = {}) =>
	invoice({ state: 'PAID', amount: 25.5, totalDebitAmount: 25.5, lastDepositHash: '0xabc', ...fields });

export interface ReceiveOptions {
	body?: IDataObject;
	rawBody?: string;
	/** The Key header; null leaves it out. */
	key?: string | null;
	/** The Sign header (default: the right one for rawBody); null leaves it out. */
	sign?: string | null;
	options?: IDataObject;
	nodeParameters?: IDataObject;
	staticData?: IDataObject;
	respond?: Responder;
	/** A node id of its own (default) keeps the redelivery memory of other tests out. */
	nodeId?: string;
}

/** One delivery to Calypso Pay Trigger's webhook(); the lookup is answered with a paid invoice unless told otherwise. */
export async function receiveDelivery(o: ReceiveOptions = {}) {
	const body = o.body ?? invoiceDelivery();
	const rawBody = o.rawBody ?? JSON.stringify(body);
	const headers: Record<string, string> = {};
	const key = o.key === undefined ? SUBSCRIPTION.publicKey : o.key;
	const sign = o.sign === undefined ? webhookSign(rawBody) : o.sign;
	if (key !== null) headers.Key = key;
	if (sign !== null) headers.Sign = sign;
	const context = calypsoTriggerContext({
		body,
		rawBody,
		headers,
		nodeId: o.nodeId ?? `calypso-trigger-${++nextNode}`,
		nodeParameters: o.nodeParameters ?? { subscribeTo: 'allInvoiceEvents', options: o.options ?? {} },
		staticData: o.staticData ?? { ...SUBSCRIPTION, url: N8N_URL },
		respond: o.respond ?? (() => ok(paidInvoice())),
	});
	const result = await new CalypsoPayTrigger().webhook.call(context.ctx);
	const events = (result.workflowData?.[0] ?? []).map((item) => item.json);
	return { ...context, result, events };
}
