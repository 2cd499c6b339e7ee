import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText } from '../../../shared/text';
import { findInvoice, findWidget } from '../../helpers/lookups';
import { linkHostOf, toWidgetOutput } from '../../helpers/widget';
import { calypsoTimeoutOption } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Widget Key',
		name: 'widgetKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
		description: 'The widget\'s idempotency key (the "widgetKey" output of Create, also the end of its payment link)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Invoice Details',
				name: 'includeInvoiceDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to also read every invoice the widget created (one request each) and output them as invoiceDetails, with state and totalDebitAmount (amount received)',
			},
			calypsoTimeoutOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['widget'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const widgetKey = requireText(this.getNodeParameter('widgetKey', itemIndex, ''), 'widgetKey', 'Widget Key');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const widget = await findWidget.call(this, widgetKey, itemIndex);
	const output = toWidgetOutput(widget, widgetKey, await linkHostOf(this));
	if (options.includeInvoiceDetails === true) {
		const invoices = Array.isArray(widget.invoices) ? (widget.invoices as IDataObject[]) : [];
		const details: IDataObject[] = [];
		for (const invoice of invoices) {
			const id = invoice?.invoiceId;
			if (id === undefined || id === null || id === '') continue;
			details.push(await findInvoice.call(this, { id: String(id) }, itemIndex));
		}
		output.invoiceDetails = details;
	}
	return output;
}
