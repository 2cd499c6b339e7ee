// Check Payment on Craftgate links in the emulator, made with the Craftgate node: paid from the
// sold count, failed on a declined payment, an expired or a deactivated link, pending otherwise.
import { runWorkflow } from '../harness';
import { control, credentials, fresh, openCraftgateLink, routes, sweep, useEmulator } from './setup';

const setup = useEmulator();
const item = (linkId: number) => ({ provider: 'craftgate', linkId });

describe('Check Payment: Craftgate against the emulator', () => {
	it('routes a paid link to Paid; declined, expired and deactivated links to Failed; an open one to Pending', async () => {
		const { emu } = setup;
		const links: number[] = [];
		for (const name of ['paid', 'declined', 'expired', 'passive', 'open']) links.push(await openCraftgateLink(emu, fresh(`cg-${name}`)));
		const [paid, declined, expired, passive, open] = links;
		await control(emu, 'craftgate', 'pay', { productId: paid, outcome: 'success' });
		await control(emu, 'craftgate', 'pay', { productId: declined, outcome: 'failure' });
		await control(emu, 'craftgate', 'expire', { productId: expired });
		const deactivated = await runWorkflow({
			workflow: {
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
					{ name: 'Deactivate', type: 'n8n-nodes-chat-payments.craftgate', parameters: { resource: 'link', operation: 'deactivate', linkId: String(passive) } },
				],
				connections: { Start: { main: [[{ node: 'Deactivate', type: 'main', index: 0 }]] } },
			},
			credentials: credentials(emu),
		});
		expect(deactivated.output('Deactivate')[0].json).toMatchObject({ status: 'PASSIVE', alreadyPassive: false });

		const result = await sweep(emu, links.map(item));
		expect(result.run.status).toBe('success');
		expect(routes(result, 5)).toEqual(['paid', 'failed', 'failed', 'failed', 'pending']);
		const paidPayment = (emu.state.craftgate as { payments: Array<{ id: number; orderId: string }> }).payments.find((entry) => entry.orderId === result.paid[0].json.reference);
		expect(result.paid[0].json).toMatchObject({
			outcome: 'paid',
			provider: 'craftgate',
			status: 'paid',
			details: { linkId: paid, soldCount: 1 },
			event: { eventId: `craftgate:payment:${paidPayment?.id}:paid`, status: 'paid', details: { linkId: paid, confirmed: true } },
		});
		expect(result.failed.map((entry) => [entry.json.status, (entry.json.details as { linkId: number }).linkId])).toEqual([
			['failed', declined],
			['expired', expired],
			['canceled', passive],
		]);
		expect(result.pending[0].json).toMatchObject({ outcome: 'pending', status: 'pending', event: null, details: { linkId: open } });
	});
});
