import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	fromField,
	interactiveMessage,
	messageOptionFields,
	readMessageOptions,
	readPhoneNumber,
	toField,
} from '../../Exotel/actions/messageFields';
import { sendWhatsAppMessages } from '../../Exotel/transport';
import type { OrderStatusProvider } from './types';

/** Exotel's v2 messages API: the same bulk endpoint as the payment request (docs/providers.md §3.5). */
export const exotelProvider: OrderStatusProvider = {
	displayName: 'Exotel',
	properties: [fromField, toField],
	options: messageOptionFields,
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject): IDataObject {
		const from = readPhoneNumber(ctx, 'from', itemIndex);
		const to = readPhoneNumber(ctx, 'to', itemIndex);
		return interactiveMessage(from, to, interactive, readMessageOptions(ctx, itemIndex));
	},
	recipientOf: (message) => (typeof message.to === 'string' ? message.to : null),
	send: sendWhatsAppMessages,
};
