import type { INodeProperties } from 'n8n-workflow';
import { fromField, messageOptionFields, toField } from '../messageFields';
import { orderProperties, paymentConfigurationField } from '../../../shared/whatsapp/nodeFields';

const fieldsMode = { show: { orderInput: ['fields'] } };

/** How Exotel routes the payment: its flat payment_type (providers.md §3.4). */
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

export const sendPaymentRequestProperties: INodeProperties[] = [
	fromField,
	toField,
	...orderProperties(paymentTypeFields),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: messageOptionFields,
	},
];
