import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { receivePaymentWebhook } from '../shared/webhook';
import type { PaymentEvent } from '../shared/webhook';
import { isFromAllowedAddress, parseAddressList } from './trigger/allowedAddresses';
import { readCallbackItems } from './trigger/callbackBody';
import { callbackToEvent } from './trigger/callbackEvents';

/*
 * Where the secret is. Exotel signs nothing and has no API to register callback URLs, so the
 * callback URL itself must be unguessable, and the user must be able to copy it from the editor
 * as it is. A token made in create() would live in static data, which neither the editor nor
 * expressions can show: the user could only learn it from an output item or a log, both of which
 * must never carry secrets. The URL the editor shows already holds a secret of this trigger's
 * own: its webhookId, a random UUID v4 (122 bits) that n8n draws when the node is added. So the
 * path `/webhook/<webhookId>/webhook` is the secret, and any other path gets n8n's 404 before
 * this node runs (no execution). create() refuses a trigger without a webhookId, whose URL would
 * be made of the workflow ID and node name instead. The optional address allow-list answers 401.
 */
export class ExotelPaymentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exotel Payment Trigger',
		name: 'exotelPaymentTrigger',
		icon: { light: 'file:exotel.svg', dark: 'file:exotel.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).map((e) => ({ paymentSucceeded: "Payment Succeeded", paymentOther: "Other Payment Events", messageStatus: "Message Status", messageFailed: "Message Failed" })[e] || e).join(", ") }}',
		description: "Starts the workflow on Exotel's WhatsApp payment and message status callbacks",
		defaults: { name: 'Exotel Payment Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Give Exotel the Production URL above: as the Status Callback URL of each message (option of the Exotel WhatsApp Payment node), or ask Exotel to make it your account\'s default callback URL. The URL is this trigger\'s secret: anyone who knows it can post fake callbacks. Treat a payment callback as a signal and confirm the payment with your gateway before you ship.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Message Failed',
						value: 'messageFailed',
						description: 'The message could not be sent or delivered, or WhatsApp refused an order status change',
					},
					{
						name: 'Message Sent, Delivered or Read',
						value: 'messageStatus',
						description: 'Delivery updates of the payment request and order status messages',
					},
					{
						name: 'Other Payment Events',
						value: 'paymentOther',
						description: 'Any payment status other than success (pending, failed, unknown codes)',
					},
					{
						name: 'Payment Succeeded',
						value: 'paymentSucceeded',
						description: 'Exotel reports EX_PAYMENT_SUCCESS (30050)',
					},
				],
				default: ['paymentSucceeded', 'paymentOther'],
				required: true,
			},
			{
				displayName: 'Ignore Redeliveries',
				name: 'ignoreRedeliveries',
				type: 'boolean',
				default: true,
				description:
					'Whether to drop a callback this n8n process already turned into an execution (same message, status and transaction). Exotel resends callbacks that were not answered in time.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed IP Addresses',
						name: 'allowedIps',
						type: 'string',
						default: '',
						placeholder: 'e.g. 203.0.113.10, 203.0.113.11',
						description:
							"Comma-separated addresses Exotel calls from; other callers get 401. Behind a proxy, set n8n's N8N_PROXY_HOPS so the caller's address is seen.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/** Nothing is registered at Exotel; static data remembers the URL this trigger was set up with. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData.callbackUrl !== undefined && staticData.callbackUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!this.getNode().webhookId) {
					throw new NodeOperationError(this.getNode(), 'This trigger has no webhook ID, so its URL would be guessable', {
						description: 'Delete the node and add it again in the editor, then give Exotel the new Production URL.',
					});
				}
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.callbackUrl !== undefined) {
					this.logger.info(
						`The callback URL of "${this.getNode().name}" changed: give Exotel the new Production URL`,
					);
				}
				staticData.callbackUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').callbackUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const events = this.getNodeParameter('events', []) as string[];
		const ignoreRedeliveries = this.getNodeParameter('ignoreRedeliveries', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const allowed = parseAddressList(options.allowedIps);
		return await receivePaymentWebhook(this, {
			authenticate: () => isFromAllowedAddress(this, allowed),
			toEvents: async () =>
				(await readCallbackItems(this))
					.map(callbackToEvent)
					.filter(
						(event): event is PaymentEvent =>
							event !== undefined && events.includes(String(event.details.category)),
					),
			ignoreRedeliveries,
		});
	}
}
