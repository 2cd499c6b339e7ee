import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as send from './send.operation';

export { send };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Send',
		value: 'send',
		description: 'Send an order with a Review and Pay button to a customer',
		action: 'Send a payment request',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentRequest'] } },
		options: operationOptions,
		default: 'send',
	},
	...send.description,
];
