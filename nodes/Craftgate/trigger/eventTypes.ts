import type { INodePropertyOptions } from 'n8n-workflow';

/** Events whose payloadId names a payment (digits) or a checkout token; they are re-fetched. */
export const PAYMENT_EVENT_TYPES = ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH', 'THREEDS_VERIFY'];

export const DEFAULT_EVENT_TYPES = ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'];

/** Union of the SDK enums and the docs (docs/providers.md §1.6), named as a person reads them. */
const events: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Payment Authorized (API)', value: 'API_AUTH', description: 'A payment through the API completed, also after 3-D Secure' },
	{ name: 'Payment Authorized (3-D Pay)', value: 'API_VERIFY_AND_AUTH', description: 'A "3D Pay" payment completed' },
	{ name: 'Payment Authorized (Checkout Form)', value: 'CHECKOUTFORM_AUTH', description: 'A payment on a Craftgate payment page completed' },
	{ name: '3-D Secure Verified', value: 'THREEDS_VERIFY', description: 'The payer passed 3-D Secure; the payment itself follows' },
	{ name: 'Autopilot Event', value: 'AUTOPILOT', description: 'Craftgate Autopilot reported an event' },
	{ name: 'Bank Account Tracking Record', value: 'BANK_ACCOUNT_TRACKING_RECORD', description: 'A bank account movement was recorded' },
	{ name: 'BKM Express Payment Notification', value: 'BKM_EXPRESS_PAYMENT_NOTIFICATION', description: 'BKM Express reported a payment' },
	{ name: 'Buy Now Pay Later Notification', value: 'BNPL_NOTIFICATION', description: 'A buy-now-pay-later provider reported a payment' },
	{ name: 'Multi Payment Completed', value: 'MULTI_PAYMENT_COMPLETED', description: 'A payment made in several steps was completed' },
	{ name: 'Multi Payment Expired', value: 'MULTI_PAYMENT_EXPIRED', description: 'A payment made in several steps expired unfinished' },
	{ name: 'Payout Completed', value: 'PAYOUT_COMPLETED', description: 'A payout to a member was completed' },
	{ name: 'Payment Refunded', value: 'REFUND', description: 'A payment was refunded' },
	{ name: 'Payment Transaction Refunded', value: 'REFUND_TX', description: 'One transaction of a payment was refunded' },
	{ name: 'Wallet Created', value: 'WALLET_CREATED', description: 'A member wallet was created' },
	{ name: 'Wallet Transaction Created', value: 'WALLET_TX_CREATED', description: 'A wallet transaction was recorded' },
];

/**
 * The Events options, alphabetical as n8n lists options. Each names Craftgate's own event type
 * in its description, and carries the action the nodes panel lists it under ("On …").
 */
export const eventTypeOptions: INodePropertyOptions[] = events
	.map(({ name, value, description }) => ({
		name,
		value,
		description: `${description} (Craftgate event ${value})`,
		action: `On ${name}`,
	}))
	.sort((a, b) => a.name.localeCompare(b.name));
