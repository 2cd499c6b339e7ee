// Check Payment on 360dialog payment requests in the emulator: its lookup read as paid, failed
// (failed or canceled by the customer) or pending (not paid yet, or a payment in progress).
import { CONFIGURATION, control, fresh, openDialog360Order, routes, sweep, useEmulator } from './setup';

const setup = useEmulator();
const item = (referenceId: string) => ({ provider: 'dialog360', paymentConfiguration: CONFIGURATION, referenceId });

describe('Check Payment: 360dialog against the emulator', () => {
	it('routes captured to Paid, failed and canceled to Failed, new and pending to Pending', async () => {
		const { emu } = setup;
		const [paid, declined, canceled, untouched, started] = ['PAID', 'DECLINED', 'CANCELED', 'NEW', 'STARTED'].map((name) => fresh(`D360-${name}`));
		for (const reference of [paid, declined, canceled, untouched, started]) await openDialog360Order(emu, reference);
		await control(emu, 'dialog360', 'pay', { reference_id: paid, outcome: 'captured' });
		await control(emu, 'dialog360', 'pay', { reference_id: declined, outcome: 'failed' });
		await control(emu, 'dialog360', 'pay', { reference_id: canceled, outcome: 'canceled' });
		await control(emu, 'dialog360', 'pay', { reference_id: started, outcome: 'pending' });

		const result = await sweep(emu, [paid, declined, canceled, untouched, started].map(item));
		expect(result.run.status).toBe('success');
		expect(routes(result, 5)).toEqual(['paid', 'failed', 'failed', 'pending', 'pending']);
		expect(result.paid[0].json).toMatchObject({
			outcome: 'paid',
			provider: '360dialog',
			status: 'paid',
			providerStatus: 'captured',
			reference: paid,
			event: { provider: '360dialog', status: 'paid', reference: paid, amount: { value: 25000, offset: 100, currency: 'INR' }, details: { confirmed: true } },
		});
		expect(result.failed.map((entry) => [entry.json.status, entry.json.providerStatus])).toEqual([
			['failed', 'failed'],
			['canceled', 'canceled'],
		]);
		expect(result.pending.map((entry) => [entry.json.providerStatus, entry.json.event === null])).toEqual([
			['new', true],
			['pending', false],
		]);
	});

	it('a reference 360dialog does not know stops the sweep with the lookup\'s 404', async () => {
		const result = await sweep(setup.emu, [item(fresh('D360-NEVER-SENT'))]);
		expect(result.run.status).toBe('error');
		expect(result.run.nodeError('Check Payment')).toMatchObject({ httpCode: '404' });
	});
});
