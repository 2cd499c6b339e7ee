import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPerItem } from '../../shared/perItemRouter';
import type { OperationTable } from '../../shared/perItemRouter';
import * as invoice from './invoice';
import * as widget from './widget';

const operations: OperationTable = {
	widget: {
		create: widget.create.execute,
		get: widget.get.execute,
	},
	invoice: {
		createSingle: invoice.createSingle.execute,
		createUnlimited: invoice.createUnlimited.execute,
		get: invoice.get.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem.call(this, operations);
}
