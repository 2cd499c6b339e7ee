import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readRecipient, recipient as recipientFrom, toField } from '../../Dialog360/actions/recipient';
import { interactiveMessage, sendDialog360Messages } from '../../Dialog360/transport';
import type { InputFieldValue } from '../../shared/inputItems';
import type { OrderStatusProvider } from './types';

/** 360dialog's Cloud API: one POST /messages per order_status message (docs/providers.md §2.4). */
export const dialog360Provider: OrderStatusProvider = {
	displayName: '360dialog',
	properties: [toField],
	options: [],
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject, recipient?: InputFieldValue): IDataObject {
		const to = recipient ? recipientFrom(ctx, recipient.value, recipient.field, itemIndex) : readRecipient(ctx, itemIndex);
		return interactiveMessage(to, interactive);
	},
	recipientOf: (message) => (typeof message.to === 'string' ? message.to : null),
	send: sendDialog360Messages,
};
