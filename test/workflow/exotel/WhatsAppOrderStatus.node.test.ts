import type { IDataObject } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { EXOTEL_API, EXOTEL_CREDENTIALS, fakeExotel, MESSAGES_PATH } from '../../fakes/exotel';


beforeEach(() => nock.disableNetConnect());
// Leave no refusal behind for the next test file run in this process.
afterAll(() => nock.enableNetConnect());

const CREDENTIALS = { exotelApi: EXOTEL_CREDENTIALS };

/** A fresh fake Exotel behind nock for this test; returns the requests it saw. */
function exotel() {
	const fake = fakeExotel();
	fake.intercept(nock);
	return fake;
}

/** Start → WhatsApp Order Status (Exotel, fields mapped from each item) → Done; `options` merged over the item's current status. */
function orderStatusWorkflow(parameters: IDataObject, node: IDataObject = {}, options: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{
				name: 'Order Status',
				type: 'n8n-nodes-chat-payments.whatsAppOrderStatus',
				parameters: {
					provider: 'exotel',
					resource: 'order',
					from: '+918012345678',
					to: '={{ $json.phone }}',
					referenceId: '={{ $json.orderId }}',
					bodyText: '=Order {{ $json.orderId }} update',
					...parameters,
					options: { currentStatus: '={{ $json.current }}', ...options },
				},
				...node,
			},
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Order Status', type: 'main', index: 0 }]] },
			'Order Status': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

const orders = [
	{ orderId: 'ORD-1', phone: '+919876500001', current: 'processing' },
	{ orderId: 'ORD-2', phone: '+919876500002', current: 'pending' },
];

describe('WhatsApp Order Status in a workflow (Exotel)', () => {
	it('sends shipped updates for every item in one request', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({
			workflow: orderStatusWorkflow({ operation: 'updateStatus', status: 'shipped' }, {}, { statusDescription: 'Courier: BlueDart' }),
			credentials: CREDENTIALS,
			input: orders,
		});
		expect(run.status).toBe('success');
		expect(seen).toHaveLength(1);
		expect(seen[0].messages.map((message) => message.content.interactive)).toEqual(
			orders.map((order) => ({
				type: 'order_status',
				body: { text: `Order ${order.orderId} update` },
				action: {
					name: 'review_order',
					parameters: { reference_id: order.orderId, order: { status: 'shipped', description: 'Courier: BlueDart' } },
				},
			})),
		);
		expect(run.output('Done').map((item) => item.json)).toEqual([
			{ referenceId: 'ORD-1', orderStatus: 'shipped', to: '+919876500001', sid: 'sid-ORD-1', status: 'success', requestId: 'req-1' },
			{ referenceId: 'ORD-2', orderStatus: 'shipped', to: '+919876500002', sid: 'sid-ORD-2', status: 'success', requestId: 'req-1' },
		]);
	});

	it('refuses a cancel after completion before sending anything', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({
			workflow: orderStatusWorkflow({ operation: 'cancelOrder' }, {}, { cancelReason: 'Out of stock' }),
			credentials: CREDENTIALS,
			input: [...orders, { orderId: 'ORD-3', phone: '+919876500003', current: 'completed' }],
		});
		expect(run.status).toBe('error');
		expect(seen).toHaveLength(0);
		expect(String((run.nodeError('Order Status') as unknown as IDataObject).message)).toMatch(/"ORD-3" is Completed, which is final/);
	});

	it('with Continue On Fail, sends the allowed cancels and reports the refused one', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({
			workflow: orderStatusWorkflow({ operation: 'cancelOrder' }, { onError: 'continueRegularOutput' }, { cancelReason: 'Out of stock' }),
			credentials: CREDENTIALS,
			input: [...orders, { orderId: 'ORD-3', phone: '+919876500003', current: 'completed' }],
		});
		expect(run.status).toBe('success');
		expect(seen[0].messages.map((message) => message.content.interactive.action.parameters.order)).toEqual([
			{ status: 'canceled', description: 'Out of stock' },
			{ status: 'canceled', description: 'Out of stock' },
		]);
		const output = run.output('Done');
		expect(output[2].json).toEqual({
			error: 'order "ORD-3" is Completed, which is final: no status change is allowed',
			description: 'Check field "options.currentStatus" of input item 2, or choose another new status. Nothing was sent.',
		});
		expect(output[2].pairedItem).toEqual({ item: 2 });
	});

	it('sends partially-shipped when that spelling is chosen', async () => {
		const { seen } = exotel();
		await runWorkflow({
			workflow: orderStatusWorkflow(
				{ operation: 'updateStatus', status: 'partially_shipped' },
				{},
				{ partiallyShippedSpelling: 'partially-shipped', currentStatus: 'unknown' },
			),
			credentials: CREDENTIALS,
			input: orders.slice(0, 1),
		});
		expect(seen[0].messages[0].content.interactive.action.parameters.order.status).toBe('partially-shipped');
	});

	it('a send with no answer within Timeout (Seconds): one request, and each error item keeps the reference and says the outcome is unknown', async () => {
		const scope = nock(EXOTEL_API).post(MESSAGES_PATH).delay(5_000).reply(202, {});
		const run = await runWorkflow({
			workflow: orderStatusWorkflow({ operation: 'updateStatus', status: 'shipped' }, { onError: 'continueRegularOutput' }, { timeout: 1 }),
			credentials: CREDENTIALS,
			input: orders.slice(0, 1),
		});
		expect(scope.isDone()).toBe(true);
		expect(run.output('Done')).toEqual([
			{
				json: {
					referenceId: 'ORD-1',
					orderStatus: 'shipped',
					to: '+919876500001',
					error: 'The request to Exotel timed out: timeout of 1000ms exceeded',
					description:
						'The outcome is unknown: Exotel may or may not have sent the messages. The node did not resend it, so the customer never gets the same message twice. Check whether it went out (status callback or Exotel dashboard) before sending again; resend a payment request with a new reference_id.',
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
