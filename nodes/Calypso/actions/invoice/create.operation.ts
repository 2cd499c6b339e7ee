import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { InputRuleError } from '../../../shared/errors';
import { compact, optionalText, requireText } from '../../../shared/text';
import { calypsoRequest } from '../../transport';
import { CRYPTO_CURRENCY_OPTIONS, parseCurrencyCode } from '../../helpers/currencies';
import { parsePositiveDecimal } from '../../helpers/decimal';
import { pageUrls } from '../../helpers/fields';
import { createOnce, resolveIdempotencyKey } from '../../helpers/idempotency';
import { calypsoTimeoutMs, findInvoice } from '../../helpers/lookups';
import { createTimeoutOptions, externalIdField, idempotencyKeyField, pageUrlFields } from '../common';
import { definedBelow, fromInputItemsOnly, inputDataModeProperty, inputItemJson, inputItemsNotice, takesInputItems } from '../../../shared/inputItems';

type InvoiceType = 'single' | 'unlimited';

/** Calypso has one create endpoint per invoice type. */
const CREATE_PATHS: Record<InvoiceType, string> = {
	single: '/api/v1/invoice/single/create',
	unlimited: '/api/v1/invoice/unlimited/create',
};

const invoiceTypeProperty: INodeProperties = {
	displayName: 'Invoice Type',
	name: 'invoiceType',
	type: 'options',
	options: [
		{
			name: 'Single: Fixed Amount',
			value: 'single',
			description: 'An invoice for one fixed amount, valid for at most one day',
		},
		{
			name: 'Unlimited',
			value: 'unlimited',
			description: 'An invoice that accepts any amount, any number of times',
		},
	],
	default: 'single',
};

const fieldProperties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 25.5',
		hint: 'In the crypto currency below, not in fiat money; a dot for decimals',
		description: 'Amount to pay in the chosen crypto currency, as a decimal with a dot. Sent as text, so no digit is rounded away.',
		displayOptions: { show: { invoiceType: ['single'] } },
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: CRYPTO_CURRENCY_OPTIONS,
		default: 'USDT_TRX',
		description: 'The crypto currency to be paid in. Other codes enabled for your account can be set with an expression.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order 1042',
		description: 'What the customer pays for, shown on the invoice',
	},
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
				description:
					'Whether the invoice is also offered for payment in fiat money (Calypso "fiatAvailable"; depends on your account)',
				displayOptions: { show: { '/invoiceType': ['unlimited'] } },
			},
			idempotencyKeyField,
			...pageUrlFields,
		],
	},
];

const properties: INodeProperties[] = [
	invoiceTypeProperty,
	inputDataModeProperty('the invoice'),
	...definedBelow(fieldProperties),
	...fromInputItemsOnly([
		inputItemsNotice(
			"Each input item gives the invoice in Calypso's field names: amount (Single: Fixed Amount only, in the crypto currency), currency, description, and optionally externalId, idempotencyKey, returnUrl, supportUrl, logoUrl and fiatAvailable (Unlimited only). Other fields of the item are not sent.",
		),
	]),
	createTimeoutOptions('invoice'),
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['create'] } }, properties);

/** The create payload of one item without its idempotency key, validated before anything is sent. */
export function buildInvoicePayload(this: IExecuteFunctions, itemIndex: number, type: InvoiceType): IDataObject {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return compact({
		amount: type === 'single' ? parsePositiveDecimal(this.getNodeParameter('amount', itemIndex, ''), 'amount') : undefined,
		currency: parseCurrencyCode(this.getNodeParameter('currency', itemIndex, ''), 'currency'),
		description: requireText(this.getNodeParameter('description', itemIndex, ''), 'description', 'Description'),
		externalId: optionalText(this.getNodeParameter('externalId', itemIndex, '')),
		...pageUrls(extra),
		fiatAvailable: type === 'unlimited' && typeof extra.fiatAvailable === 'boolean' ? extra.fiatAvailable : undefined,
	});
}

/** The create payload of one input item in Take From Input Items mode: its fields by Calypso's names. */
export function buildInvoicePayloadFromItem(json: IDataObject, type: InvoiceType): IDataObject {
	if (type === 'unlimited' && json.fiatAvailable !== undefined && json.fiatAvailable !== null && typeof json.fiatAvailable !== 'boolean') {
		throw new InputRuleError(`fiatAvailable must be true or false, got ${JSON.stringify(json.fiatAvailable)}`, 'fiatAvailable');
	}
	return compact({
		amount: type === 'single' ? parsePositiveDecimal(json.amount, 'amount') : undefined,
		currency: parseCurrencyCode(json.currency, 'currency'),
		description: requireText(json.description, 'description', 'Description'),
		externalId: optionalText(json.externalId),
		...pageUrls(json, ''),
		fiatAvailable: type === 'unlimited' && typeof json.fiatAvailable === 'boolean' ? json.fiatAvailable : undefined,
	});
}

/**
 * Sends one invoice create with an idempotency key decided before sending; on n8n's retry of an
 * item whose earlier try may have created the invoice, reads that invoice back instead.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type: InvoiceType = this.getNodeParameter('invoiceType', itemIndex, 'single') === 'unlimited' ? 'unlimited' : 'single';
	const fromItem = takesInputItems(this);
	const json = inputItemJson(this, itemIndex);
	const payload = fromItem ? buildInvoicePayloadFromItem(json, type) : buildInvoicePayload.call(this, itemIndex, type);
	const extra = fromItem ? json : (this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
	const key = resolveIdempotencyKey(this, itemIndex, {
		provided: extra.idempotencyKey,
		field: fromItem ? 'idempotencyKey' : 'additionalFields.idempotencyKey',
		operation: `invoice.create.${type}`,
		payload,
	});
	const timeoutMs = calypsoTimeoutMs(this, itemIndex);
	const { result, alreadyExisted } = await createOnce(
		this,
		key,
		async () =>
			(await calypsoRequest.call(this, {
				path: CREATE_PATHS[type],
				payload: { ...payload, idempotencyKey: key.key },
				itemIndex,
				idempotencyKey: key.key,
				timeoutMs,
				// Safe to send again: Calypso never makes a second object with one idempotency key.
				retry: 'read',
			})) as IDataObject,
		async () => await findInvoice.call(this, { idempotencyKey: key.key }, itemIndex),
	);
	const output: IDataObject = { ...result };
	if (typeof output.idempotencyKey !== 'string' || output.idempotencyKey === '') output.idempotencyKey = key.key;
	if (alreadyExisted) output.alreadyExisted = true;
	return output;
}
