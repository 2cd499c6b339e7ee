// Check Payment on Calypso widgets and invoices in the emulator, made with the Calypso Pay node:
// paid once an invoice received the money, failed when an invoice expired, pending before.
import { control, fresh, openCalypsoInvoice, openCalypsoWidget, routes, sweep, useEmulator } from './setup';

const setup = useEmulator();

describe('Check Payment: Calypso against the emulator', () => {
	it('routes a paid widget to Paid, an expired invoice to Failed, an untouched widget and an open invoice to Pending', async () => {
		const { emu } = setup;
		const paidOrder = fresh('order-paid');
		const paidWidget = await openCalypsoWidget(emu, paidOrder);
		const openWidget = await openCalypsoWidget(emu, fresh('order-open'));
		const expiredInvoice = await openCalypsoInvoice(emu, fresh('order-expired'));
		const openInvoice = await openCalypsoInvoice(emu, fresh('order-waiting'));
		const picked = await control(emu, 'calypso', 'pick', { widgetKey: paidWidget, currency: 'USDT_TRX', amount: '25' });
		const invoiceId = (picked.invoice as { id: string }).id;
		await control(emu, 'calypso', 'pay', { invoiceId, mode: 'full' });
		await control(emu, 'calypso', 'expire', { invoiceId: expiredInvoice });

		const result = await sweep(emu, [
			{ provider: 'calypsoPay', calypsoKind: 'widget', widgetKey: paidWidget },
			{ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: expiredInvoice },
			{ provider: 'calypsoPay', calypsoKind: 'widget', widgetKey: openWidget },
			{ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: openInvoice },
		]);
		expect(result.run.status).toBe('success');
		expect(routes(result, 4)).toEqual(['paid', 'failed', 'pending', 'pending']);
		expect(result.paid[0].json).toMatchObject({
			outcome: 'paid',
			provider: 'calypso',
			reference: paidOrder,
			providerStatus: 'COMPLETED',
			details: { widgetKey: paidWidget, invoiceId, invoiceState: 'PAID', totalReceived: '25' },
			event: { eventId: expect.stringMatching(new RegExp(`^calypso:invoice:${invoiceId}:paid:`)), status: 'paid', reference: paidOrder, amount: { value: 25, offset: 1, currency: 'USDT_TRX' } },
		});
		expect(result.failed[0].json).toMatchObject({ status: 'expired', providerStatus: 'ARCHIVED', details: { invoiceId: expiredInvoice } });
		expect(result.pending.map((entry) => [entry.json.status, entry.json.providerStatus, entry.json.event])).toEqual([
			['pending', 'IN_PROGRESS', null],
			['pending', 'PENDING_PAYMENT', null],
		]);
	});

	it('an underpaid invoice stays Pending (status other): a person must look at it', async () => {
		const { emu } = setup;
		const invoiceId = await openCalypsoInvoice(emu, fresh('order-under'));
		await control(emu, 'calypso', 'pay', { invoiceId, mode: 'under' });
		const result = await sweep(emu, [{ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId }]);
		expect(routes(result, 1)).toEqual(['pending']);
		expect(result.pending[0].json).toMatchObject({ status: 'other', providerStatus: 'PENDING_INTERVENTION', event: { status: 'other' } });
	});
});
