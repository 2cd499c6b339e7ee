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

/** Exotel's v2 messages API: the same bulk endpoint as the payment request (providers.md §3.5). */
export const exotelProvider: OrderStatusProvider = {
	displayName: 'Exotel',
	credential: 'exotelApi',
	properties: [
		fromField,
		toField,
		{
			displayName: 'Exotel Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: messageOptionFields,
		},
	],
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject): IDataObject {
		const from = readPhoneNumber(ctx, 'from', itemIndex);
		const to = readPhoneNumber(ctx, 'to', itemIndex);
		return interactiveMessage(from, to, interactive, readMessageOptions(ctx, itemIndex));
	},
	recipientOf: (message) => (typeof message.to === 'string' ? message.to : null),
	send: sendWhatsAppMessages,
};
