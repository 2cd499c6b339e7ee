import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/perItemRouter';
import type { OperationTable } from '../shared/perItemRouter';
import { providerCredentials } from '../shared/providerCredential';
import * as order from './actions/order/Order.resource';
import { providerProperty } from './providers';

const operations: OperationTable = {
	order: {
		updateStatus: { batch: order.updateStatus.execute },
		cancelOrder: { batch: order.cancelOrder.execute },
	},
};

const resourceOptions: INodePropertyOptions[] = [{ name: 'Order', value: 'order' }];

export class WhatsAppOrderStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Order Status',
		name: 'whatsAppOrderStatus',
		icon: { light: 'file:../../icons/whatsAppOrderStatus.svg', dark: 'file:../../icons/whatsAppOrderStatus.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation and resource by their editor names (test/unit/nodes/subtitles.test.ts keeps this equal to the options).
		subtitle:
			'={{ (({ "order/cancelOrder": "Cancel", "order/updateStatus": "Update Status" })[$parameter["resource"] + "/" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({ "order": "Order" })[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Tell a customer on WhatsApp how the order they were asked to pay for is going',
		defaults: { name: 'WhatsApp Order Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials({ exotel: 'exotelApi', dialog360: 'dialog360Api' }),
		properties: [
			providerProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'order',
			},
			...order.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, operations);
	}
}
