import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { sendWhatsAppMessages } from '../../transport';
import { sendOneMessagePerItem } from '../messageBatch';
import type { PreparedMessage } from '../messageBatch';
import { interactiveMessage, readMessageOptions, readPhoneNumber } from '../messageFields';
import { orderFromFields, orderFromJson } from './orderFromParameters';
import { sendPaymentRequestProperties } from './send.description';

export const description = updateDisplayOptions(
	{ show: { operation: ['sendPaymentRequest'] } },
	sendPaymentRequestProperties,
);

function referenceOf(interactive: IDataObject): string | null {
	const parameters = (interactive.action as IDataObject | undefined)?.parameters as IDataObject | undefined;
	return typeof parameters?.reference_id === 'string' ? parameters.reference_id : null;
}

/**
 * n8n's "Retry On Fail" would run the node again after a time-out or a 5xx and send the same
 * payment requests a second time; refuse it before anything is sent.
 */
function refuseAutomaticRetry(ctx: IExecuteFunctions): void {
	if (ctx.getNode().retryOnFail === true) {
		throw new NodeOperationError(ctx.getNode(), 'Turn off "Retry On Fail" for this node', {
			description:
				'A retry after a time-out or an Exotel 5xx could send the same payment request to the customer twice. ' +
				'Nothing was sent. Turn the setting off; on a failure, check the message status and resend with a new reference_id.',
		});
	}
}

/** One `order_details` message per input item, sent in bulk (providers.md §3.3, §3.4). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this);
	const now = new Date();
	const prepare = (itemIndex: number): PreparedMessage => {
		const from = readPhoneNumber(this, 'from', itemIndex);
		const to = readPhoneNumber(this, 'to', itemIndex);
		const mode = this.getNodeParameter('orderInput', itemIndex, 'fields') as string;
		const interactive =
			mode === 'json' ? orderFromJson(this, itemIndex, now) : orderFromFields(this, itemIndex, now);
		const options = readMessageOptions(this, itemIndex);
		return {
			message: interactiveMessage(from, to, interactive, options),
			summary: { referenceId: referenceOf(interactive), to },
		};
	};
	return await sendOneMessagePerItem.call(this, prepare, sendWhatsAppMessages);
}
