import type { INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../../shared/transport/timeout';
import { CALYPSO_DEFAULT_TIMEOUT_SECONDS } from '../transport';

export const idempotencyKeyField: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
	description:
		'A UUID that makes the create happen at most once: Calypso refuses a second object with the same key. Left empty, a new one is generated for each item; it is in the output and in any error, so a retry can reuse it.',
};

export const pageUrlFields: INodeProperties[] = [
	{
		displayName: 'Logo URL',
		name: 'logoUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/logo.png',
		description: 'Your logo on the payment page (PNG, about 100×24 pixels)',
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/thank-you',
		description: 'Where the payment page sends the customer back to',
	},
	{
		displayName: 'Support URL',
		name: 'supportUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/help',
		description: 'Where the payment page sends a customer who needs help',
	},
];

export const externalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	placeholder: 'e.g. order-1042',
	hint: 'Set it to your order number: the Calypso Pay Trigger outputs it as "reference" when this is paid',
	description: 'Your own reference, copied by Calypso to the invoices and webhook events of this payment',
};

/** Options → Timeout (Seconds) of a read. */
export const calypsoTimeoutOption = timeoutOption({ provider: 'Calypso', defaultSeconds: CALYPSO_DEFAULT_TIMEOUT_SECONDS });

function optionsWith(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** The Options of a read that has no other option. */
export const readTimeoutOptions = optionsWith([calypsoTimeoutOption]);

/** The Options of a create: a timed-out create of a `what` (widget, invoice) may have been made. */
export function createTimeoutOptions(what: string): INodeProperties {
	return optionsWith([timeoutOption({ provider: 'Calypso', sends: what, defaultSeconds: CALYPSO_DEFAULT_TIMEOUT_SECONDS })]);
}
