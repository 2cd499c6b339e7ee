import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/perItemRouter';
import type { OperationTable } from '../shared/perItemRouter';
import * as message from './actions/message/Message.resource';
import * as paymentRequest from './actions/paymentRequest/PaymentRequest.resource';

const operations: OperationTable = {
	message: { sendText: { batch: message.sendText.execute } },
	paymentRequest: { send: { batch: paymentRequest.send.execute } },
};

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Message', value: 'message' },
	{ name: 'Payment Request', value: 'paymentRequest' },
];

export class Exotel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exotel',
		name: 'exotel',
		icon: { light: 'file:../../icons/exotel.svg', dark: 'file:../../icons/exotel.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation and resource by their editor names (test/unit/nodes/subtitles.test.ts keeps this equal to the options).
		subtitle:
			'={{ (({ "message/sendText": "Send Text", "paymentRequest/send": "Send" })[$parameter["resource"] + "/" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({ "message": "Message", "paymentRequest": "Payment Request" })[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Send WhatsApp payment requests (order_details) and text messages through Exotel',
		defaults: { name: 'Exotel' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exotelApi', required: true }],
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
			...message.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, operations);
	}
}
