import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText } from '../../../shared/text';
import { findInvoice } from '../../helpers/lookups';
import { readTimeoutOptions } from '../common';

/** The id an invoice is found by (also Check Payment's, see shared/payment/targetFields.ts). */
export const invoiceIdProperty: INodeProperties = {
	displayName: 'Invoice ID',
	name: 'invoiceId',
	type: 'string',
	required: true,
	default: '',
	description:
		'The ID Calypso gave the invoice, e.g. the "invoiceId" of a widget\'s invoices or details.invoiceId of a Calypso Pay Trigger event',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'Invoice ID', value: 'id', description: 'The ID Calypso gave the invoice' },
			{ name: 'Idempotency Key', value: 'idempotencyKey', description: 'The key the invoice was created with' },
		],
		default: 'id',
	},
	{ ...invoiceIdProperty, displayOptions: { show: { lookupBy: ['id'] } } },
	{
		displayName: 'Idempotency Key',
		name: 'invoiceIdempotencyKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
		displayOptions: { show: { lookupBy: ['idempotencyKey'] } },
		description: 'The idempotency key of the invoice (output of Create, or invoiceIdempotencyKey of a widget\'s invoices)',
	},
	readTimeoutOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex, 'id') as string;
	const by =
		lookupBy === 'idempotencyKey'
			? { idempotencyKey: requireText(this.getNodeParameter('invoiceIdempotencyKey', itemIndex, ''), 'invoiceIdempotencyKey', 'Idempotency Key') }
			: { id: requireText(this.getNodeParameter('invoiceId', itemIndex, ''), 'invoiceId', 'Invoice ID') };
	return await findInvoice.call(this, by, itemIndex);
}
