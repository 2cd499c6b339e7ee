import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { orderFields, sendOrderStatus } from './common';

const properties: INodeProperties[] = [
	...orderFields,
	{
		displayName: 'Reason',
		name: 'cancelReason',
		type: 'string',
		default: '',
		placeholder: 'e.g. Out of stock',
		description:
			'Shown to the customer, at most 120 characters. WhatsApp refuses to cancel an order that is already paid or being paid.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['cancelOrder'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendOrderStatus.call(this, (itemIndex) => {
		const reason = String(this.getNodeParameter('cancelReason', itemIndex, '') ?? '').trim();
		return { status: 'canceled', description: reason || undefined };
	});
}
