import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PaymentSelection } from '../../../shared/whatsapp';
import { referenceIdOf, refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import {
	orderProperties,
	paymentRequestFields,
	paymentRequestOrder,
	paymentConfigurationField,
	paymentRequestItemFields,
} from '../../../shared/whatsapp/nodeFields';
import { definedBelow, inputDataModeProperty, inputField } from '../../../shared/inputItems';
import { timeoutOption } from '../../../shared/transport/timeout';
import { sendWhatsAppMessages } from '../../transport';
import {
	fromField,
	interactiveMessage,
	messageOptionFields,
	phoneNumber,
	readMessageOptions,
	readPhoneNumber,
	toField,
} from '../messageFields';

const fieldsMode = { show: { orderInput: ['fields'] } };

/** How Exotel routes the payment: its flat payment_type (docs/providers.md §3.4). */
const paymentTypeFields: INodeProperties[] = [
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom' },
			{ name: 'PayU (Payment Gateway)', value: 'payment_gateway:payu' },
			{ name: 'Razorpay (Payment Gateway)', value: 'payment_gateway:razorpay' },
			{ name: 'UPI Intent', value: 'upi', description: 'Exotel sends no payment callbacks in this mode' },
		],
		default: 'payment_gateway:razorpay',
		displayOptions: fieldsMode,
		description: 'How the customer pays: through the payment gateway linked to your WhatsApp Business Account, or UPI intent',
	},
	{
		displayName: 'Custom Payment Type',
		name: 'customPaymentType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. payment_gateway:billdesk',
		description: 'The payment_type value exactly as Exotel expects it',
		displayOptions: { show: { orderInput: ['fields'], paymentType: ['custom'] } },
	},
	paymentConfigurationField,
];

const properties: INodeProperties[] = [
	inputDataModeProperty('the recipient, reference ID and order'),
	fromField,
	...definedBelow([toField]),
	...paymentRequestItemFields,
	...orderProperties(paymentTypeFields),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...messageOptionFields, timeoutOption({ provider: 'Exotel', sends: 'payment request' })],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['send'] } }, properties);

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

/**
 * One `order_details` message per input item, all validated before any is sent, then sent in
 * bulk (docs/providers.md §3.3, §3.4).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	refuseAutomaticRetry(this, 'Exotel');
	const now = new Date();
	const fields = paymentRequestFields(this);
	const prepare = (itemIndex: number): PreparedMessage => {
		const from = readPhoneNumber(this, 'from', itemIndex);
		const to = fields
			? phoneNumber(this, inputField(this, itemIndex, fields.to).value, { label: 'To', field: fields.to }, itemIndex)
			: readPhoneNumber(this, 'to', itemIndex);
		const interactive = paymentRequestOrder(this, itemIndex, now, (index) => exotelPayment(this, index), fields);
		const options = readMessageOptions(this, itemIndex);
		return {
			message: interactiveMessage(from, to, interactive, options),
			summary: { referenceId: referenceIdOf(interactive), to },
		};
	};
	return await sendOneMessagePerItem.call(this, prepare, sendWhatsAppMessages, 'Exotel');
}
