import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as sendText from './sendText.operation';

export { sendText };

export const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Send Text',
		value: 'sendText',
		description: 'Send a plain text message, such as a payment link, to a customer on WhatsApp',
		action: 'Send a text message',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: operationOptions,
		default: 'sendText',
	},
	...sendText.description,
];
