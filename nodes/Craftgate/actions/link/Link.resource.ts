import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getPaymentStatus from './getPaymentStatus.operation';
import * as update from './update.operation';

export { create, deactivate, del as delete, get, getAll, getPaymentStatus, update };

export const operationOptions: INodePropertyOptions[] = [
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
		name: 'Get Many',
		value: 'getAll',
		description: 'Get payment links by reference, name, price, currency or expiry',
		action: 'Get many payment links',
	},
	{
		name: 'Get Payment Status',
		value: 'getPaymentStatus',
		description: 'Whether a payment link has been paid, not yet, or failed',
		action: 'Get the payment status of a payment link',
	},
	{
		name: 'Update',
		value: 'update',
		description: 'Change a payment link',
		action: 'Update a payment link',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: operationOptions,
		default: 'create',
	},
	...create.description,
	...deactivate.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getPaymentStatus.description,
	...update.description,
];
