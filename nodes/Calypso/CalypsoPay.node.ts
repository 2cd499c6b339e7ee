import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as invoice from './actions/invoice';
import { router } from './actions/router';
import * as widget from './actions/widget';

export class CalypsoPay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Calypso Pay',
		name: 'calypsoPay',
		icon: { light: 'file:calypso.svg', dark: 'file:calypso.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
				options: [
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Payment Widget', value: 'widget' },
				],
				default: 'widget',
			},
			...widget.description,
			...invoice.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
