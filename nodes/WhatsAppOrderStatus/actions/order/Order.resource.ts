import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { definedBelow } from '../../../shared/inputItems';
import { providerParameters } from '../../providers';
import { inputDataMode, inputItemFields } from './orderStatusMessage';
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

function onOrder(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, resource: ['order'] } },
	}));
}

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
	...onOrder([
		inputDataMode,
		// In Take From Input Items mode the recipient comes from the input item.
		...providerParameters().map((property) => (property.name === 'to' ? definedBelow([property])[0] : property)),
		...inputItemFields,
	]),
	...updateStatus.description,
	...cancelOrder.description,
];
