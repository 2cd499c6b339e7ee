import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { chosenOptionsSubtitle } from '../../shared/subtitle';
import type { CallbackCategory } from './callbackEvents';

/** The trigger's events as the editor lists them (sorted by name, as n8n's linter asks). */
export const CALLBACK_EVENTS: Array<INodePropertyOptions & { value: CallbackCategory }> = [
	{
		name: 'Message Delivery Update',
		value: 'messageStatus',
		description: 'A payment request or order status message was sent, delivered or read',
	},
	{
		name: 'Message Failed',
		value: 'messageFailed',
		description: 'A message could not be sent or delivered, or WhatsApp refused an order status change',
	},
	{
		name: 'Other Payment Status',
		value: 'paymentOther',
		description: 'Any payment status other than success: pending, failed, or a code the node does not know',
	},
	{
		name: 'Payment Succeeded',
		value: 'paymentSucceeded',
		description: 'Exotel reports EX_PAYMENT_SUCCESS (30050)',
	},
];

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: CALLBACK_EVENTS,
	default: ['paymentSucceeded', 'paymentOther'],
	required: true,
};

/**
 * The canvas subtitle: the chosen events by the names the Events option shows, built from the
 * same list so the two cannot drift apart.
 */
export const EVENTS_SUBTITLE = chosenOptionsSubtitle('events', CALLBACK_EVENTS);
