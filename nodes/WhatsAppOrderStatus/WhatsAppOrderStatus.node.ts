import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as order from './actions/order/Order.resource';
import { router } from './actions/router';
import { providerParameters, providerProperties } from './providers';

export class WhatsAppOrderStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Order Status',
		name: 'whatsAppOrderStatus',
		icon: { light: 'file:whatsAppOrderStatus.svg', dark: 'file:whatsAppOrderStatus.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ($parameter["operation"] === "cancelOrder" ? "Cancel Order" : "Update Status") + ($parameter["provider"] === "dialog360" ? " (360dialog)" : " (Exotel)") }}',
		description: 'Tell a customer on WhatsApp how the order they were asked to pay for is going',
		defaults: { name: 'WhatsApp Order Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'exotelApi', required: true, displayOptions: { show: { provider: ['exotel'] } } },
			{ name: 'dialog360Api', required: true, displayOptions: { show: { provider: ['dialog360'] } } },
		],
		properties: [
			...providerProperties,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Cancel Order',
						value: 'cancelOrder',
						description: 'Cancel an order that is not paid, with the reason shown to the customer',
						action: 'Cancel an order',
					},
					{
						name: 'Update Status',
						value: 'updateStatus',
						description: 'Move the order to processing, partially shipped, shipped or completed',
						action: 'Update an order status',
					},
				],
				default: 'updateStatus',
			},
			...providerParameters(),
			...order.updateStatus.description,
			...order.cancelOrder.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
