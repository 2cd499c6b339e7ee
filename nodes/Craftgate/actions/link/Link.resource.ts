import type { INodeProperties } from 'n8n-workflow';
import * as create from './create';
import * as deactivate from './deactivate';
import * as del from './delete';
import * as get from './get';
import * as getPaymentStatus from './getPaymentStatus';
import * as search from './search';
import * as update from './update';

export { create, deactivate, del as delete, get, getPaymentStatus, search, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a payment link to send to a customer',
				action: 'Create a payment link',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: 'Stop a payment link from taking payments, keeping it (status PASSIVE)',
				action: 'Deactivate a payment link',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a payment link for good',
				action: 'Delete a payment link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a payment link',
				action: 'Get a payment link',
			},
			{
				name: 'Get Payment Status',
				value: 'getPaymentStatus',
				description: 'Whether a payment link has been paid, not yet, or failed',
				action: 'Get the payment status of a payment link',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search payment links by reference, name, price, currency or expiry',
				action: 'Search payment links',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a payment link',
				action: 'Update a payment link',
			},
		],
		default: 'create',
	},
	...create.description,
	...deactivate.description,
	...del.description,
	...get.description,
	...getPaymentStatus.description,
	...search.description,
	...update.description,
];
