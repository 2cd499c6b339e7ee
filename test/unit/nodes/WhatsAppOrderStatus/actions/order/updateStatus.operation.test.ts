import { NodeOperationError } from 'n8n-workflow';
import { failure, interactiveOf, run, start } from '../../fixtures';

describe('WhatsApp Order Status: Order → Update Status (Exotel)', () => {
	it('sends an order_status message with the new status, its description and the options', async () => {
		const { items, seen, http } = await run({
			parameters: { options: { statusDescription: 'Packed today', footerText: 'Thanks!', customData: 'crm-7' } },
		});
		expect(http).toHaveBeenCalledTimes(1);
		expect(seen[0].options).toMatchObject({ method: 'POST', url: 'https://api.exotel.com/v2/accounts/test-sid/messages' });
		expect(seen[0].messages).toEqual([
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
		const documented = await run({ parameters: { status: 'partially_shipped' } });
		expect(interactiveOf(documented.seen).action.parameters.order.status).toBe('partially_shipped');
		const hyphen = await run({
			parameters: { status: 'partially_shipped', options: { partiallyShippedSpelling: 'partially-shipped' } },
		});
		expect(interactiveOf(hyphen.seen).action.parameters.order.status).toBe('partially-shipped');
		expect(hyphen.items[0].json.orderStatus).toBe('partially_shipped');
	});

	it('ignores the spelling option for other statuses', async () => {
		const { seen } = await run({ parameters: { status: 'shipped', options: { partiallyShippedSpelling: 'partially-shipped' } } });
		expect(interactiveOf(seen).action.parameters.order.status).toBe('shipped');
	});

	describe('transitions', () => {
		it.each([
			['completed', 'shipped', 'order "ORDER-1" is Completed, which is final: no status change is allowed'],
			['processing', 'processing', /from Processing it can go to Partially Shipped, Shipped, Completed or Canceled/],
		])('refuses %s → %s before sending, naming input item and option', async (currentStatus, status, message) => {
			const { execution, http } = start({ itemParameters: [{}, { status, options: { currentStatus } }] });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toBe(
				'Check field "options.currentStatus" of input item 1, or choose another new status. Nothing was sent.',
			);
			expect(http).not.toHaveBeenCalled();
		});

		it('allows the moves of docs/providers.md §2.8', async () => {
			const moves = [
				{ currentStatus: 'pending', status: 'completed' },
				{ currentStatus: 'shipped', status: 'partially_shipped' },
				{ currentStatus: 'partially_shipped', status: 'processing' },
				{ currentStatus: 'processing', status: 'completed' },
			];
			const { items } = await run({
				itemParameters: moves.map(({ currentStatus, status }, i) => ({ status, options: { currentStatus }, referenceId: `ORD-${i}` })),
			});
			expect(items.map((item) => item.json.sid)).toEqual(['sid-ORD-0', 'sid-ORD-1', 'sid-ORD-2', 'sid-ORD-3']);
		});

		it('does not check when the current status is unknown or empty', async () => {
			const { items } = await run({
				itemParameters: [{ options: { currentStatus: 'unknown' } }, { referenceId: 'ORD-2', options: { currentStatus: '' } }],
			});
			expect(items.map((item) => item.json.sid)).toEqual(['sid-ORDER-1', 'sid-ORD-2']);
		});

		it('with Continue On Fail: the refused item is an error item, the others are sent', async () => {
			const { items, seen } = await run({
				itemParameters: [{ referenceId: 'A' }, { referenceId: 'B', options: { currentStatus: 'completed' } }, { referenceId: 'C' }],
				continueOnFail: true,
			});
			expect(seen[0].messages.map((message) => message.content.interactive.action.parameters.reference_id)).toEqual(['A', 'C']);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json).toEqual({
				error: 'order "B" is Completed, which is final: no status change is allowed',
				description: 'Check field "options.currentStatus" of input item 1, or choose another new status. Nothing was sent.',
			});
		});
	});
});
