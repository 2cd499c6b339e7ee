import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText } from '../../../shared/text';
import { calypsoTimeoutMs, readWidget, readWidgetInvoices } from '../../helpers/lookups';
import { linkHostOf, toWidgetOutput } from '../../helpers/widget';
import { calypsoTimeoutOption } from '../common';

/** The key a widget is found by (also Check Payment's, see shared/payment/targetFields.ts). */
export const widgetKeyProperty: INodeProperties = {
	displayName: 'Widget Key',
	name: 'widgetKey',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
	description: 'The widget\'s idempotency key (the "widgetKey" output of Create, also the end of its payment link)',
};

const properties: INodeProperties[] = [
	widgetKeyProperty,
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
	const call = { itemIndex, timeoutMs: calypsoTimeoutMs(this, itemIndex) };
	const widget = await readWidget.call(this, widgetKey, call);
	const output = toWidgetOutput(widget, widgetKey, await linkHostOf(this));
	if (options.includeInvoiceDetails === true) output.invoiceDetails = await readWidgetInvoices.call(this, widget, call);
	return output;
}
