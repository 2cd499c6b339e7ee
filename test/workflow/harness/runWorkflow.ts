import type { IDataObject, INode, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';

import type { HarnessOptions, WorkflowRunResult } from './context';
import { createHarnessContext, executeFromStack } from './context';
import { track } from './isolation';

export interface RunWorkflowOptions extends HarnessOptions {
	/**
	 * Items the start node emits instead of running it: plain objects become `{ json }` items;
	 * objects that already have a `json` object are used as items. With input the run uses mode
	 * 'trigger' (as for an activated trigger: trigger nodes pass the items on) unless `mode` is set.
	 */
	input?: Array<IDataObject | INodeExecutionData>;
	/** Name of the node to start from; default: the workflow's trigger / start node. */
	startNode?: string;
	/** Execution mode; default 'manual' (the editor's "Execute workflow"), 'trigger' with input. */
	mode?: WorkflowExecuteMode;
}

function toItems(input: Array<IDataObject | INodeExecutionData>): INodeExecutionData[] {
	const isItem = (entry: IDataObject | INodeExecutionData): entry is INodeExecutionData =>
		typeof entry.json === 'object' && entry.json !== null && !Array.isArray(entry.json);
	return input.map((entry) => (isItem(entry) ? entry : { json: entry }));
}

function findStartNode(options: RunWorkflowOptions, nodes: INode[], fromEngine?: INode): INode {
	if (options.startNode !== undefined) {
		const named = nodes.find((node) => node.name === options.startNode);
		if (named === undefined) throw new Error(`No node named "${options.startNode}"`);
		return named;
	}
	if (fromEngine !== undefined) return fromEngine;
	const targets = new Set(
		Object.values(options.workflow.connections).flatMap((byType) =>
			Object.values(byType).flatMap((outputs) =>
				outputs.flatMap((connections) => (connections ?? []).map(({ node }) => node)),
			),
		),
	);
	const first = nodes.find((node) => !targets.has(node.name));
	if (first === undefined) throw new Error('The workflow has no start node');
	return first;
}

/** Runs a workflow through n8n-core's WorkflowExecute, as "Execute workflow" in the editor does. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	return await track(execute(options));
}

async function execute(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const mode = options.mode ?? (options.input === undefined ? 'manual' : 'trigger');
	const context = await createHarnessContext(options, mode);
	const nodes = Object.values(context.workflow.nodes);
	const startNode = findStartNode(options, nodes, context.workflow.getStartNode());
	const items = options.input === undefined ? [{ json: {} }] : toItems(options.input);
	return await executeFromStack(context, mode, [
		{ node: startNode, data: { main: [items] }, source: null },
	]);
}
