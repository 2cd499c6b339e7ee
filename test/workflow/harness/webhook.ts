// Webhook triggers the way n8n's WebhookService drives them: `webhook()` runs with n8n-core's real
// WebhookContext over a fake express request/response, and webhookMethods (checkExists / create /
// delete) run with a real HookContext. When webhook() returns workflowData, the rest of the
// workflow runs with it as the trigger node's output, as n8n starts an execution.
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

export interface RunWebhookOptions extends HarnessOptions {
	nodeName: string;
	request: WebhookRequest;
	/** Which of the node's webhooks was called; default 'default'. */
	webhookName?: string;
	/** Default 'webhook' (a published workflow); 'manual' for the editor's test URL. */
	mode?: WorkflowExecuteMode;
	/** Whether to run the rest of the workflow when webhook() returns workflowData; default true. */
	runDownstream?: boolean;
}

export interface WebhookRunResult {
	/** What webhook() wrote through getResponseObject() (status, headers, body). */
	response: RecordedResponse;
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

/** Calls the trigger's webhook() with a request, like n8n does when a provider posts to it. */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const mode = options.mode ?? 'webhook';
	const context = await createHarnessContext({ ...options, workflow: withWebhookIds(options.workflow) }, mode);
	const { node, type } = nodeAndType(context, options.nodeName);
	const { webhook } = type;
	if (webhook === undefined) throw new Error(`Node "${node.name}" has no webhook() method`);
	const { response, recorded } = createResponse();
	const webhookResponse = await context.workflow.expression.withIsolate(async () => {
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
		return (await webhook.call(webhookContext)) as IWebhookResponseData;
	});
	const { workflowData } = webhookResponse;
	let execution: WorkflowRunResult | undefined;
	if (workflowData !== undefined && options.runDownstream !== false) {
		execution = await executeFromStack(context, mode, [
			{ node, data: { main: workflowData }, source: null },
		]);
	}
	return {
		response: recorded,
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
