import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { refuseAutomaticRetry } from '../../shared/whatsapp/messageBatch';
import { providers } from '../providers';
import * as order from './order/Order.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const provider = providers[this.getNodeParameter('provider', 0) as string];
	refuseAutomaticRetry(this, provider?.displayName ?? 'the provider', 'order status message');
	switch (operation) {
		case 'updateStatus':
			return [await order.updateStatus.execute.call(this)];
		case 'cancelOrder':
			return [await order.cancelOrder.execute.call(this)];
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}
