import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { referenceOf } from '../../../../fakes/exotel';
import { failure, run, start } from '../fixtures';

describe('WhatsApp Order Status through Exotel', () => {
	it('sends 120 updates as 2 requests of 100 and 20, answering in input order', async () => {
		const references = Array.from({ length: 120 }, (_, i) => `ORD-${i}`);
		const { items, seen } = await run({ itemParameters: references.map((referenceId) => ({ referenceId })) });
		expect(seen.map((request) => request.messages.length)).toEqual([100, 20]);
		expect(items.map((item) => item.json.referenceId)).toEqual(references);
	});

	it('reports a rejected message with Exotel code, as an error item or an error naming what went out', async () => {
		const parameters = [{ referenceId: 'A' }, { referenceId: 'B' }];
		const rejectB = (message: Record<string, any>) => (referenceOf(message) === 'B' ? 'reference_id unknown' : undefined);
		const { items } = await run({ itemParameters: parameters, continueOnFail: true }, rejectB);
		expect(items[0].json.sid).toBe('sid-A');
		expect(items[1].json).toEqual({
			referenceId: 'B',
			orderStatus: 'processing',
			to: '+919876543210',
			error: 'Exotel did not accept the message: Invalid parameter',
			description: expect.stringContaining('Exotel says (code 1002): Invalid parameter — reference_id unknown.'),
			httpStatus: 400,
			providerCode: '1002',
		});

		const { execution } = start({ itemParameters: parameters }, rejectB);
		const error = await failure(execution);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toContain('Exotel accepted 1 other message(s) of this run (input items 0): do not send them again.');
	});

	it('refuses Retry On Fail, which would send the accepted messages again', async () => {
		const { execution, http } = start({ node: { retryOnFail: true } });
		const error = await failure(execution);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Turn off "Retry On Fail" for this node');
		expect(error.description).toContain('order status message');
		expect(error.description).not.toContain('new reference_id');
		expect(http).not.toHaveBeenCalled();
	});

	it('names a missing body text and a bad sender before sending', async () => {
		const { execution, http } = start({ itemParameters: [{ bodyText: '' }] });
		const error = await failure(execution);
		expect(error.message).toMatch(/body/);
		expect(error.context.itemIndex).toBe(0);
		expect(http).not.toHaveBeenCalled();

		const sender = await failure(start({ itemParameters: [{}, { from: 'shop' }] }).execution);
		expect(sender.message).toBe('"From" is not a phone number: "shop"');
		expect(sender.description).toBe('Check field "from" of input item 1: use the international format, such as +919876543210.');
	});
});
