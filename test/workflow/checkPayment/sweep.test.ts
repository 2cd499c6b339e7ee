// A scheduled sweep as a builder writes it: the open payments of every provider in one list, one
// Check Payment node (provider and ids from each item), and each payment on its output; with
// Continue On Fail, a payment whose check fails goes to Pending with the error, the rest carry on.
import { runWorkflow } from '../harness';
import { CONFIGURATION, control, credentials, fresh, openCalypsoWidget, openCraftgateLink, openDialog360Order, routes, sweep, sweepWorkflow, useEmulator } from './setup';

const setup = useEmulator();

describe('Check Payment: one sweep over every provider', () => {
	it('routes a 360dialog, a Craftgate and a Calypso payment, each by its own provider', async () => {
		const { emu } = setup;
		const reference = fresh('D360-SWEEP');
		await openDialog360Order(emu, reference);
		await control(emu, 'dialog360', 'pay', { reference_id: reference, outcome: 'captured' });
		const linkId = await openCraftgateLink(emu, fresh('cg-sweep'));
		await control(emu, 'craftgate', 'pay', { productId: linkId, outcome: 'failure' });
		const widgetKey = await openCalypsoWidget(emu, fresh('order-sweep'));

		const result = await sweep(emu, [
			{ order: 'A-1', provider: 'dialog360', paymentConfiguration: CONFIGURATION, referenceId: reference },
			{ order: 'A-2', provider: 'craftgate', linkId },
			{ order: 'A-3', provider: 'calypsoPay', calypsoKind: 'widget', widgetKey },
		]);
		expect(routes(result, 3)).toEqual(['paid', 'failed', 'pending']);
		expect([result.paid[0].json.provider, result.failed[0].json.provider, result.pending[0].json.provider]).toEqual(['360dialog', 'craftgate', 'calypso']);
	});

	it('with Continue On Fail, a check that fails goes to Pending with the error and the provider\'s code', async () => {
		const { emu } = setup;
		const linkId = await openCraftgateLink(emu, fresh('cg-cof'));
		await control(emu, 'craftgate', 'pay', { productId: linkId });
		const workflow = {
			...sweepWorkflow,
			nodes: sweepWorkflow.nodes.map((node) => (node.name === 'Check Payment' ? { ...node, onError: 'continueRegularOutput' as const } : node)),
		};
		const run = await runWorkflow({
			workflow,
			credentials: credentials(emu),
			input: [
				{ provider: 'craftgate', linkId: 987654 },
				{ provider: 'exotel' },
				{ provider: 'craftgate', linkId },
			],
		});
		expect(run.status).toBe('success');
		const [paid, , pending] = [0, 1, 2].map((output) => run.output('Check Payment', output));
		expect(paid.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(pending.map((item) => [item.pairedItem, item.json.providerCode ?? null])).toEqual([
			[{ item: 0 }, '5015'],
			[{ item: 1 }, null],
		]);
		expect(pending[0].json).toMatchObject({ provider: 'craftgate', linkId: '987654', httpStatus: 404, error: expect.any(String) });
		expect(pending[1].json.error).toMatch(/Exotel offers no payment status lookup/);
	});
});
