import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as link from './actions/link';
import { router } from './actions/router';

export class CraftgateLink implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Craftgate Link',
		name: 'craftgateLink',
		icon: { light: 'file:craftgate.svg', dark: 'file:craftgate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, check and withdraw Craftgate payment links (pay-by-link)',
		defaults: { name: 'Craftgate Link' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'craftgateApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Payment Link', value: 'link' }],
				default: 'link',
			},
			...link.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
