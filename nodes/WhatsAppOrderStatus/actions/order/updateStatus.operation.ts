import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { optionalText } from '../../../shared/text';
import type { PartiallyShippedSpelling } from '../../../shared/whatsapp';
import { optionsCollection, orderFields, sendOrderStatus } from './orderStatusMessage';
import type { StatusChoice } from './orderStatusMessage';

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
	...orderFields,
	optionsCollection([
		{
			displayName: 'Partially Shipped Spelling',
			name: 'partiallyShippedSpelling',
			type: 'options',
			options: [
				{ name: 'Hyphen', value: 'partially-shipped', description: 'Sends partially-shipped' },
				{ name: 'Underscore (Documented)', value: 'partially_shipped', description: 'Sends partially_shipped' },
			],
			default: 'partially_shipped',
			displayOptions: { show: { '/status': ['partially_shipped'] } },
			description:
				'How Partially Shipped is spelled on the wire. The API examples use partially_shipped; some tables say partially-shipped. Change it only if your provider refuses the first.',
		},
		{
			displayName: 'Status Description',
			name: 'statusDescription',
			type: 'string',
			default: '',
			description: 'Text shown with the new status, at most 120 characters',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['updateStatus'] } }, properties);

/** Moves each item's order to processing, partially shipped, shipped or completed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendOrderStatus.call(this, (itemIndex): StatusChoice => {
		const status = this.getNodeParameter('status', itemIndex) as StatusChoice['status'];
		const spelling =
			status === 'partially_shipped'
				? (this.getNodeParameter('options.partiallyShippedSpelling', itemIndex, 'partially_shipped') as PartiallyShippedSpelling)
				: undefined;
		return {
			status,
			description: optionalText(this.getNodeParameter('options.statusDescription', itemIndex, '')),
			spelling,
		};
	});
}
