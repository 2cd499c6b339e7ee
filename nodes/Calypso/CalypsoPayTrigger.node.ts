import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { receivePaymentWebhook } from '../shared/webhook';
import { INVOICE_EVENT_OPTIONS } from './trigger/events';
import { createSubscription, deleteSubscription, subscriptionExists } from './trigger/subscription';
import { readDelivery, toPaymentEvents } from './trigger/toPaymentEvent';
import { isAuthenticDelivery } from './trigger/verify';

type SubscribeTo = 'allInvoiceEvents' | 'selectedEvents';

function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): string[] | undefined {
	const subscribeTo = ctx.getNodeParameter('subscribeTo', 'allInvoiceEvents') as SubscribeTo;
	return subscribeTo === 'selectedEvents' ? (ctx.getNodeParameter('events', []) as string[]) : undefined;
}

export class CalypsoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Calypso Trigger',
		name: 'calypsoTrigger',
		icon: { light: 'file:calypso.svg', dark: 'file:calypso.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["subscribeTo"] === "selectedEvents" ? ($parameter["events"] || []).join(", ") : "All invoice events"}}',
		description: 'Starts the workflow when a Calypso Pay invoice or payment widget is paid, expires or needs attention',
		defaults: { name: 'Calypso Trigger' },
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
			{
				displayName:
					'Activating the workflow subscribes this node\'s URL to Calypso\'s webhooks (nothing to set up in the dashboard); deactivating removes the subscription. Deliveries not signed with the subscription\'s keys are refused (401).',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Subscribe To',
				name: 'subscribeTo',
				type: 'options',
				options: [
					{ name: 'All Invoice Events', value: 'allInvoiceEvents', description: 'Calypso\'s INVOICE group, including events added later' },
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Confirm with Invoice Lookup',
						name: 'confirmWithInvoiceLookup',
						type: 'boolean',
						default: true,
						description:
							'Whether to read the invoice from Calypso before starting the workflow and report its state (a payment claim the invoice does not back is not reported as paid). The webhook itself stays in "raw".',
					},
					{
						displayName: 'Ignore Redeliveries',
						name: 'ignoreRedeliveries',
						type: 'boolean',
						default: true,
						description:
							'Whether an event already received (same Calypso event ID) starts no new execution. Calypso retries failed deliveries up to 19 times and re-sends all of them when a blocked subscription is unblocked.',
					},
				],
			},
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
		const options = this.getNodeParameter('options', {}) as IDataObject;
		return await receivePaymentWebhook(this, {
			authenticate: async () => await isAuthenticDelivery.call(this),
			toEvents: async () =>
				await toPaymentEvents.call(this, await readDelivery(this), {
					events: chosenEvents(this),
					confirmWithInvoiceLookup: options.confirmWithInvoiceLookup !== false,
				}),
			ignoreRedeliveries: options.ignoreRedeliveries !== false,
		});
	}
}
