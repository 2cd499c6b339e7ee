import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { referenceIdOf, refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { orderFromFields, orderFromJson, orderProperties } from '../../../shared/whatsapp/nodeFields';
import { interactiveMessage, sendDialog360Messages } from '../../transport';
import { readRecipient, toField } from '../recipient';
import { dialog360Payment, gatewayFields, gatewayOptions } from './gatewayFields';

const properties: INodeProperties[] = [toField, ...orderProperties(gatewayFields), gatewayOptions];

export const description = updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['send'] } }, properties);

/**
 * One `order_details` message per input item in the Cloud API shape (docs/providers.md §2.3), each
 * its own POST /messages: every item is validated before the first is sent, none is resent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, '360dialog');
	const now = new Date();
	const prepare = (itemIndex: number): PreparedMessage => {
		const to = readRecipient(this, itemIndex);
		const mode = this.getNodeParameter('orderInput', itemIndex, 'fields') as string;
		const interactive =
			mode === 'json'
				? orderFromJson(this, itemIndex, now)
				: orderFromFields(this, itemIndex, now, dialog360Payment(this, itemIndex));
		return {
			message: interactiveMessage(to, interactive),
			summary: { referenceId: referenceIdOf(interactive), to },
		};
	};
	return await sendOneMessagePerItem.call(this, prepare, sendDialog360Messages, '360dialog');
}
