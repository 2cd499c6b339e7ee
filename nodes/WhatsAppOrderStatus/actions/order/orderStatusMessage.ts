import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inputItem } from '../../../shared/errors';
import {
	definedBelow,
	fromInputItemsOnly,
	inputDataModeProperty,
	inputField,
	inputFieldNames,
	inputItemsNotice,
	namingInputFields,
	takesInputItems,
} from '../../../shared/inputItems';
import { referenceIdFieldProperty, toFieldProperty } from '../../../shared/whatsapp/nodeFields';
import { timeoutOption } from '../../../shared/transport/timeout';
import { optionalText, trimmedText } from '../../../shared/text';
import { refuseAutomaticRetry, sendOneMessagePerItem } from '../../../shared/whatsapp/messageBatch';
import type { PreparedMessage } from '../../../shared/whatsapp/messageBatch';
import { assertTransitionAllowed, buildOrderStatus } from '../../../shared/whatsapp';
import type { OrderStatus, OrderStatusInput, PartiallyShippedSpelling } from '../../../shared/whatsapp';
import { providerOptions, providers } from '../../providers';

/*
 * What both operations share: the order an `order_status` message is about, the Options every
 * such message has, and how the messages are prepared and sent.
 */

/** Whether the reference ID and recipient come from the fields below or from the input items. */
export const inputDataMode = inputDataModeProperty('the reference ID and recipient');

/** The input item fields read in Take From Input Items mode. */
export const inputItemFields: INodeProperties[] = fromInputItemsOnly([
	inputItemsNotice('Each input item gives the reference ID of its order and the number in the fields named below.'),
	referenceIdFieldProperty,
	toFieldProperty,
]);

const referenceIdProperty: INodeProperties = {
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ORDER-1001',
	description: 'The reference_id of the payment request (order_details message) this order was sent with',
};

/** The required fields of every order status message, whatever the new status. */
export const orderFields: INodeProperties[] = [
	...definedBelow([referenceIdProperty]),
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
];

const NO_CURRENT_STATUS = 'unknown';

/** Options of both operations; the operation adds its own. */
const commonOptions: INodeProperties[] = [
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
			{ name: 'Unknown (Do Not Check)', value: NO_CURRENT_STATUS },
		],
		default: NO_CURRENT_STATUS,
		description:
			'The status the order has now, if you track it. A change WhatsApp would refuse (e.g. from Completed) is then stopped before anything is sent.',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Shown under the message text, at most 60 characters',
	},
	timeoutOption({ provider: 'the provider', sends: 'message' }),
];

/** The operation's Options collection: its own entries, the common ones, and the provider's. */
export function optionsCollection(operationOptions: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...operationOptions, ...commonOptions, ...providerOptions()].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The shared transition rule, reported on the Current Status option of this item. */
function checkTransition(ctx: IExecuteFunctions, itemIndex: number, input: OrderStatusInput): void {
	if (input.currentStatus === undefined) return;
	try {
		assertTransitionAllowed(input.referenceId, input.currentStatus, input.status);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(ctx.getNode(), message, {
			itemIndex,
			description: `Check field "options.currentStatus" of ${inputItem(itemIndex)}, or choose another new status. Nothing was sent.`,
		});
	}
}

/** What one operation decides: the new status and the description shown with it. */
export interface StatusChoice {
	status: OrderStatusInput['status'];
	description?: string;
	spelling?: PartiallyShippedSpelling;
}

/**
 * Sends one `order_status` message per input item through the chosen provider, every item
 * checked before any is sent (see sendOneMessagePerItem).
 */
export async function sendOrderStatus(
	this: IExecuteFunctions,
	choose: (itemIndex: number) => StatusChoice,
): Promise<INodeExecutionData[]> {
	const providerName = this.getNodeParameter('provider', 0) as string;
	const provider = providers[providerName];
	if (!provider) throw new NodeOperationError(this.getNode(), `Unknown provider "${providerName}"`);
	refuseAutomaticRetry(this, provider.displayName, 'order status message');

	const fields = takesInputItems(this) ? inputFieldNames(this, { referenceId: 'referenceIdField', to: 'toField' }) : undefined;
	const prepare = (itemIndex: number): PreparedMessage => {
		const choice = choose(itemIndex);
		const current = trimmedText(this.getNodeParameter('options.currentStatus', itemIndex, NO_CURRENT_STATUS));
		const input: OrderStatusInput = {
			referenceId: trimmedText(
				fields ? inputField(this, itemIndex, fields.referenceId).value : this.getNodeParameter('referenceId', itemIndex),
			),
			status: choice.status,
			bodyText: trimmedText(this.getNodeParameter('bodyText', itemIndex)),
			footerText: optionalText(this.getNodeParameter('options.footerText', itemIndex, '')),
			description: choice.description,
			currentStatus: current === '' || current === NO_CURRENT_STATUS ? undefined : (current as OrderStatus),
			partiallyShippedSpelling: choice.spelling,
		};
		checkTransition(this, itemIndex, input);
		const interactive = fields
			? namingInputFields(() => buildOrderStatus(input), (field) => (field === 'reference_id' ? fields.referenceId : field))
			: buildOrderStatus(input);
		const message = provider.toMessage(this, itemIndex, interactive, fields && inputField(this, itemIndex, fields.to));
		const summary: IDataObject = {
			referenceId: input.referenceId,
			orderStatus: choice.status,
			to: provider.recipientOf(message),
		};
		return { message, summary };
	};
	return await sendOneMessagePerItem.call(this, prepare, provider.send, provider.displayName);
}
