// IWorkflowExecuteAdditionalData: what the engine and node contexts get besides the workflow.
// The credentials helper is ours; HTTP helpers are n8n-core's own (they use the additional data
// only for credentials). Sub-workflows, task runners and AI hooks are not available.
import type { IWorkflowBase, IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';

import type { HarnessCredentialsHelper } from './credentials';

/** Public-looking base URL: triggers may refuse to register localhost URLs with a provider. */
export const DEFAULT_BASE_URL = 'https://n8n.example.test';

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	baseUrl?: string;
	/** Filled with node names as each node finishes, in execution order. */
	executedNodes?: string[];
}

function unsupported(feature: string): never {
	throw new Error(`${feature} is not supported by the workflow harness`);
}

let executionCounter = 0;

export function buildAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const executionId = String(++executionCounter);
	const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData);
	const executedNodes = options.executedNodes;
	if (executedNodes !== undefined) {
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			executedNodes.push(nodeName);
		});
	}
	return {
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId,
		workflowId: options.workflowData.id,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => undefined,
		executeWorkflow: async () => unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => unsupported('Running a task-runner task (Code node)'),
	};
}
