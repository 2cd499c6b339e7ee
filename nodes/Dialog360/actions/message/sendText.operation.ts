import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/transport/timeout';
import { refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { readTextContent, textMessageFields } from '../../../shared/whatsapp/textMessage';
import { sendDialog360Messages, textMessage } from '../../transport';
import { readRecipient, toField } from '../recipient';

const properties: INodeProperties[] = [
	toField,
	...textMessageFields,
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
	const prepare = (itemIndex: number): PreparedMessage => {
		const to = readRecipient(this, itemIndex);
		return { message: textMessage(to, readTextContent(this, itemIndex)), summary: { to } };
	};
	return await sendOneMessagePerItem.call(this, prepare, sendDialog360Messages, '360dialog');
}
