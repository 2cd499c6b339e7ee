import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	ignoreRedeliveriesOption,
	ignoresRedeliveries,
	receivePaymentWebhook,
	setupNotice,
	triggerOptions,
	triggerOptionsCollection,
	unregisteredWebhookMethods,
} from '../shared/webhook';
import { readCallbackItems } from './trigger/callbackBody';
import { callbackToEvent, classifyCallback, isInboundMessage } from './trigger/callbackEvents';
import { eventsProperty, EVENTS_SUBTITLE } from './trigger/eventOptions';
import { ipAllowlistOption, isAllowedCaller } from './trigger/ipAllowlist';

/*
 * Where the secret is. Exotel signs nothing and has no API to register callback URLs, so the
 * callback URL itself must be unguessable, and the user must be able to copy it from the editor
 * as it is. A token made in create() would live in static data, which neither the editor nor
 * expressions can show: the user could only learn it from an output item or a log, both of which
 * must never carry secrets. The URL the editor shows already holds a secret of this trigger's
 * own: its webhookId, a random UUID v4 (122 bits) that n8n draws when the node is added. So the
 * path `/webhook/<webhookId>/webhook` is the secret, and any other path gets n8n's 404 before
 * this node runs (no execution); the webhook methods refuse a trigger without a webhookId, whose
 * URL would be made of the workflow ID and node name instead. The optional IP(s) Allowlist
 * answers 403.
 */
export class ExotelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exotel Trigger',
		name: 'exotelTrigger',
		icon: { light: 'file:../../icons/exotel.svg', dark: 'file:../../icons/exotel.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n 2.41 evaluates an expression (in an isolate, tens of ms of CPU) for every delivery
		// to a version-1 webhook node (webhook-helpers.js parseRequestBody); nothing else differs.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: EVENTS_SUBTITLE,
		description: "Starts the workflow on Exotel's WhatsApp payment and message status callbacks",
		defaults: { name: 'Exotel Trigger' },
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
			setupNotice(
				"Give Exotel the Production URL above: as the Status Callback URL of each message (an option of the Exotel node), or ask Exotel to make it your account's default callback URL. The URL is this trigger's secret: anyone who knows it can post fake callbacks. Exotel offers no way to read a payment back, so every event says details.confirmed = false: treat a payment callback as a signal and confirm the payment with your gateway before you ship.",
			),
			eventsProperty,
			triggerOptionsCollection([
				ignoreRedeliveriesOption('same message, status and transaction; Exotel resends callbacks that were not answered in time'),
				ipAllowlistOption,
			]),
		],
	};

	webhookMethods = unregisteredWebhookMethods({ provider: 'Exotel', urlIsSecret: true });

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePaymentWebhook(this, () => {
			const wanted = this.getNodeParameter('events', []) as string[];
			const options = triggerOptions(this);
			return {
				isAllowedCaller: () => isAllowedCaller(this, options.ipWhitelist),
				authenticate: () => true,
				toEvents: async () =>
					(await readCallbackItems(this))
						.filter((item) => !isInboundMessage(item) && wanted.includes(classifyCallback(item).category))
						.map(callbackToEvent),
				ignoreRedeliveries: ignoresRedeliveries(options),
			};
		});
	}
}
