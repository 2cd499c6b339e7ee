import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as paymentRequest from './actions/paymentRequest/PaymentRequest.resource';
import { router } from './actions/router';

export class ExotelWhatsAppPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exotel WhatsApp Payment',
		name: 'exotelWhatsAppPayment',
		icon: { light: 'file:exotel.svg', dark: 'file:exotel.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "sendPaymentRequest" ? "Send Payment Request" : $parameter["operation"] }}',
		description: 'Send WhatsApp payment requests (order_details) through Exotel',
		defaults: { name: 'Exotel WhatsApp Payment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exotelApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Send Payment Request',
						value: 'sendPaymentRequest',
						description: 'Send an order with a Review and Pay button to a customer',
						action: 'Send a payment request',
					},
				],
				default: 'sendPaymentRequest',
			},
			...paymentRequest.send.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
