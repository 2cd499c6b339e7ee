import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/transport/timeout';
import { refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { readTextContent, textMessageFields } from '../../../shared/whatsapp/textMessage';
import { textFieldProperty, toFieldProperty } from '../../../shared/whatsapp/nodeFields';
import {
	definedBelow,
	fromInputItemsOnly,
	inputDataModeProperty,
	inputField,
	inputFieldNames,
	inputItemsNotice,
	takesInputItems,
} from '../../../shared/inputItems';
import { sendDialog360Messages, textMessage } from '../../transport';
import { readRecipient, recipient, toField } from '../recipient';

const properties: INodeProperties[] = [
	inputDataModeProperty('the recipient and text'),
	...definedBelow([toField, textMessageFields[0]]),
	...fromInputItemsOnly([
		inputItemsNotice('Each input item gives the number and the text in the fields named below.'),
		toFieldProperty,
		textFieldProperty,
	]),
	...textMessageFields.slice(1),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [timeoutOption({ provider: '360dialog', sends: 'text message' })],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['sendText'] } }, properties);

/**
 * One Cloud API text message per input item (docs/providers.md §2.10), each its own POST
 * /messages as the payment request's: every item is validated before the first is sent, none is
 * resent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, '360dialog', 'text message');
	const fields = takesInputItems(this) ? inputFieldNames(this, { to: 'toField', text: 'textField' }) : undefined;
	const prepare = (itemIndex: number): PreparedMessage => {
		const to = fields ? recipient(this, inputField(this, itemIndex, fields.to).value, fields.to, itemIndex) : readRecipient(this, itemIndex);
		const text = readTextContent(this, itemIndex, fields && inputField(this, itemIndex, fields.text));
		return { message: textMessage(to, text), summary: { to } };
	};
	return await sendOneMessagePerItem.call(this, prepare, sendDialog360Messages, '360dialog');
}
