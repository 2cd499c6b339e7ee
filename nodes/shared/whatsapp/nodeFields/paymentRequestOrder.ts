import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { inputFieldNames, inputFieldValue, inputItemJson, takesInputItems } from '../../inputItems';
import type { PaymentSelection } from '../types';
import { orderFromInputItem } from './orderFromInputItem';
import { orderFromFields, orderFromJson, orderSettings } from './orderFromParameters';

/** The input item fields a payment request reads in Take From Input Items mode, by their parameters. */
export interface PaymentRequestFields {
	to: string;
	referenceId: string;
	order: string;
}

/** The field names when the node takes its orders from the input items (read once), else undefined. */
export function paymentRequestFields(ctx: IExecuteFunctions): PaymentRequestFields | undefined {
	if (!takesInputItems(ctx)) return undefined;
	return inputFieldNames(ctx, { to: 'toField', referenceId: 'referenceIdField', order: 'orderField' });
}

/**
 * The `order_details` interactive object of one input item, whichever way the node gets it: from
 * the item's fields (`fields` given), as JSON, or from the node's fields. `payment` reads the
 * provider's own payment fields.
 */
export function paymentRequestOrder(
	ctx: IExecuteFunctions,
	itemIndex: number,
	now: Date,
	payment: (itemIndex: number) => PaymentSelection,
	fields: PaymentRequestFields | undefined,
): IDataObject {
	if (fields) {
		const json = inputItemJson(ctx, itemIndex);
		const source = { referenceId: inputFieldValue(json, fields.referenceId), order: inputFieldValue(json, fields.order), fields };
		return orderFromInputItem(source, orderSettings(ctx, itemIndex, now), payment(itemIndex), now);
	}
	if (ctx.getNodeParameter('orderInput', itemIndex, 'fields') === 'json') return orderFromJson(ctx, itemIndex, now);
	return orderFromFields(ctx, itemIndex, now, payment(itemIndex));
}
