import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SendMessages } from '../../shared/whatsapp/messageBatch';

/**
 * What the node needs from a WhatsApp provider. A second provider (360dialog) is a new file
 * beside exotel.ts with its credential, registered in index.ts; the order rules stay shared.
 */
export interface OrderStatusProvider {
	/** The provider's name as the user reads it in errors ("360dialog accepted 2 other messages"). */
	displayName: string;
	/** The credential type the provider's requests are authorized with. */
	credential: string;
	/** Provider-only parameters (e.g. Exotel's sender number); shown when this provider is chosen. */
	properties: INodeProperties[];
	/** Wraps the `order_status` interactive object into the provider's message for one input item. */
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject): IDataObject;
	/** The recipient as the output item reports it. */
	recipientOf(message: IDataObject): string | null;
	/** Sends the messages, as few requests as the provider allows, never retrying. */
	send: SendMessages;
}
