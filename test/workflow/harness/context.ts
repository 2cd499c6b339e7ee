// Turns the options every harness call takes into a real n8n `Workflow` plus the additional data
// the engine needs, and runs an execution from a prepared node-execution stack.
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IRunData,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';

import { buildAdditionalData } from './additionalData';
import type { CredentialsMap } from './credentials';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { ensureEnvironment } from './environment';
import type { AnyNodeType } from './nodeTypes';
import { HarnessNodeTypes } from './nodeTypes';

/** A node as in an n8n export; id, position, typeVersion and parameters may be left out. */
export type WorkflowNodeJson = Pick<INode, 'name' | 'type'> & Partial<INode>;

/** Workflow JSON as n8n exports it (extra fields such as meta or tags are ignored). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export interface HarnessOptions {
	workflow: WorkflowJson;
	/** Credential type name -> decrypted data, e.g. `{ craftgateApi: { apiKey: 'k', ... } }`. */
	credentials?: CredentialsMap;
	/** Workflow static data before the call. It is updated in place with the data after it. */
	staticData?: IDataObject;
	/** Extra node types keyed by the `type` used in the workflow JSON (test-only nodes). */
	nodeTypes?: Record<string, AnyNodeType>;
	/** Extra credential types (test-only), looked up by their `name`. */
	credentialTypes?: ICredentialType[];
	/** Instance base URL for webhook URLs; default https://n8n.example.test */
	baseUrl?: string;
}

export interface HarnessContext {
	workflow: Workflow;
	nodeTypes: HarnessNodeTypes;
	additionalData: IWorkflowExecuteAdditionalData;
	executedNodes: string[];
	/** Plain copy of the workflow static data; also written back into options.staticData. */
	collectStaticData(): IDataObject;
}

export interface WorkflowRunResult {
	/** n8n's execution status: 'success', 'error', ... */
	status: ExecutionStatus;
	/** The execution's error when it failed (a node without continueOnFail threw). */
	error: ExecutionError | undefined;
	runData: IRunData;
	/** Node names in the order they finished. */
	executedNodes: string[];
	staticData: IDataObject;
	run: IRun;
	/**
	 * Items a node emitted on one output (json, pairedItem, binary as the engine stored them).
	 * Throws if the node did not run or failed, with the reason, so a test shows why.
	 */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** The error a node failed with (undefined if it succeeded or continued on fail). */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function replaceContents(target: IDataObject, source: IDataObject): void {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, source);
}

function normalizeNode(
	node: WorkflowNodeJson,
	index: number,
	nodeTypes: HarnessNodeTypes,
	credentials: CredentialsMap,
): INode {
	const { version } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
	const typeVersion = node.typeVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	const normalized: INode = {
		id: `node-${index}`,
		position: [index * 200, 0],
		parameters: {},
		...node,
		typeVersion,
	};
	// Like a user picking a credential in the editor: give the node every credential type it
	// declares that the test provides, unless the JSON lists the node's credentials itself.
	if (normalized.credentials === undefined) {
		const declared = nodeTypes.getByNameAndVersion(node.type, typeVersion).description.credentials;
		const given = (declared ?? []).filter(({ name }) => credentials[name] !== undefined);
		if (given.length > 0) {
			normalized.credentials = Object.fromEntries(
				given.map(({ name }) => [name, { id: `${name}-id`, name: `${name} (test)` }]),
			);
		}
	}
	return normalized;
}

export async function createHarnessContext(
	options: HarnessOptions,
	mode: WorkflowExecuteMode,
): Promise<HarnessContext> {
	await ensureEnvironment();
	const credentials = { ...options.credentials };
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(options.credentialTypes),
		credentials,
	);
	const json = options.workflow;
	const nodes = json.nodes.map((node, index) => normalizeNode(node, index, nodeTypes, credentials));
	const id = json.id ?? 'workflow-harness';
	const workflow = new Workflow({
		id,
		name: json.name ?? 'Workflow under test',
		nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings: json.settings,
		pinData: json.pinData,
		staticData: clone(options.staticData ?? {}),
	});
	const executedNodes: string[] = [];
	const additionalData = buildAdditionalData({
		credentialsHelper,
		mode,
		baseUrl: options.baseUrl,
		executedNodes,
		workflowData: {
			id,
			name: workflow.name ?? id,
			nodes,
			connections: json.connections,
			active: false,
			isArchived: false,
			activeVersionId: null,
			settings: json.settings,
			createdAt: new Date(),
			updatedAt: new Date(),
		},
	});
	const collectStaticData = (): IDataObject => {
		const plain = clone(workflow.staticData);
		if (options.staticData !== undefined) replaceContents(options.staticData, plain);
		return plain;
	};
	return { workflow, nodeTypes, additionalData, executedNodes, collectStaticData };
}

function describeFailure(run: IRun, executedNodes: string[]): string {
	const error = run.data.resultData.error;
	const ran = executedNodes.length > 0 ? executedNodes.join(', ') : 'none';
	return `nodes that ran: ${ran}${error ? `; execution error: ${error.message}` : ''}`;
}

/** Runs the workflow from `stack` through n8n-core's WorkflowExecute. */
export async function executeFromStack(
	context: HarnessContext,
	mode: WorkflowExecuteMode,
	stack: IExecuteData[],
): Promise<WorkflowRunResult> {
	const { workflow, additionalData, executedNodes } = context;
	const runExecutionData = createRunExecutionData({
		resultData: { pinData: workflow.pinData },
		executionData: { nodeExecutionStack: stack },
	});
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const runData = run.data.resultData.runData;
	const task = (nodeName: string, runIndex: number) => {
		const found = runData[nodeName]?.[runIndex];
		if (found === undefined) {
			throw new Error(`Node "${nodeName}" did not run (${describeFailure(run, executedNodes)})`);
		}
		return found;
	};
	return {
		status: run.status,
		error: run.data.resultData.error,
		runData,
		executedNodes,
		staticData: context.collectStaticData(),
		run,
		output(nodeName, outputIndex = 0, runIndex = 0) {
			const { data, error } = task(nodeName, runIndex);
			if (error !== undefined) throw new Error(`Node "${nodeName}" failed: ${error.message}`);
			return data?.main?.[outputIndex] ?? [];
		},
		nodeError(nodeName, runIndex = 0) {
			return task(nodeName, runIndex).error;
		},
	};
}
