import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations, type OperationTable } from '../shared/perItemRouter';
import * as message from './actions/message/Message.resource';
import * as payment from './actions/payment/Payment.resource';
import * as paymentRequest from './actions/paymentRequest/PaymentRequest.resource';

const operations: OperationTable = {
	message: { sendText: { batch: message.sendText.execute } },
	paymentRequest: { send: { batch: paymentRequest.send.execute } },
	payment: { get: payment.get.execute },
};

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Message', value: 'message' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Payment Request', value: 'paymentRequest' },
];

export class Dialog360 implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog',
		name: 'dialog360',
		icon: { light: 'file:../../icons/dialog360.svg', dark: 'file:../../icons/dialog360.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation and resource by their editor names (test/unit/nodes/subtitles.test.ts keeps this equal to the options).
		subtitle:
			'={{ (({ "message/sendText": "Send Text", "payment/get": "Get", "paymentRequest/send": "Send" })[$parameter["resource"] + "/" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({ "message": "Message", "payment": "Payment", "paymentRequest": "Payment Request" })[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Send WhatsApp payment requests (order_details) and text messages through 360dialog and look up their payments',
		defaults: { name: '360dialog' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'paymentRequest',
			},
			...paymentRequest.description,
			...payment.description,
			...message.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, operations);
	}
}
