// Webhook triggers the way n8n's WebhookService drives them: `webhook()` runs with n8n-core's real
// WebhookContext over a fake express request/response, and webhookMethods (checkExists / create /
// delete) run with a real HookContext. When webhook() returns workflowData, the rest of the
// workflow runs with it as the trigger node's output, as n8n starts an execution. Then the harness
// answers and closes the exchange as n8n 2.41's webhook helpers do (webhook-helpers.js): with
// responseMode onReceived, 200 once the execution has been started, or 500 "There was a problem
// executing the workflow" when starting it fails (`executionStartFails`).
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	WebhookSetupMethodNames,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import type { HarnessContext, HarnessOptions, WorkflowJson, WorkflowRunResult } from './context';
import { createHarnessContext, executeFromStack } from './context';
import type { RecordedResponse, WebhookRequest } from './httpObjects';
import { createRequest, createResponse } from './httpObjects';
import { track } from './isolation';

export interface RunWebhookOptions extends HarnessOptions {
	nodeName: string;
	request: WebhookRequest;
	/** Which of the node's webhooks was called; default 'default'. */
	webhookName?: string;
	/** Default 'webhook' (a published workflow); 'manual' for the editor's test URL. */
	mode?: WorkflowExecuteMode;
	/** Whether to run the rest of the workflow when webhook() returns workflowData; default true. */
	runDownstream?: boolean;
	/**
	 * n8n cannot start the execution webhook() asked for (its database or queue fails): it answers
	 * 500 and nothing runs. Default false.
	 */
	executionStartFails?: boolean;
}

export interface WebhookRunResult {
	/** What webhook() itself wrote through getResponseObject() (status, headers, body). */
	response: RecordedResponse;
	/**
	 * The answer the caller got in the end: webhook()'s own, or n8n's after it (200 once the
	 * execution started in onReceived mode, 500 when starting failed). undefined status: none sent.
	 */
	answer: RecordedResponse;
	/** The value webhook() returned. */
	webhookResponse: IWebhookResponseData;
	/** webhookResponse.workflowData: the trigger's output; undefined means no execution starts. */
	workflowData: INodeExecutionData[][] | undefined;
	staticData: IDataObject;
	/** The downstream execution, when workflowData came back and runDownstream was not false. */
	execution: WorkflowRunResult | undefined;
}

/** The webhook description names n8n supports webhookMethods for. */
export type WebhookMethodGroup = keyof NonNullable<INodeType['webhookMethods']>;

export interface LifecycleOptions extends Omit<HarnessOptions, 'workflow'> {
	webhookName?: WebhookMethodGroup;
	/** Default 'trigger' (publishing a workflow); 'manual' for the editor's test listener. */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
}

export interface LifecycleResult {
	/** What the method returned (checkExists: whether the provider-side webhook exists). */
	result: boolean | undefined;
	staticData: IDataObject;
}

function nodeAndType(context: HarnessContext, nodeName: string): { node: INode; type: INodeType } {
	const node = context.workflow.getNode(nodeName);
	if (node === null) throw new Error(`No node named "${nodeName}"`);
	return { node, type: context.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) };
}

/** One IWebhookData for the node, as n8n's WebhookService.getNodeWebhooks builds it. */
function webhookDataFor(context: HarnessContext, node: INode, type: INodeType, name: string): IWebhookData {
	const { workflow, additionalData } = context;
	const description = type.description.webhooks?.find((webhook) => webhook.name === name);
	if (description === undefined) throw new Error(`Node "${node.name}" has no "${name}" webhook`);
	const resolve = (value: string | boolean | undefined, fallback: string | boolean) =>
		workflow.expression.getSimpleParameterValue(node, value, 'internal', {}, undefined, fallback);
	const path = String(resolve(description.path, '')).replace(/^\/+|\/+$/g, '');
	const httpMethod = String(resolve(description.httpMethod, 'GET')).split(',')[0].trim();
	return {
		httpMethod: httpMethod as IWebhookData['httpMethod'],
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			path,
			resolve(description.isFullPath, false) === true,
			resolve(description.restartWebhook, false) === true,
		),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
}

/** Gives webhook nodes a stable webhookId (n8n stores a UUID there) when the JSON has none. */
function withWebhookIds(workflow: WorkflowJson): WorkflowJson {
	const nodes = workflow.nodes.map((node) => ({ webhookId: `${node.name}-webhook-id`, ...node }));
	return { ...workflow, nodes };
}

type HarnessResponse = ReturnType<typeof createResponse>['response'];

/**
 * What n8n 2.41 sends when webhook() returned without answering itself: with workflowData, 200
 * once the execution is started (onReceived; the package's triggers use responseData 'noData', an
 * empty body) or when it finished (other modes: the last node's first item), 500 when starting
 * failed or the run failed before answering; without, 200 with `webhookResponse`.
 */
function answerAsN8n(
	response: HarnessResponse,
	webhookResponse: IWebhookResponseData,
	outcome: { started: boolean; execution?: WorkflowRunResult; lastNode?: string },
): void {
	if (response.headersSent || webhookResponse.noWebhookResponse === true) return;
	if (webhookResponse.workflowData === undefined) {
		response.status(200).json(webhookResponse.webhookResponse ?? { message: 'Webhook call received' });
	} else if (!outcome.started) {
		response.status(500).json({ code: 0, message: 'There was a problem executing the workflow' });
	} else if (outcome.execution === undefined) {
		response.status(200).end();
	} else if (outcome.execution.status !== 'success' || outcome.lastNode === undefined) {
		response.status(500).json({ message: 'Error in workflow' });
	} else {
		response.status(200).json(outcome.execution.output(outcome.lastNode)[0]?.json ?? {});
	}
}

function snapshot(recorded: RecordedResponse): RecordedResponse {
	return { ...recorded, headers: { ...recorded.headers } };
}

/** Calls the trigger's webhook() with a request, like n8n does when a provider posts to it. */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	return await track(deliver(options));
}

async function deliver(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const mode = options.mode ?? 'webhook';
	const context = await createHarnessContext({ ...options, workflow: withWebhookIds(options.workflow) }, mode);
	const { node, type } = nodeAndType(context, options.nodeName);
	const { webhook } = type;
	if (webhook === undefined) throw new Error(`Node "${node.name}" has no webhook() method`);
	const { response, recorded } = createResponse();
	const { webhookResponse, responseMode } = await context.workflow.expression.withIsolate(async () => {
		const webhookData = webhookDataFor(context, node, type, options.webhookName ?? 'default');
		webhookData.isTest = mode === 'manual';
		context.additionalData.httpRequest = createRequest(options.request, webhookData);
		context.additionalData.httpResponse = response;
		const webhookContext = new WebhookContext(
			context.workflow,
			node,
			context.additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		return {
			webhookResponse: (await webhook.call(webhookContext)) as IWebhookResponseData,
			responseMode: context.workflow.expression.getSimpleParameterValue(
				node,
				webhookData.webhookDescription.responseMode,
				'internal',
				{},
				undefined,
				'onReceived',
			),
		};
	});
	const { workflowData } = webhookResponse;
	const ownAnswer = snapshot(recorded);
	const started = workflowData !== undefined && options.executionStartFails !== true;
	let execution: WorkflowRunResult | undefined;
	if (responseMode === 'onReceived' || !started) {
		answerAsN8n(response, webhookResponse, { started });
		response.close();
	}
	if (started && options.runDownstream !== false) {
		execution = await executeFromStack(context, mode, [{ node, data: { main: workflowData }, source: null }]);
	}
	if (!response.headersSent) {
		answerAsN8n(response, webhookResponse, { started, execution, lastNode: execution?.executedNodes.at(-1) });
		response.close();
	}
	return {
		response: ownAnswer,
		answer: snapshot(recorded),
		webhookResponse,
		workflowData,
		staticData: context.collectStaticData(),
		execution,
	};
}

/**
 * Runs one of the trigger's webhookMethods (checkExists / create / delete) with a real
 * HookContext. Pass the same `staticData` object to successive calls: it is updated in place,
 * as n8n persists a workflow's static data between activation steps.
 */
export async function runWebhookLifecycle(
	workflow: WorkflowJson,
	nodeName: string,
	method: WebhookSetupMethodNames,
	options: LifecycleOptions = {},
): Promise<LifecycleResult> {
	return await track(runLifecycle(workflow, nodeName, method, options));
}

async function runLifecycle(
	workflow: WorkflowJson,
	nodeName: string,
	method: WebhookSetupMethodNames,
	options: LifecycleOptions,
): Promise<LifecycleResult> {
	const mode = options.mode ?? 'trigger';
	const context = await createHarnessContext({ ...options, workflow: withWebhookIds(workflow) }, mode);
	const { node, type } = nodeAndType(context, nodeName);
	const webhookName = options.webhookName ?? 'default';
	const hook = type.webhookMethods?.[webhookName]?.[method];
	if (hook === undefined) {
		throw new Error(`Node "${nodeName}" has no webhookMethods.${webhookName}.${method}`);
	}
	const result = await context.workflow.expression.withIsolate(async () => {
		const webhookData = webhookDataFor(context, node, type, webhookName);
		const activation = options.activation ?? (mode === 'manual' ? 'manual' : 'activate');
		webhookData.isTest = mode === 'manual';
		const hookContext = new HookContext(context.workflow, node, context.additionalData, mode, activation, webhookData);
		return await hook.call(hookContext);
	});
	return { result, staticData: context.collectStaticData() };
}
