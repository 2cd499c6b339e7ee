// Workflows the Exotel e2e test imports into a real n8n: a bulk payment request sender, the
// payment callback journey (trigger → Remove Duplicates → If paid → order status) and an order
// status sender. Node credentials are placeholders; bindCredentials() points them at the emulator.
const harness = require('./harness');

const { PACKAGE_PREFIX, linearWorkflow, webhookNode } = harness;

export const BULK_ID = 'exotelE2eBulkSend';
export const BULK_PATH = 'exotel-e2e-bulk-send';
export const CALLBACK_ID = 'exotelE2eCallback';
export const STATUS_ID = 'exotelE2eOrderStat';
export const STATUS_PATH = 'exotel-e2e-order-status';

export const TRIGGER = 'Exotel Trigger';
export const SEND = 'Send Payment Requests';
export const DEDUP = 'Remove Duplicates';
export const IF_PAID = 'Paid?';
export const MARK_PROCESSING = 'Mark Processing';
export const UPDATE_STATUS = 'Update Order Status';

export const FROM = '+918012345678';

const exotelCredentials = { exotelApi: { id: '', name: '' } };

/** One order line outside a catalog: WhatsApp needs its origin and importer. */
const orderLine = {
	retailerId: 'SKU-TEA-250',
	name: 'Assam Tea 250 g',
	amount: '240.00',
	saleAmount: '200.00',
	quantity: 2,
	countryOfOrigin: 'India',
	importerName: 'Chai Traders Pvt Ltd',
	importerAddressLine1: '14 Park Street',
	importerCity: 'Kolkata',
	importerZoneCode: 'WB',
	importerPostalCode: '700016',
	importerCountryCode: 'IN',
};

/**
 * Webhook (body.orders: [{reference, to, statusCallback}]) → Split Out → one payment request per
 * order; the Webhook answers with the payment node's items.
 */
export const bulkSendWorkflow = linearWorkflow({
	id: BULK_ID,
	name: 'E2E Exotel: bulk payment requests',
	nodes: [
		webhookNode(BULK_PATH, { name: 'Orders In' }),
		{
			name: 'Split Orders',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.orders', include: 'noOtherFields', options: {} },
		},
		{
			name: SEND,
			type: `${PACKAGE_PREFIX}exotel`,
			typeVersion: 1,
			credentials: exotelCredentials,
			parameters: {
				resource: 'paymentRequest',
				operation: 'send',
				from: FROM,
				to: '={{ $json.to }}',
				orderInput: 'fields',
				referenceId: '={{ $json.reference }}',
				goodsType: 'digital-goods',
				paymentType: 'payment_gateway:razorpay',
				paymentConfiguration: 'e2e-razorpay',
				bodyText: '=Order {{ $json.reference }}: tap Review and Pay',
				itemsFromCatalog: false,
				items: { item: [orderLine] },
				taxAmount: '36.00',
				taxDescription: 'GST 9%',
				expiration: 'none',
				options: { customData: '=crm-{{ $json.reference }}', statusCallback: '={{ $json.statusCallback }}' },
			},
		},
	],
});

/** Exotel Trigger → Remove Duplicates (eventId, across executions) → If paid → processing. */
export const callbackWorkflow = {
	id: CALLBACK_ID,
	name: 'E2E Exotel: payment callback',
	nodes: [
		{
			name: TRIGGER,
			type: `${PACKAGE_PREFIX}exotelTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { events: ['paymentSucceeded', 'paymentOther'], options: { ignoreRedeliveries: true } },
		},
		{
			name: DEDUP,
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.eventId }}',
				options: { scope: 'workflow' },
			},
		},
		{
			name: IF_PAID,
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [440, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: 'b5d3c1e2-4f6a-4b8c-9d0e-1f2a3b4c5d6e',
							leftValue: '={{ $json.status }}',
							rightValue: 'paid',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		{
			name: MARK_PROCESSING,
			type: `${PACKAGE_PREFIX}whatsAppOrderStatus`,
			typeVersion: 1,
			position: [660, 0],
			credentials: exotelCredentials,
			parameters: {
				provider: 'exotel',
				resource: 'order',
				operation: 'updateStatus',
				status: 'processing',
				from: FROM,
				to: '={{ $json.details.to }}',
				referenceId: '={{ $json.reference }}',
				bodyText: '=Thank you! We received your payment for order {{ $json.reference }} and are preparing it.',
				options: { currentStatus: 'pending' },
			},
		},
	],
	connections: {
		[TRIGGER]: { main: [[{ node: DEDUP, type: 'main', index: 0 }]] },
		[DEDUP]: { main: [[{ node: IF_PAID, type: 'main', index: 0 }]] },
		[IF_PAID]: { main: [[{ node: MARK_PROCESSING, type: 'main', index: 0 }], []] },
	},
};

/** Webhook (body: reference, to, status, currentStatus) → WhatsApp Order Status update. */
export const orderStatusWorkflow = linearWorkflow({
	id: STATUS_ID,
	name: 'E2E Exotel: order status',
	nodes: [
		webhookNode(STATUS_PATH, { name: 'Status In' }),
		{
			name: UPDATE_STATUS,
			type: `${PACKAGE_PREFIX}whatsAppOrderStatus`,
			typeVersion: 1,
			credentials: exotelCredentials,
			parameters: {
				provider: 'exotel',
				resource: 'order',
				operation: 'updateStatus',
				status: '={{ $json.body.status }}',
				from: FROM,
				to: '={{ $json.body.to }}',
				referenceId: '={{ $json.body.reference }}',
				bodyText: '=Order {{ $json.body.reference }} is now {{ $json.body.status }}',
				options: { currentStatus: '={{ $json.body.currentStatus }}' },
			},
		},
	],
});
