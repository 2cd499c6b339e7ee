import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { referenceIdOf, refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import {
	orderProperties,
	paymentRequestFields,
	paymentRequestOrder,
	paymentRequestItemFields,
} from '../../../shared/whatsapp/nodeFields';
import { definedBelow, inputDataModeProperty, inputField } from '../../../shared/inputItems';
import { interactiveMessage, sendDialog360Messages } from '../../transport';
import { readRecipient, recipient, toField } from '../recipient';
import { dialog360Payment, gatewayFields, gatewayOptions } from './gatewayFields';

const properties: INodeProperties[] = [
	inputDataModeProperty('the recipient, reference ID and order'),
	...definedBelow([toField]),
	...paymentRequestItemFields,
	...orderProperties(gatewayFields),
	gatewayOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['send'] } }, properties);

/**
 * One `order_details` message per input item in the Cloud API shape (docs/providers.md §2.3), each
 * its own POST /messages: every item is validated before the first is sent, none is resent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, '360dialog');
	const now = new Date();
	const fields = paymentRequestFields(this);
	const prepare = (itemIndex: number): PreparedMessage => {
		const to = fields
			? recipient(this, inputField(this, itemIndex, fields.to).value, fields.to, itemIndex)
			: readRecipient(this, itemIndex);
		const interactive = paymentRequestOrder(this, itemIndex, now, (index) => dialog360Payment(this, index), fields);
		return {
			message: interactiveMessage(to, interactive),
			summary: { referenceId: referenceIdOf(interactive), to },
		};
	};
	return await sendOneMessagePerItem.call(this, prepare, sendDialog360Messages, '360dialog');
}
