import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PartiallyShippedSpelling } from '../../../shared/whatsapp';
import { orderFields, sendOrderStatus } from './common';
import type { StatusChoice } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'New Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Completed', value: 'completed', description: 'Nothing more is expected from anyone' },
			{ name: 'Partially Shipped', value: 'partially_shipped', description: 'Part of the goods have been shipped' },
			{ name: 'Processing', value: 'processing', description: 'Paid; you are preparing the order' },
			{ name: 'Shipped', value: 'shipped', description: 'All the goods have been shipped' },
		],
		default: 'processing',
	},
	{
		displayName: 'Partially Shipped Spelling',
		name: 'partiallyShippedSpelling',
		type: 'options',
		options: [
			{ name: 'Hyphen', value: 'partially-shipped', description: 'Sends partially-shipped' },
			{ name: 'Underscore (Documented)', value: 'partially_shipped', description: 'Sends partially_shipped' },
		],
		default: 'partially_shipped',
		displayOptions: { show: { status: ['partially_shipped'] } },
		description:
			"How the status is spelled on the wire. The API examples use partially_shipped; some tables say partially-shipped. Change it only if your provider refuses the first.",
	},
	...orderFields,
	{
		displayName: 'Status Description',
		name: 'statusDescription',
		type: 'string',
		default: '',
		description: 'Optional text shown with the new status, at most 120 characters',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['updateStatus'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendOrderStatus.call(this, (itemIndex): StatusChoice => {
		const status = this.getNodeParameter('status', itemIndex) as StatusChoice['status'];
		const description = String(this.getNodeParameter('statusDescription', itemIndex, '') ?? '').trim();
		const spelling =
			status === 'partially_shipped'
				? (this.getNodeParameter('partiallyShippedSpelling', itemIndex, 'partially_shipped') as PartiallyShippedSpelling)
				: undefined;
		return { status, description: description || undefined, spelling };
	});
}
