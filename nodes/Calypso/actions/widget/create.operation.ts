import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { calypsoRequest } from '../../transport';
import { CRYPTO_CURRENCY_OPTIONS, parseCurrencyList } from '../../helpers/currencies';
import { compact, optionalText, requireText } from '../../../shared/text';
import { pageUrls } from '../../helpers/fields';
import { createOnce, resolveIdempotencyKey } from '../../helpers/idempotency';
import { calypsoTimeoutMs, findWidget } from '../../helpers/lookups';
import { linkHostOf, toWidgetOutput } from '../../helpers/widget';
import { createTimeoutOptions, externalIdField, idempotencyKeyField, pageUrlFields } from '../common';
import { definedBelow, fromInputItemsOnly, inputDataModeProperty, inputItemJson, inputItemsNotice, takesInputItems } from '../../../shared/inputItems';

const fieldProperties: INodeProperties[] = [
	{
		displayName: 'Crypto Currencies',
		name: 'cryptoCurrencies',
		type: 'multiOptions',
		options: CRYPTO_CURRENCY_OPTIONS,
		default: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
		description: 'Currencies the customer can choose to pay with, shown in this order. Each must be enabled for your Calypso account.',
	},
	{
		displayName: 'Other Currencies',
		name: 'otherCryptoCurrencies',
		type: 'string',
		default: '',
		placeholder: 'e.g. USDC, TRX',
		description: 'More currency codes exactly as Calypso names them, comma-separated; shown after the ones chosen above',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order 1042: 2 × Coffee beans',
		description: 'What the customer pays for, shown on the payment page',
	},
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

const properties: INodeProperties[] = [
	inputDataModeProperty('the widget'),
	...definedBelow(fieldProperties),
	...fromInputItemsOnly([
		inputItemsNotice(
			"Each input item gives the widget in Calypso's field names: description, cryptoCurrencies (a list, or codes separated by commas), and optionally externalId, idempotencyKey, returnUrl, supportUrl and logoUrl. Other fields of the item are not sent.",
		),
	]),
	createTimeoutOptions('widget'),
];

export const description = updateDisplayOptions({ show: { resource: ['widget'], operation: ['create'] } }, properties);

/** The create payload of one item without its idempotency key, validated before anything is sent. */
export function buildWidgetPayload(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return compact({
		cryptoCurrencies: parseCurrencyList(
			this.getNodeParameter('cryptoCurrencies', itemIndex, []),
			this.getNodeParameter('otherCryptoCurrencies', itemIndex, ''),
			'cryptoCurrencies',
		),
		description: requireText(this.getNodeParameter('description', itemIndex, ''), 'description', 'Description'),
		externalId: optionalText(this.getNodeParameter('externalId', itemIndex, '')),
		...pageUrls(extra),
	});
}

/** The create payload of one input item in Take From Input Items mode: its fields by Calypso's names. */
export function buildWidgetPayloadFromItem(json: IDataObject): IDataObject {
	return compact({
		cryptoCurrencies: parseCurrencyList(json.cryptoCurrencies, undefined, 'cryptoCurrencies'),
		description: requireText(json.description, 'description', 'Description'),
		externalId: optionalText(json.externalId),
		...pageUrls(json, ''),
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fromItem = takesInputItems(this);
	const json = inputItemJson(this, itemIndex);
	const payload = fromItem ? buildWidgetPayloadFromItem(json) : buildWidgetPayload.call(this, itemIndex);
	const extra = fromItem ? json : (this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
	const key = resolveIdempotencyKey(this, itemIndex, {
		provided: extra.idempotencyKey,
		field: fromItem ? 'idempotencyKey' : 'additionalFields.idempotencyKey',
		operation: 'widget.create',
		payload,
	});
	const timeoutMs = calypsoTimeoutMs(this, itemIndex);
	const host = await linkHostOf(this);
	const { result, alreadyExisted } = await createOnce(
		this,
		key,
		async () =>
			(await calypsoRequest.call(this, {
				path: '/api/v1/payment-widget/unlimited-linked/create',
				payload: { ...payload, idempotencyKey: key.key },
				itemIndex,
				idempotencyKey: key.key,
				timeoutMs,
				// Safe to send again: Calypso never makes a second object with one idempotency key.
				retry: 'read',
			})) as IDataObject,
		async () => await findWidget.call(this, key.key, itemIndex),
	);
	const output = toWidgetOutput(result, key.key, host);
	if (alreadyExisted) output.alreadyExisted = true;
	return output;
}
