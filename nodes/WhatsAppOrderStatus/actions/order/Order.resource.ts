import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { providerParameters } from '../../providers';
import * as cancelOrder from './cancelOrder.operation';
import * as updateStatus from './updateStatus.operation';

export { cancelOrder, updateStatus };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Cancel',
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
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: operationOptions,
		default: 'updateStatus',
	},
	...providerParameters().map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, resource: ['order'] } },
	})),
	...updateStatus.description,
	...cancelOrder.description,
];
