import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputRuleError } from '../../../shared/errors';
import { trimmedText } from '../../../shared/text';
import { timeoutOption } from '../../../shared/transport/timeout';
import { PAYMENT_GATEWAYS } from '../../../shared/whatsapp';
import type { PaymentSelection } from '../../../shared/whatsapp';
import { paymentConfigurationField } from '../../../shared/whatsapp/nodeFields';

/*
 * How a 360dialog order is paid: the Cloud API's payment_settings with one payment gateway and
 * its configuration (docs/providers.md §2.3), plus Razorpay's optional receipt and notes (Options).
 */

type Gateway = (typeof PAYMENT_GATEWAYS)[number];

export const gatewayFields: INodeProperties[] = [
	{
		displayName: 'Payment Gateway',
		name: 'paymentGateway',
		type: 'options',
		options: [
			{ name: 'BillDesk', value: 'billdesk' },
			{ name: 'PayU', value: 'payu' },
			{ name: 'Razorpay', value: 'razorpay' },
			{ name: 'Zaakpay', value: 'zaakpay' },
		],
		default: 'razorpay',
		displayOptions: { show: { orderInput: ['fields'] } },
		description: 'The payment gateway of the payment configuration below',
	},
	paymentConfigurationField,
];

/** Razorpay's entries of the Options, shown when the payment gateway is chosen (not in JSON mode) and is Razorpay. */
const razorpayOnly = { show: { '/paymentGateway': ['razorpay'] } };

/** The send's Options: Razorpay's receipt and notes, and the time limit. */
export const gatewayOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Razorpay Notes',
			name: 'razorpayNotes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Note',
			description: 'Key-value notes passed to Razorpay with the payment',
			displayOptions: razorpayOnly,
			options: [
				{
					displayName: 'Note',
					name: 'note',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Razorpay Receipt',
			name: 'razorpayReceipt',
			type: 'string',
			default: '',
			placeholder: 'e.g. receipt-1001',
			description: 'Receipt number passed to Razorpay with the payment',
			displayOptions: razorpayOnly,
		},
		timeoutOption({ provider: '360dialog', sends: 'payment request' }),
	],
};

function readNotes(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> | undefined {
	const rows = ctx.getNodeParameter('options.razorpayNotes.note', itemIndex, []) as IDataObject[];
	if (!Array.isArray(rows) || rows.length === 0) return undefined;
	const notes: Record<string, string> = {};
	rows.forEach((row, index) => {
		const field = `options.razorpayNotes.note[${index}].key`;
		const key = trimmedText(row.key);
		if (key === '') throw new InputRuleError('A Razorpay note has no key', field);
		if (key in notes) throw new InputRuleError(`Razorpay note key "${key}" is given twice`, field);
		notes[key] = row.value === undefined || row.value === null ? '' : String(row.value);
	});
	return notes;
}

/** The payment_settings choice of one input item. */
export function dialog360Payment(ctx: IExecuteFunctions, itemIndex: number): PaymentSelection {
	const gateway = ctx.getNodeParameter('paymentGateway', itemIndex, 'razorpay') as Gateway;
	if (!(PAYMENT_GATEWAYS as readonly string[]).includes(gateway)) {
		throw new InputRuleError(`"Payment Gateway" must be one of ${PAYMENT_GATEWAYS.join(', ')}, got "${String(gateway)}"`, 'paymentGateway');
	}
	const selection: PaymentSelection = {
		style: 'payment_settings',
		gateway,
		configurationName: trimmedText(ctx.getNodeParameter('paymentConfiguration', itemIndex, '')),
	};
	if (gateway === 'razorpay') {
		const receipt = trimmedText(ctx.getNodeParameter('options.razorpayReceipt', itemIndex, ''));
		const notes = readNotes(ctx, itemIndex);
		if (receipt !== '' || notes) selection.razorpay = { receipt: receipt || undefined, notes };
	}
	return selection;
}
