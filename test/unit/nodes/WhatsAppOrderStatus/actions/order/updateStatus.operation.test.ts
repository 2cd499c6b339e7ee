import type { IDataObject, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppOrderStatus } from '../../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { createExecuteContext, EXOTEL_TEST_CREDENTIALS } from '../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../helpers/executeContext';
import { sentRequests } from '../Exotel/exotelFakes';

const node = new WhatsAppOrderStatus();

const BASE: IDataObject = {
	provider: 'exotel',
	operation: 'updateStatus',
	from: '+918012345678',
	to: '+919876543210',
	referenceId: 'ORDER-1',
	status: 'processing',
	bodyText: 'We are packing your order',
	footerText: '',
	currentStatus: 'unknown',
	statusDescription: '',
	options: {},
};

function referenceOf(message: IDataObject): string {
	return (message as any).content.interactive.action.parameters.reference_id;
}

/** A fake Exotel that accepts every message except the reference IDs in `reject`. */
function exotel(reject: string[] = []) {
	let requests = 0;
	return async (_type: string, options: IHttpRequestOptions) => {
		requests++;
		const messages = ((options.body as any).whatsapp.messages ?? []) as IDataObject[];
		return {
			statusCode: 202,
			body: {
				request_id: `req-${requests}`,
				response: {
					whatsapp: {
						messages: messages.map((message) =>
							reject.includes(referenceOf(message))
								? {
										code: 400,
										status: 'failure',
										error_data: { code: 1002, message: 'Invalid parameter', description: 'reference_id unknown' },
									}
								: { code: 202, status: 'success', error_data: null, data: { sid: `sid-${referenceOf(message)}` } },
						),
					},
				},
			},
		};
	};
}

async function run(options: ExecuteContextOptions, fake = exotel()) {
	const context = createExecuteContext({ ...options, parameters: { ...BASE, ...options.parameters } });
	context.http.mockImplementation(fake);
	return { ...context, execution: node.execute.call(context.ctx) as Promise<INodeExecutionData[][]> };
}

async function output(options: ExecuteContextOptions, fake = exotel()) {
	const { execution, http } = await run(options, fake);
	const [items] = await execution;
	return { items, requests: sentRequests(http), http };
}

async function failure(promise: Promise<unknown>): Promise<NodeOperationError & NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeOperationError & NodeApiError;
	}
	throw new Error('expected the node to throw');
}

function interactiveOf(requests: ReturnType<typeof sentRequests>, index = 0): any {
	return (requests[0].messages[index] as any).content.interactive;
}

describe('WhatsApp Order Status', () => {
	describe('description', () => {
		it('has a Provider choice and shows the Exotel credential and sender for Exotel only', () => {
			const { description } = node;
			expect(description.name).toBe('whatsAppOrderStatus');
			expect(description.usableAsTool).toBe(true);
			const provider = description.properties.find((property) => property.name === 'provider') as INodeProperties;
			expect(provider.options?.map((option) => (option as { value: string }).value)).toEqual(['dialog360', 'exotel']);
			expect(description.credentials).toEqual([
				{ name: 'exotelApi', required: true, displayOptions: { show: { provider: ['exotel'] } } },
				{ name: 'dialog360Api', required: true, displayOptions: { show: { provider: ['dialog360'] } } },
			]);
			const from = description.properties.find((property) => property.name === 'from') as INodeProperties;
			expect(from.displayOptions?.show?.provider).toEqual(['exotel']);
		});
	});

	describe('Update Status', () => {
		it('sends an order_status message with the new status and its description', async () => {
			const { items, requests, http } = await output({
				parameters: { statusDescription: 'Packed today', footerText: 'Thanks!', options: { customData: 'crm-7' } },
			});
			expect(http).toHaveBeenCalledTimes(1);
			expect(requests[0].options).toMatchObject({
				method: 'POST',
				url: 'https://api.exotel.com/v2/accounts/test-sid/messages',
			});
			expect(requests[0].messages).toEqual([
				{
					from: '+918012345678',
					to: '+919876543210',
					custom_data: 'crm-7',
					content: {
						type: 'interactive',
						interactive: {
							type: 'order_status',
							body: { text: 'We are packing your order' },
							footer: { text: 'Thanks!' },
							action: {
								name: 'review_order',
								parameters: { reference_id: 'ORDER-1', order: { status: 'processing', description: 'Packed today' } },
							},
						},
					},
				},
			]);
			expect(items).toEqual([
				{
					json: {
						referenceId: 'ORDER-1',
						orderStatus: 'processing',
						to: '+919876543210',
						sid: 'sid-ORDER-1',
						status: 'success',
						requestId: 'req-1',
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('spells partially shipped partially_shipped by default, partially-shipped on request', async () => {
			const documented = await output({ parameters: { status: 'partially_shipped' } });
			expect(interactiveOf(documented.requests).action.parameters.order.status).toBe('partially_shipped');
			const hyphen = await output({
				parameters: { status: 'partially_shipped', partiallyShippedSpelling: 'partially-shipped' },
			});
			expect(interactiveOf(hyphen.requests).action.parameters.order.status).toBe('partially-shipped');
			expect(hyphen.items[0].json.orderStatus).toBe('partially_shipped');
		});

		it('ignores the spelling option for other statuses', async () => {
			const { requests } = await output({ parameters: { status: 'shipped', partiallyShippedSpelling: 'partially-shipped' } });
			expect(interactiveOf(requests).action.parameters.order.status).toBe('shipped');
		});
	});

	describe('Cancel Order', () => {
		it('sends canceled with the reason shown to the customer', async () => {
			const { requests, items } = await output({
				parameters: { operation: 'cancelOrder', cancelReason: 'Out of stock', currentStatus: 'pending' },
			});
			expect(interactiveOf(requests).action.parameters.order).toEqual({ status: 'canceled', description: 'Out of stock' });
			expect(items[0].json.orderStatus).toBe('canceled');
		});
	});

	describe('transitions', () => {
		it.each([
			['completed', 'updateStatus', 'shipped', /Completed, which is final/],
			['canceled', 'cancelOrder', undefined, /Canceled, which is final/],
			['processing', 'updateStatus', 'processing', /from Processing it can go to Partially Shipped, Shipped, Completed or Canceled/],
		])('refuses %s → %s/%s before sending, saying what is allowed', async (current, operation, status, message) => {
			// The operation is the node's (not per item); the current status comes with each item.
			const { execution, http } = await run({
				parameters: { operation },
				itemParameters: [{}, { currentStatus: current, ...(status ? { status } : {}) }],
			});
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('currentStatus');
			expect(http).not.toHaveBeenCalled();
		});

		it('allows the moves of providers.md §2.8', async () => {
			const moves = [
				{ currentStatus: 'pending', status: 'completed' },
				{ currentStatus: 'shipped', status: 'partially_shipped' },
				{ currentStatus: 'partially_shipped', status: 'processing' },
				{ currentStatus: 'processing', status: 'completed' },
			];
			const { items } = await output({
				itemParameters: moves.map((move, i) => ({ ...move, referenceId: `ORD-${i}` })),
			});
			expect(items.every((item) => typeof item.json.sid === 'string')).toBe(true);
			const cancel = await output({
				parameters: { operation: 'cancelOrder' },
				itemParameters: ['pending', 'processing', 'shipped', 'partially_shipped'].map((currentStatus) => ({ currentStatus })),
			});
			expect(cancel.items.every((item) => typeof item.json.sid === 'string')).toBe(true);
		});

		it('with Continue On Fail: the refused item is an error item, the others are sent', async () => {
			const { items, requests } = await output({
				itemParameters: [{ referenceId: 'A' }, { referenceId: 'B', currentStatus: 'completed' }, { referenceId: 'C' }],
				continueOnFail: true,
			});
			expect(requests[0].messages.map(referenceOf)).toEqual(['A', 'C']);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json.error).toMatch(/final/);
		});
	});

	describe('batching and Exotel answers', () => {
		it('sends 120 updates as 2 requests of 100 and 20, in input order', async () => {
			const { items, requests } = await output({
				itemParameters: Array.from({ length: 120 }, (_, i) => ({ referenceId: `ORD-${i}` })),
			});
			expect(requests.map((request) => request.messages.length)).toEqual([100, 20]);
			expect(items.map((item) => item.json.referenceId)).toEqual(Array.from({ length: 120 }, (_, i) => `ORD-${i}`));
		});

		it('reports a rejected message with Exotel code, as an error item or an error', async () => {
			const parameters = [{ referenceId: 'A' }, { referenceId: 'B' }];
			const { items } = await output({ itemParameters: parameters, continueOnFail: true }, exotel(['B']));
			expect(items[0].json.sid).toBe('sid-A');
			expect(items[1].json).toMatchObject({ error: 'Exotel did not accept the message: Invalid parameter', exotelCode: '1002' });

			const { execution } = await run({ itemParameters: parameters }, exotel(['B']));
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('input items 0');
		});

		it.each(['exotel', 'dialog360'])('refuses Retry On Fail with %s, which would send the accepted messages again', async (provider) => {
			const { execution, http } = await run({
				node: { retryOnFail: true },
				parameters: { provider },
				credentials: { exotelApi: EXOTEL_TEST_CREDENTIALS, dialog360Api: { apiKey: 'k-123456', environment: 'production' } },
			});
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('Turn off "Retry On Fail" for this node');
			expect(error.description).toContain('order status message');
			expect(error.description).not.toContain('new reference_id');
			expect(http).not.toHaveBeenCalled();
		});

		it('names a bad body text before sending', async () => {
			const { execution, http } = await run({ itemParameters: [{ bodyText: '' }] });
			const error = await failure(execution);
			expect(error.message).toMatch(/body/);
			expect(error.context.itemIndex).toBe(0);
			expect(http).not.toHaveBeenCalled();
		});
	});
});
