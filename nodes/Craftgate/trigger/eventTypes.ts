import type { INodePropertyOptions } from 'n8n-workflow';

/** Events whose payloadId names a payment (digits) or a checkout token; they are re-fetched. */
export const PAYMENT_EVENT_TYPES = ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH', 'THREEDS_VERIFY'];

export const DEFAULT_EVENT_TYPES = ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'];

/** Union of the SDK enums and the docs (providers.md §1.6). */
const options: INodePropertyOptions[] = [
	{ name: 'API Payment (API_AUTH)', value: 'API_AUTH', description: 'A payment through the API completed; also sent after 3-D Secure completes' },
	{ name: '3-D Pay Payment (API_VERIFY_AND_AUTH)', value: 'API_VERIFY_AND_AUTH', description: 'A "3D Pay" payment completed' },
	{ name: 'Bank Account Tracking Record', value: 'BANK_ACCOUNT_TRACKING_RECORD' },
	{ name: 'BKM Express Payment Notification', value: 'BKM_EXPRESS_PAYMENT_NOTIFICATION' },
	{ name: 'BNPL Notification', value: 'BNPL_NOTIFICATION' },
	{ name: 'Checkout Form Payment (CHECKOUTFORM_AUTH)', value: 'CHECKOUTFORM_AUTH', description: 'A payment on a Craftgate payment page completed' },
	{ name: 'Multi Payment Completed', value: 'MULTI_PAYMENT_COMPLETED' },
	{ name: 'Multi Payment Expired', value: 'MULTI_PAYMENT_EXPIRED' },
	{ name: 'Payout Completed', value: 'PAYOUT_COMPLETED' },
	{ name: 'Refund', value: 'REFUND' },
	{ name: 'Refund Transaction', value: 'REFUND_TX' },
	{ name: '3-D Secure Verified (THREEDS_VERIFY)', value: 'THREEDS_VERIFY' },
	{ name: 'Autopilot', value: 'AUTOPILOT' },
	{ name: 'Wallet Created', value: 'WALLET_CREATED' },
	{ name: 'Wallet Transaction Created', value: 'WALLET_TX_CREATED' },
];

export const eventTypeOptions = [...options].sort((a, b) => a.name.localeCompare(b.name));
