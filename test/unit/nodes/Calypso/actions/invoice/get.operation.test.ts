import { CalypsoPay } from '../../../../../../nodes/Calypso/CalypsoPay.node';
import { ok } from '../../../../../fakes/calypso';
import { calypsoExecuteContext, type ExecuteOptions } from '../../contexts';
import { invoice } from '../../fixtures';

const node = new CalypsoPay();

async function run(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

describe('Invoice → Get', () => {
	it.each([
		['id', { lookupBy: 'id', invoiceId: ' inv-000001 ' }, { id: 'inv-000001' }],
		['idempotency key', { lookupBy: 'idempotencyKey', invoiceIdempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' }, { idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' }],
	])('reads an invoice by %s and passes every field through', async (_name, fields, payload) => {
		const answer = invoice({ state: 'PAID', totalDebitAmount: 25.5, amount: 25.5, somethingNew: 'x' });
		const { calls, output } = await run({ parameters: { resource: 'invoice', operation: 'get', ...fields }, respond: () => ok(answer) });
		expect(calls.map((c) => [c.path, c.payload])).toEqual([['/api/v1/invoice', payload]]);
		expect(output).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
	});

	it('refuses an empty id before sending', async () => {
		const context = calypsoExecuteContext({ parameters: { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: '' } });
		await expect(node.execute.call(context.ctx)).rejects.toThrow('Invoice ID is required');
		expect(context.calls).toHaveLength(0);
	});
});
