import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as payment from './actions/payment';
import { router } from './actions/router';

export class Dialog360WhatsAppPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog WhatsApp Payment',
		name: 'dialog360WhatsAppPayment',
		icon: { light: 'file:dialog360.svg', dark: 'file:dialog360.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "getPayment" ? "Get Payment" : "Send Payment Request" }}',
		description: 'Send WhatsApp payment requests (order_details) through 360dialog and look up their payments',
		defaults: { name: '360dialog WhatsApp Payment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Payment',
						value: 'getPayment',
						description: 'Look up the payment of an order by its payment configuration and reference ID',
						action: 'Get a payment',
					},
					{
						name: 'Send Payment Request',
						value: 'sendPaymentRequest',
						description: 'Send an order with a Review and Pay button to a customer',
						action: 'Send a payment request',
					},
				],
				default: 'sendPaymentRequest',
			},
			...payment.sendPaymentRequest.description,
			...payment.getPayment.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
