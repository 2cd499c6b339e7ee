import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/transport/timeout';
import { refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { readTextContent, textInputFields, textMessageProperties } from '../../../shared/whatsapp/textMessage';
import { inputDataModeProperty, inputField } from '../../../shared/inputItems';
import { sendDialog360Messages, textMessage } from '../../transport';
import { readRecipient, recipient, toField } from '../recipient';

const properties: INodeProperties[] = [
	inputDataModeProperty('the recipient and text'),
	...textMessageProperties(toField),
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
	const fields = textInputFields(this);
	const prepare = (itemIndex: number): PreparedMessage => {
		const to = fields ? recipient(this, inputField(this, itemIndex, fields.to).value, fields.to, itemIndex) : readRecipient(this, itemIndex);
		const text = readTextContent(this, itemIndex, fields && inputField(this, itemIndex, fields.text));
		return { message: textMessage(to, text), summary: { to } };
	};
	return await sendOneMessagePerItem.call(this, prepare, sendDialog360Messages, '360dialog');
}
