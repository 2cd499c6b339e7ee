import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toNodeOperationError } from '../../shared/errors';
import * as link from './link';

type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, OperationExecute>> = {
	link: {
		create: link.create.execute,
		deactivate: link.deactivate.execute,
		delete: link.delete.execute,
		get: link.get.execute,
		getPaymentStatus: link.getPaymentStatus.execute,
		search: link.search.execute,
		update: link.update.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, { itemIndex });
			}
			const result = await run.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				returnData.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
