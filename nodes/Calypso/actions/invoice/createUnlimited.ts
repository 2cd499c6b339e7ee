import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { parseCurrencyCode } from '../../helpers/currencies';
import { compact, optionalText, pageUrls, requireText } from '../../helpers/fields';
import { externalIdField, idempotencyKeyField, pageUrlFields } from '../common';
import { createInvoice, currencyField, invoiceDescriptionField } from './common';

const properties: INodeProperties[] = [
	currencyField,
	invoiceDescriptionField,
	externalIdField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Fiat Available',
				name: 'fiatAvailable',
				type: 'boolean',
				default: false,
				description: 'Whether the invoice is also offered for payment in fiat money (Calypso "fiatAvailable"; depends on your account)',
			},
			idempotencyKeyField,
			...pageUrlFields,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoice'], operation: ['createUnlimited'] } },
	properties,
);

/** The payload without its idempotency key, validated before anything is sent. */
export function buildUnlimitedPayload(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return compact({
		currency: parseCurrencyCode(this.getNodeParameter('currency', itemIndex, ''), 'currency'),
		description: requireText(this.getNodeParameter('description', itemIndex, ''), 'description', 'Description'),
		externalId: optionalText(this.getNodeParameter('externalId', itemIndex, '')),
		...pageUrls(extra),
		fiatAvailable: typeof extra.fiatAvailable === 'boolean' ? extra.fiatAvailable : undefined,
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const payload = buildUnlimitedPayload.call(this, itemIndex);
	return await createInvoice.call(this, itemIndex, 'invoice.createUnlimited', '/api/v1/invoice/unlimited/create', payload);
}
