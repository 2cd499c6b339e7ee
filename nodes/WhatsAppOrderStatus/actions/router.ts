import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import * as order from './order/Order.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	switch (operation) {
		case 'updateStatus':
			return [await order.updateStatus.execute.call(this)];
		case 'cancelOrder':
			return [await order.cancelOrder.execute.call(this)];
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}
