import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/transport/timeout';
import { refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { readTextContent, textInputFields, textMessageProperties } from '../../../shared/whatsapp/textMessage';
import type { TextContent } from '../../../shared/whatsapp/textMessage';
import { inputDataModeProperty, inputField } from '../../../shared/inputItems';
import { sendWhatsAppMessages } from '../../transport';
import { fromField, messageOptionFields, phoneNumber, readMessageOptions, readPhoneNumber, toField } from '../messageFields';

const properties: INodeProperties[] = [
	inputDataModeProperty('the recipient and text'),
	fromField,
	...textMessageProperties(toField),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...messageOptionFields, timeoutOption({ provider: 'Exotel', sends: 'text message' })],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['sendText'] } }, properties);

/** The Exotel message carrying a text (docs/providers.md §3.9). */
function textMessage(from: string, to: string, text: TextContent, options: IDataObject): IDataObject {
	return { from, to, content: { type: 'text', text: { ...text } }, ...options };
}

/**
 * One text message per input item, all validated before any is sent, then sent in bulk as the
 * payment request is (100 per request, never resent).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, 'Exotel', 'text message');
	const fields = textInputFields(this);
	const prepare = (itemIndex: number): PreparedMessage => {
		const from = readPhoneNumber(this, 'from', itemIndex);
		const to = fields
			? phoneNumber(this, inputField(this, itemIndex, fields.to).value, { label: 'To', field: fields.to }, itemIndex)
			: readPhoneNumber(this, 'to', itemIndex);
		const text = readTextContent(this, itemIndex, fields && inputField(this, itemIndex, fields.text));
		const options = readMessageOptions(this, itemIndex);
		return { message: textMessage(from, to, text, options), summary: { to } };
	};
	return await sendOneMessagePerItem.call(this, prepare, sendWhatsAppMessages, 'Exotel');
}
