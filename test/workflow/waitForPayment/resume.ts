// Resuming a waiting execution the two ways n8n 2.41 does (docs/n8n.md §7), on the run data a
// first harness run saved, as n8n saves and loads it (JSON):
// - by time, as WaitTracker.startExecution → WorkflowRunner: a new WorkflowExecute on the saved
//   data; its handleWaitingState disables the waiting node, which then forwards its stack entry;
// - by webhook, as WaitingWebhooks.getWebhookExecutionData → executeWebhook: the node's restart
//   webhook() runs with a WebhookContext over the saved data (node disabled on the stack entry,
//   waitTill lifted); without workflowData the caller gets the answer and the execution keeps
//   waiting (nothing is saved); with it, the stack entry's data becomes the workflowData with
//   forwardAllOutputs, the waiting run is dropped from the run data, and the execution runs on.
import type {
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { WebhookContext, WorkflowExecute } from 'n8n-core';
import type { HarnessOptions } from '../harness';
import { createHarnessContext, type HarnessContext } from '../harness/context';
import { createRequest, createResponse, type RecordedResponse, type WebhookRequest } from '../harness/httpObjects';
import { track } from '../harness/isolation';

export interface ResumedRun {
	run: IRun;
	/** Node names in the order they finished in the resumed part. */
	executedNodes: string[];
	/** Items a node emitted on an output in the resumed part; throws if it did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
}

function resumed(run: IRun, executedNodes: string[]): ResumedRun {
	return {
		run,
		executedNodes,
		output(nodeName, outputIndex = 0) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			if (task === undefined) throw new Error(`Node "${nodeName}" did not run (ran: ${executedNodes.join(', ')})`);
			return task.data?.main?.[outputIndex] ?? [];
		},
	};
}

/** What n8n keeps of a waiting execution and loads again to resume it. */
function saved(waiting: IRun): IRunExecutionData {
	return JSON.parse(JSON.stringify(waiting.data)) as IRunExecutionData;
}

async function runOn(context: HarnessContext, mode: WorkflowExecuteMode, data: IRunExecutionData): Promise<ResumedRun> {
	const run = await new WorkflowExecute(context.additionalData, mode, data).processRunExecutionData(context.workflow);
	return resumed(run, context.executedNodes);
}

/** n8n's own timer ends the wait (WaitTracker): the waiting node is not run again. */
export async function resumeByTime(options: HarnessOptions, waiting: IRun, mode: WorkflowExecuteMode = 'trigger'): Promise<ResumedRun> {
	return await track(
		(async () => {
			const context = await createHarnessContext(options, mode);
			return await runOn(context, mode, saved(waiting));
		})(),
	);
}

export interface WebhookResume {
	/** What webhook() returned. */
	webhookResponse: IWebhookResponseData;
	/** What webhook() wrote itself (a 401, a 500), if anything. */
	response: RecordedResponse;
	/** What the caller gets: webhook()'s own answer, else n8n's (webhookResponse, or "started"). */
	answer: { statusCode: number; body: unknown };
	/** The resumed execution, when webhook() returned workflowData. */
	execution: ResumedRun | undefined;
}

/** A call to the waiting execution `executionId`'s resume URL (WaitingWebhooks). */
export async function resumeByWebhook(
	options: HarnessOptions & { executionId: string },
	waiting: IRun,
	request: WebhookRequest,
	mode: WorkflowExecuteMode = 'trigger',
): Promise<WebhookResume> {
	return await track(
		(async () => {
			const context = await createHarnessContext(options, mode);
			const { workflow, additionalData, nodeTypes } = context;
			additionalData.executionId = options.executionId;
			const data = saved(waiting);
			const nodeName = data.resultData.lastNodeExecuted ?? '';
			const node = workflow.getNode(nodeName);
			if (node === null) throw new Error(`No waiting node "${nodeName}"`);
			const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const description = type.description.webhooks?.find((webhook) => webhook.restartWebhook === true);
			if (description === undefined || type.webhook === undefined) throw new Error(`Node "${nodeName}" has no restart webhook`);
			const webhookData: IWebhookData = {
				httpMethod: description.httpMethod as IWebhookData['httpMethod'],
				node: node.name,
				path: `${options.executionId}`,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
			};
			const entry = data.executionData?.nodeExecutionStack[0];
			if (entry === undefined) throw new Error('The saved execution has no stack entry to resume');
			entry.node.disabled = true;
			data.waitTill = undefined;
			const { response, recorded } = createResponse();
			additionalData.httpRequest = createRequest(request, webhookData) as never;
			additionalData.httpResponse = response as never;
			const webhook = type.webhook;
			const webhookResponse = await workflow.expression.withIsolate(
				async () => (await webhook.call(new WebhookContext(workflow, node, additionalData, mode, webhookData, [], data))) as IWebhookResponseData,
			);
			const ownAnswer = { ...recorded };
			if (webhookResponse.workflowData === undefined) {
				const answer = recorded.ended
					? { statusCode: recorded.statusCode ?? 200, body: recorded.body }
					: { statusCode: 200, body: webhookResponse.webhookResponse ?? { message: 'Webhook call received' } };
				return { webhookResponse, response: ownAnswer, answer, execution: undefined };
			}
			data.resultData.runData[nodeName]?.pop();
			entry.data = { main: webhookResponse.workflowData };
			entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
			const execution = await runOn(context, mode, data);
			return { webhookResponse, response: ownAnswer, answer: { statusCode: 200, body: { message: 'Workflow was started' } as IDataObject }, execution };
		})(),
	);
}
