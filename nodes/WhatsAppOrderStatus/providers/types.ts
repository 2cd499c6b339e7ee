import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputFieldValue } from '../../shared/inputItems';
import type { SendMessages } from '../../shared/whatsapp/messageBatch';

/**
 * What the node needs from a WhatsApp provider. Another provider is a new file beside
 * exotel.ts, registered in index.ts with its credential; the order rules stay shared.
 */
export interface OrderStatusProvider {
	/** The provider's name as the user reads it in errors ("360dialog accepted 2 other messages"). */
	displayName: string;
	/** Provider-only parameters (e.g. Exotel's sender number); shown when this provider is chosen. */
	properties: INodeProperties[];
	/** Provider-only entries of the Options collection, named as on the provider's own node. */
	options: INodeProperties[];
	/**
	 * Wraps the `order_status` interactive object into the provider's message for one input item.
	 * `recipient` is the input item field holding the number, when the node takes it from there.
	 */
	toMessage(ctx: IExecuteFunctions, itemIndex: number, interactive: IDataObject, recipient?: InputFieldValue): IDataObject;
	/** The recipient as the output item reports it. */
	recipientOf(message: IDataObject): string | null;
	/** Sends the messages, as few requests as the provider allows, never retrying. */
	send: SendMessages;
}
