import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { optionalText } from '../../../shared/text';
import { optionsCollection, orderFields, sendOrderStatus } from './orderStatusMessage';

const properties: INodeProperties[] = [
	...orderFields,
	optionsCollection([
		{
			displayName: 'Reason',
			name: 'cancelReason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Out of stock',
			description:
				'Shown to the customer, at most 120 characters. WhatsApp refuses to cancel an order that is already paid or being paid.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['cancelOrder'] } }, properties);

/** Cancels each item's order, with the reason shown to the customer. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendOrderStatus.call(this, (itemIndex) => ({
		status: 'canceled',
		description: optionalText(this.getNodeParameter('options.cancelReason', itemIndex, '')),
	}));
}
