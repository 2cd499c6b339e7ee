import type { INodeProperties } from 'n8n-workflow';
import * as createSingle from './createSingle';
import * as createUnlimited from './createUnlimited';
import * as get from './get';

export { createSingle, createUnlimited, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create Single',
				value: 'createSingle',
				description: 'Create an invoice for a fixed amount (valid for at most one day)',
				action: 'Create a single invoice',
			},
			{
				name: 'Create Unlimited',
				value: 'createUnlimited',
				description: 'Create an invoice that accepts any amount, any number of times',
				action: 'Create an unlimited invoice',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an invoice with its state and the amount received so far',
				action: 'Get an invoice',
			},
		],
		default: 'get',
	},
	...createSingle.description,
	...createUnlimited.description,
	...get.description,
];
