import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPerItem } from '../../shared/perItemRouter';
import type { OperationTable } from '../../shared/perItemRouter';
import * as link from './link';

const operations: OperationTable = {
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
	return await runPerItem.call(this, operations);
}
