import { NodeOperationError } from 'n8n-workflow';
import { failure, interactiveOf, run, start } from '../../fixtures';

describe('WhatsApp Order Status: Order → Cancel (Exotel)', () => {
	it('sends canceled with the reason shown to the customer', async () => {
		const { seen, items } = await run({
			parameters: { operation: 'cancelOrder', options: { cancelReason: 'Out of stock', currentStatus: 'pending' } },
		});
		expect(interactiveOf(seen).action.parameters.order).toEqual({ status: 'canceled', description: 'Out of stock' });
		expect(items[0].json.orderStatus).toBe('canceled');
	});

	it('cancels without a reason', async () => {
		const { seen } = await run({ parameters: { operation: 'cancelOrder' } });
		expect(interactiveOf(seen).action.parameters.order).toEqual({ status: 'canceled' });
	});

	it('refuses to cancel an order that is Canceled already, before sending', async () => {
		const { execution, http } = start({ parameters: { operation: 'cancelOrder', options: { currentStatus: 'canceled' } } });
		const error = await failure(execution);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('order "ORDER-1" is Canceled, which is final: no status change is allowed');
		expect(error.description).toContain('field "options.currentStatus" of input item 0');
		expect(http).not.toHaveBeenCalled();
	});

	it('cancels from every status that is not final', async () => {
		const { items } = await run({
			parameters: { operation: 'cancelOrder' },
			itemParameters: ['pending', 'processing', 'shipped', 'partially_shipped'].map((currentStatus, i) => ({
				referenceId: `ORD-${i}`,
				options: { currentStatus },
			})),
		});
		expect(items.map((item) => item.json.sid)).toEqual(['sid-ORD-0', 'sid-ORD-1', 'sid-ORD-2', 'sid-ORD-3']);
	});
});
