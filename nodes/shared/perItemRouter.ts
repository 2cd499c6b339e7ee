import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorItemJson, toNodeOperationError } from './errors';

/** One operation on one input item; its result becomes that item's output item(s). */
export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * An operation that handles all input items at once (the WhatsApp senders, which validate every
 * item before sending any and send in bulk). It returns paired output items itself, error items
 * included, built with `errorItemJson`.
 */
export interface BatchOperation {
	batch: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
}

/** Operations by resource, then by operation, as the node's parameters name them. */
export type OperationTable = Record<string, Record<string, ItemOperation | BatchOperation>>;

function isBatch(operation: ItemOperation | BatchOperation): operation is BatchOperation {
	return typeof (operation as BatchOperation).batch === 'function';
}

function unsupported(ctx: IExecuteFunctions, resource: string, operation: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`, {
		itemIndex,
	});
}

/**
 * The router of every action node (Mattermost's pattern): looks the resource/operation up in
 * `operations` and runs it, once per input item unless it is a batch operation. Every output item
 * is paired with its input; with Continue On Fail a failing item becomes an error item (see
 * `errorItemJson`) and the rest still run.
 */
export async function runOperations(this: IExecuteFunctions, operations: OperationTable): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = operations[resource]?.[operation];
	if (!chosen) throw unsupported(this, resource, operation, 0);
	if (isBatch(chosen)) return [await chosen.batch.call(this)];

	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await chosen.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
