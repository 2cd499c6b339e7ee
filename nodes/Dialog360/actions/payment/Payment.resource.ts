import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Get',
		value: 'get',
		description: 'Look up the payment of an order by its payment configuration and reference ID',
		action: 'Get a payment',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: operationOptions,
		default: 'get',
	},
	...get.description,
];
