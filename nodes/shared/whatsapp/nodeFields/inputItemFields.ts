import { fromInputItemsOnly, inputFieldProperty, inputItemsNotice } from '../../inputItems';

/*
 * The field name parameters of the WhatsApp senders in "Input Data Mode: Take From Input Items".
 * Their defaults are the names the package itself uses: a payment request's output item has `to`
 * and `referenceId`, and `order` is WhatsApp's order object (docs/providers.md §2.3).
 */

export const toFieldProperty = inputFieldProperty({
	displayName: 'To Field',
	name: 'toField',
	default: 'to',
	holds: "the customer's WhatsApp number",
});

export const referenceIdFieldProperty = inputFieldProperty({
	displayName: 'Reference ID Field',
	name: 'referenceIdField',
	default: 'referenceId',
	holds: 'the reference ID of the order',
});

export const orderFieldProperty = inputFieldProperty({
	displayName: 'Order Field',
	name: 'orderField',
	default: 'order',
	holds: "the order: WhatsApp's order object with its items",
});

export const textFieldProperty = inputFieldProperty({
	displayName: 'Text Field',
	name: 'textField',
	default: 'text',
	holds: 'the text of the message',
});

const orderItemsNotice = inputItemsNotice(
	'Each input item gives the number, the reference ID and the order in the fields named below. The order is WhatsApp\'s: {"items": [{"retailer_id", "name", "amount", "quantity"}], and optionally "catalog_id", "tax", "shipping", "discount", "subtotal", "expiration"}. Amounts in rupees ("12.34") or paise ({"value": 1234, "offset": 100}).',
);

/** What a payment request reads from each input item in Take From Input Items mode. */
export const paymentRequestItemFields = fromInputItemsOnly([orderItemsNotice, toFieldProperty, referenceIdFieldProperty, orderFieldProperty]);
