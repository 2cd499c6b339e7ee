import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations, type OperationTable } from '../shared/perItemRouter';
import * as link from './actions/link/Link.resource';

const operations: OperationTable = {
	link: {
		create: link.create.execute,
		deactivate: link.deactivate.execute,
		delete: link.delete.execute,
		get: link.get.execute,
		getAll: link.getAll.execute,
		getPaymentStatus: link.getPaymentStatus.execute,
		update: link.update.execute,
	},
};

const resourceOptions: INodePropertyOptions[] = [{ name: 'Payment Link', value: 'link' }];

export class Craftgate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Craftgate',
		name: 'craftgate',
		icon: { light: 'file:../../icons/craftgate.svg', dark: 'file:../../icons/craftgate.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation and resource by their editor names (test/unit/nodes/subtitles.test.ts keeps this equal to the options).
		subtitle:
			'={{ (({ "link/create": "Create", "link/deactivate": "Deactivate", "link/delete": "Delete", "link/get": "Get", "link/getAll": "Get Many", "link/getPaymentStatus": "Get Payment Status", "link/update": "Update" })[$parameter["resource"] + "/" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({ "link": "Payment Link" })[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Create, check and withdraw Craftgate payment links (pay-by-link)',
		defaults: { name: 'Craftgate' },
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
				options: resourceOptions,
				default: 'link',
			},
			...link.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, operations);
	}
}
