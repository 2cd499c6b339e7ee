import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Create',
		value: 'create',
		description: 'Create an invoice for a fixed amount, or an unlimited one that accepts any amount',
		action: 'Create an invoice',
	},
	{
		name: 'Get',
		value: 'get',
		description: 'Get an invoice with its state and the amount received so far',
		action: 'Get an invoice',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: operationOptions,
		default: 'create',
	},
	...create.description,
	...get.description,
];
