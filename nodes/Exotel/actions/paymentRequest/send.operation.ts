import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PaymentSelection } from '../../../shared/whatsapp';
import { referenceIdOf, refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { orderFromFields, orderFromJson } from '../../../shared/whatsapp/nodeFields';
import { sendWhatsAppMessages } from '../../transport';
import { interactiveMessage, readMessageOptions, readPhoneNumber } from '../messageFields';
import { sendPaymentRequestProperties } from './send.description';

export const description = updateDisplayOptions(
	{ show: { operation: ['sendPaymentRequest'] } },
	sendPaymentRequestProperties,
);

/** Exotel's flat payment_type and payment_configuration, from the Payment Type fields. */
function exotelPayment(ctx: IExecuteFunctions, itemIndex: number): PaymentSelection {
	const choice = ctx.getNodeParameter('paymentType', itemIndex) as string;
	const paymentType = choice === 'custom' ? ctx.getNodeParameter('customPaymentType', itemIndex, '') : choice;
	return {
		style: 'payment_type',
		paymentType: String(paymentType ?? '').trim(),
		configurationName: String(ctx.getNodeParameter('paymentConfiguration', itemIndex, '') ?? '').trim(),
	};
}

/** One `order_details` message per input item, sent in bulk (providers.md §3.3, §3.4). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, 'Exotel');
	const now = new Date();
	const prepare = (itemIndex: number): PreparedMessage => {
		const from = readPhoneNumber(this, 'from', itemIndex);
		const to = readPhoneNumber(this, 'to', itemIndex);
		const mode = this.getNodeParameter('orderInput', itemIndex, 'fields') as string;
		const interactive =
			mode === 'json'
				? orderFromJson(this, itemIndex, now)
				: orderFromFields(this, itemIndex, now, exotelPayment(this, itemIndex));
		const options = readMessageOptions(this, itemIndex);
		return {
			message: interactiveMessage(from, to, interactive, options),
			summary: { referenceId: referenceIdOf(interactive), to },
		};
	};
	return await sendOneMessagePerItem.call(this, prepare, sendWhatsAppMessages, 'Exotel');
}
