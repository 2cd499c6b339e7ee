import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	fromField,
	interactiveMessage,
	messageOptionFields,
	phoneNumber,
	readMessageOptions,
	readPhoneNumber,
	toField,
} from '../../Exotel/actions/messageFields';
import { sendWhatsAppMessages } from '../../Exotel/transport';
import type { InputFieldValue } from '../../shared/inputItems';
import type { OrderStatusProvider } from './types';

/** Exotel's v2 messages API: the same bulk endpoint as the payment request (docs/providers.md §3.5). */
export const exotelProvider: OrderStatusProvider = {
	displayName: 'Exotel',
	properties: [fromField, toField],
	options: messageOptionFields,
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject, recipient?: InputFieldValue): IDataObject {
		const from = readPhoneNumber(ctx, 'from', itemIndex);
		const to = recipient
			? phoneNumber(ctx, recipient.value, { label: 'To', field: recipient.field }, itemIndex)
			: readPhoneNumber(ctx, 'to', itemIndex);
		return interactiveMessage(from, to, interactive, readMessageOptions(ctx, itemIndex));
	},
	recipientOf: (message) => (typeof message.to === 'string' ? message.to : null),
	send: sendWhatsAppMessages,
};
