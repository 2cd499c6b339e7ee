import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	ignoreRedeliveriesOption,
	ignoresRedeliveries,
	receivePaymentWebhook,
	setupNotice,
	triggerOptions,
	triggerOptionsCollection,
} from '../shared/webhook';
import { eventsSubtitle, INVOICE_EVENT_OPTIONS } from './trigger/events';
import { createSubscription, deleteSubscription, subscriptionExists } from './trigger/subscription';
import { readDelivery, toPaymentEvents } from './trigger/toPaymentEvent';
import { isAuthenticDelivery } from './trigger/verify';

type SubscribeTo = 'allInvoiceEvents' | 'selectedEvents';

function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): string[] | undefined {
	const subscribeTo = ctx.getNodeParameter('subscribeTo', 'allInvoiceEvents') as SubscribeTo;
	return subscribeTo === 'selectedEvents' ? (ctx.getNodeParameter('events', []) as string[]) : undefined;
}

export class CalypsoPayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Calypso Pay Trigger',
		name: 'calypsoPayTrigger',
		icon: { light: 'file:../../icons/calypso.svg', dark: 'file:../../icons/calypso.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n 2.41 evaluates an expression (in an isolate, tens of ms of CPU) for every delivery
		// to a version-1 webhook node (webhook-helpers.js parseRequestBody); nothing else differs.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: eventsSubtitle('All Invoice Events'),
		description: 'Starts the workflow when a Calypso Pay invoice or payment widget is paid, expires or needs attention',
		defaults: { name: 'Calypso Pay Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'calypsoApi', required: true }],
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
				"Activating the workflow subscribes this node's URL to Calypso's webhooks (nothing to set up in the dashboard); deactivating removes the subscription. Deliveries not signed with the subscription's keys are refused (401).",
			),
			{
				displayName: 'Subscribe To',
				name: 'subscribeTo',
				type: 'options',
				options: [
					{ name: 'All Invoice Events', value: 'allInvoiceEvents', description: "Calypso's INVOICE group, including events added later" },
					{ name: 'Selected Events', value: 'selectedEvents' },
				],
				default: 'allInvoiceEvents',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: INVOICE_EVENT_OPTIONS,
				default: ['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PAID'],
				required: true,
				displayOptions: { show: { subscribeTo: ['selectedEvents'] } },
				description: 'Invoice events that start the workflow',
			},
			triggerOptionsCollection([
				{
					displayName: 'Confirm with Invoice Lookup',
					name: 'confirmWithInvoiceLookup',
					type: 'boolean',
					default: true,
					description:
						'Whether to read the invoice from Calypso before starting the workflow and report its state (a payment claim the invoice does not back is not reported as paid). The webhook itself stays in "raw".',
				},
				ignoreRedeliveriesOption(
					'the same Calypso event ID; Calypso retries a failed delivery up to 19 times and re-sends them all when a blocked subscription is unblocked',
				),
			]),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const events = chosenEvents(this);
				return await createSubscription.call(this, events ? { eventTypes: events } : { serviceTypes: ['INVOICE'] });
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePaymentWebhook(this, () => {
			const options = triggerOptions(this);
			return {
				authenticate: async () => await isAuthenticDelivery.call(this),
				toEvents: async () =>
					await toPaymentEvents.call(this, await readDelivery(this), {
						events: chosenEvents(this),
						confirmWithInvoiceLookup: options.confirmWithInvoiceLookup !== false,
					}),
				ignoreRedeliveries: ignoresRedeliveries(options),
			};
		});
	}
}
