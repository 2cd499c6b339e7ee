import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Create',
		value: 'create',
		description: 'Create an unlimited linked payment widget and get the link to send to the customer',
		action: 'Create a payment widget',
	},
	{
		name: 'Get',
		value: 'get',
		description: 'Get a payment widget by its key, with the invoices the customer opened from it',
		action: 'Get a payment widget',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['widget'] } },
		options: operationOptions,
		default: 'create',
	},
	...create.description,
	...get.description,
];
