import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations, type OperationTable } from '../shared/perItemRouter';
import * as invoice from './actions/invoice/Invoice.resource';
import * as widget from './actions/widget/Widget.resource';

const operations: OperationTable = {
	widget: { create: widget.create.execute, get: widget.get.execute },
	invoice: { create: invoice.create.execute, get: invoice.get.execute },
};

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Invoice', value: 'invoice' },
	{ name: 'Payment Widget', value: 'widget' },
];

export class CalypsoPay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Calypso Pay',
		name: 'calypsoPay',
		icon: { light: 'file:../../icons/calypso.svg', dark: 'file:../../icons/calypso.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation and resource by their editor names (test/unit/nodes/subtitles.test.ts keeps this equal to the options).
		subtitle:
			'={{ (({ "invoice/create": "Create", "invoice/get": "Get", "widget/create": "Create", "widget/get": "Get" })[$parameter["resource"] + "/" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({ "invoice": "Invoice", "widget": "Payment Widget" })[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Take crypto payments with Calypso Pay: payment widgets, invoices and their state',
		defaults: { name: 'Calypso Pay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'calypsoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'widget',
			},
			...widget.description,
			...invoice.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, operations);
	}
}
