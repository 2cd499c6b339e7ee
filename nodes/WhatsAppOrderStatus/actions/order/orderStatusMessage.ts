import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { InputRuleError } from '../../../shared/errors';
import { sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { assertTransitionAllowed, buildOrderStatus } from '../../../shared/whatsapp';
import type { OrderStatus, OrderStatusInput, PartiallyShippedSpelling } from '../../../shared/whatsapp';
import { providers } from '../../providers';

/** Fields of every order status message, whatever the new status. */
export const orderFields: INodeProperties[] = [
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ORDER-1001',
		description: 'The reference_id of the payment request (order_details message) this order was sent with',
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. An update on your order ORDER-1001',
		description: 'The message text, at most 1024 characters',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Optional, at most 60 characters',
	},
	{
		displayName: 'Current Status',
		name: 'currentStatus',
		type: 'options',
		options: [
			{ name: 'Canceled', value: 'canceled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Partially Shipped', value: 'partially_shipped' },
			{ name: 'Pending (Not Paid Yet)', value: 'pending' },
			{ name: 'Processing', value: 'processing' },
			{ name: 'Shipped', value: 'shipped' },
			{ name: 'Unknown (Do Not Check)', value: 'unknown' },
		],
		default: 'unknown',
		description:
			'The status the order has now, if you track it. A change WhatsApp would refuse (e.g. from Completed) is then stopped before anything is sent.',
	},
];

const NO_CURRENT_STATUS = 'unknown';

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** The shared transition rule, reported on the Current Status field of this item. */
function checkTransition(ctx: IExecuteFunctions, itemIndex: number, input: OrderStatusInput): void {
	if (input.currentStatus === undefined) return;
	try {
		assertTransitionAllowed(input.referenceId, input.currentStatus, input.status);
	} catch (error) {
		if (!(error instanceof InputRuleError)) throw toOperationError(ctx, error, itemIndex);
		throw new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: `Check field "currentStatus" of input item ${itemIndex}, or choose another new status. Nothing was sent.`,
		});
	}
}

function toOperationError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** What one operation decides: the new status and the description shown with it. */
export interface StatusChoice {
	status: OrderStatusInput['status'];
	description?: string;
	spelling?: PartiallyShippedSpelling;
}

/** Sends one `order_status` message per input item through the chosen provider. */
export async function sendOrderStatus(
	this: IExecuteFunctions,
	choose: (itemIndex: number) => StatusChoice,
): Promise<INodeExecutionData[]> {
	const providerName = this.getNodeParameter('provider', 0) as string;
	const provider = providers[providerName];
	if (!provider) throw new NodeOperationError(this.getNode(), `Unknown provider "${providerName}"`);

	const prepare = (itemIndex: number): PreparedMessage => {
		const choice = choose(itemIndex);
		const current = this.getNodeParameter('currentStatus', itemIndex, NO_CURRENT_STATUS) as string;
		const input: OrderStatusInput = {
			referenceId: text(this.getNodeParameter('referenceId', itemIndex)),
			status: choice.status,
			bodyText: text(this.getNodeParameter('bodyText', itemIndex)),
			footerText: text(this.getNodeParameter('footerText', itemIndex, '')) || undefined,
			description: choice.description,
			currentStatus: current === NO_CURRENT_STATUS ? undefined : (current as OrderStatus),
			partiallyShippedSpelling: choice.spelling,
		};
		checkTransition(this, itemIndex, input);
		const message = provider.toMessage(this, itemIndex, buildOrderStatus(input));
		const summary: IDataObject = {
			referenceId: input.referenceId,
			orderStatus: choice.status,
			to: provider.recipientOf(message),
		};
		return { message, summary };
	};
	return await sendOneMessagePerItem.call(this, prepare, provider.send, provider.displayName);
}
