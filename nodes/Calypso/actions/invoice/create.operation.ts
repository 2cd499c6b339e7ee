import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { parseCurrencyCode } from '../../helpers/currencies';
import { parsePositiveDecimal } from '../../helpers/decimal';
import { compact, optionalText, pageUrls, requireText } from '../../helpers/fields';
import { externalIdField, idempotencyKeyField, pageUrlFields } from '../common';
import { createInvoice, currencyField, invoiceDescriptionField } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 25.5',
		description: 'Amount to pay in the chosen crypto currency, as a decimal with a dot. Sent as text, so no digit is rounded away.',
	},
	currencyField,
	invoiceDescriptionField,
	externalIdField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [idempotencyKeyField, ...pageUrlFields],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoice'], operation: ['createSingle'] } },
	properties,
);

/** The payload without its idempotency key, validated before anything is sent. */
export function buildSinglePayload(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return compact({
		amount: parsePositiveDecimal(this.getNodeParameter('amount', itemIndex, ''), 'amount'),
		currency: parseCurrencyCode(this.getNodeParameter('currency', itemIndex, ''), 'currency'),
		description: requireText(this.getNodeParameter('description', itemIndex, ''), 'description', 'Description'),
		externalId: optionalText(this.getNodeParameter('externalId', itemIndex, '')),
		...pageUrls(extra),
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const payload = buildSinglePayload.call(this, itemIndex);
	return await createInvoice.call(this, itemIndex, 'invoice.createSingle', '/api/v1/invoice/single/create', payload);
}
