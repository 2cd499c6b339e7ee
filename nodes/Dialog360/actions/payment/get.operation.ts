import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { trimmedText } from '../../../shared/text';
import { lookupPathField } from '../../helpers/lookupPath';
import { requestTimeoutMs, timeoutOption } from '../../../shared/transport/timeout';
import { lookupPayment } from '../../transport';

/** The two values that name a payment to 360dialog's lookup (also Check Payment's, see shared/payment/targetFields.ts). */
export const paymentConfigurationProperty: INodeProperties = {
	displayName: 'Payment Configuration',
	name: 'paymentConfiguration',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. my-razorpay-config',
	description: 'The payment configuration the payment request was sent with',
};

export const referenceIdProperty: INodeProperties = {
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ORDER-1001',
	description: 'The reference_id of the payment request (case-sensitive)',
};

const properties: INodeProperties[] = [
	paymentConfigurationProperty,
	referenceIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [lookupPathField, timeoutOption({ provider: '360dialog' })],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

/**
 * Asks 360dialog for the payment of the item's order (docs/providers.md §2.6). A read: safe to repeat,
 * so n8n's Retry On Fail may be used here.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const lookup = await lookupPayment.call(
		this,
		{
			paymentConfiguration: trimmedText(this.getNodeParameter('paymentConfiguration', itemIndex, '')),
			referenceId: trimmedText(this.getNodeParameter('referenceId', itemIndex, '')),
			lookupPath: options.lookupPath as string | undefined,
		},
		itemIndex,
		{ timeoutMs: requestTimeoutMs(this, itemIndex), retry: 'read' },
	);
	return {
		referenceId: lookup.referenceId,
		paymentConfiguration: lookup.paymentConfiguration,
		status: lookup.status,
		normalizedStatus: lookup.normalizedStatus,
		amount: lookup.amount,
		transactions: lookup.transactions,
		payment: lookup.raw,
	};
}
