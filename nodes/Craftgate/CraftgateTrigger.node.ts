import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { chosenOptionsSubtitle } from '../shared/subtitle';
import {
	ignoreRedeliveriesOption,
	ignoresRedeliveries,
	receivePaymentWebhook,
	setupNotice,
	triggerOptions,
	triggerOptionsCollection,
	unregisteredWebhookMethods,
} from '../shared/webhook';
import { DEFAULT_EVENT_TYPES, eventTypeOptions } from './trigger/eventTypes';
import { toPaymentEvents } from './trigger/toPaymentEvent';
import { DEFAULT_MAX_EVENT_AGE_MINUTES, isAuthenticDelivery, readSignedFields } from './trigger/verify';

export class CraftgateTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Craftgate Trigger',
		name: 'craftgateTrigger',
		icon: { light: 'file:../../icons/craftgate.svg', dark: 'file:../../icons/craftgate.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n 2.41 evaluates an expression (in an isolate, tens of ms of CPU) for every delivery
		// to a version-1 webhook node (webhook-helpers.js parseRequestBody); nothing else differs.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: chosenOptionsSubtitle('events', eventTypeOptions),
		description: 'Starts the workflow when Craftgate reports a payment (merchant webhook), verified and re-read from Craftgate',
		defaults: { name: 'Craftgate Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'craftgateApi', required: true }],
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
			setupNotice(
				'Craftgate has no API for webhook registration: copy this node\'s Production URL into the Craftgate panel under Settings → Merchant Settings → General Settings → "Merchant Webhook URL", and put the panel\'s webhook key into the credential\'s Merchant Webhook Key. Deliveries without a valid X-CG-SIGNATURE-V1 are refused (401).',
			),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventTypeOptions,
				default: ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'],
				required: true,
				description:
					'Craftgate events that start the workflow. Craftgate does not say which one a payment link sends, so keep the API and Checkout Form payments for links.',
			},
			triggerOptionsCollection([
				ignoreRedeliveriesOption('the same payment in the same state; for events that are not payments, the same event type, payload ID and status'),
				{
					displayName: 'Look Up Payment Link',
					name: 'matchLink',
					type: 'boolean',
					default: true,
					description:
						'Whether to find the payment link of a PAY_BY_LINK payment (by its order, conversation or external ID) and output its ID as details.linkId. A link is named only when it is the one link with that ID at the payment\'s price and currency (links may share an ID); otherwise details.linkId is null and details.candidateLinkIds lists the links with that ID.',
				},
				{
					displayName: 'Max Event Age (Minutes)',
					name: 'maxEventAgeMinutes',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_MAX_EVENT_AGE_MINUTES,
					description:
						'Refuse deliveries whose eventTimestamp is further from now than this. Craftgate signs the time but documents no retry schedule, so the default (1 day) leaves room for late retries. 0 turns the check off.',
				},
				{
					displayName: 'Only Payment Link Payments',
					name: 'payByLinkOnly',
					type: 'boolean',
					default: false,
					description: 'Whether to ignore payments not made through a payment link (paymentSource other than PAY_BY_LINK)',
				},
			]),
		],
	};

	webhookMethods = unregisteredWebhookMethods({ provider: 'Craftgate', urlIsSecret: false });

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePaymentWebhook(this, () => {
			const events = this.getNodeParameter('events', DEFAULT_EVENT_TYPES) as string[];
			const options = triggerOptions(this);
			const body = (this.getBodyData() ?? {}) as IDataObject;
			const maxAge =
				options.maxEventAgeMinutes === undefined ? DEFAULT_MAX_EVENT_AGE_MINUTES : Number(options.maxEventAgeMinutes);
			const fields = readSignedFields(body);
			return {
				authenticate: async () => await isAuthenticDelivery.call(this, body, maxAge),
				// Only reached after authentication, which needs all four signed fields.
				toEvents: async () =>
					fields
						? await toPaymentEvents.call(this, body, fields, {
								events,
								payByLinkOnly: options.payByLinkOnly === true,
								matchLink: options.matchLink !== false,
							})
						: [],
				ignoreRedeliveries: ignoresRedeliveries(options),
			};
		});
	}
}
