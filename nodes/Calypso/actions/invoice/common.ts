import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { calypsoRequest } from '../../transport';
import { CRYPTO_CURRENCY_OPTIONS } from '../../helpers/currencies';
import { createOnce, resolveIdempotencyKey } from '../../helpers/idempotency';
import { findInvoice } from '../../helpers/lookups';

export const currencyField: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'options',
	options: CRYPTO_CURRENCY_OPTIONS,
	default: 'USDT_TRX',
	description: 'The crypto currency to be paid in. Other codes enabled for your account can be set with an expression.',
};

export const invoiceDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Order 1042',
	description: 'What the customer pays for, shown on the invoice',
};

/** Sends one invoice create with an idempotency key decided before sending; reads back a retry's invoice. */
export async function createInvoice(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	path: string,
	payload: IDataObject,
): Promise<IDataObject> {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const key = resolveIdempotencyKey(this, itemIndex, {
		provided: extra.idempotencyKey,
		field: 'additionalFields.idempotencyKey',
		operation,
		payload,
	});
	const { result, alreadyExisted } = await createOnce(
		this,
		key,
		async () =>
			(await calypsoRequest.call(this, {
				path,
				payload: { ...payload, idempotencyKey: key.key },
				itemIndex,
				idempotencyKey: key.key,
			})) as IDataObject,
		async () => await findInvoice.call(this, { idempotencyKey: key.key }, itemIndex),
	);
	const output: IDataObject = { ...result };
	if (typeof output.idempotencyKey !== 'string' || output.idempotencyKey === '') output.idempotencyKey = key.key;
	if (alreadyExisted) output.alreadyExisted = true;
	return output;
}
