// The Calypso emulator's controls for payment journeys: the customer names the widget by the
// order id it carries (externalId), and Calypso's compliance service declines a payment.
import type { IDataObject } from 'n8n-workflow';
import { startReceiver } from './helpers';
import { useCalypsoEmulator, uuid, widgetPayload } from './calypsoHelpers';

const h = useCalypsoEmulator();

async function widget(fields: IDataObject = {}) {
	const answer = await h.call('/api/v1/payment-widget/unlimited-linked/create', widgetPayload(fields));
	expect(answer.statusCode).toBe(200);
	return answer.body;
}

describe('a widget named by its order id (externalId)', () => {
	it('picks on the newest widget carrying it and pays its newest invoice', async () => {
		await widget({ idempotencyKey: uuid(1), externalId: 'CR-1' });
		await widget({ idempotencyKey: uuid(2), externalId: 'CR-1' });
		const picked = await h.control('pick', { externalId: 'CR-1', currency: 'BTC', amount: '0.01' });
		expect(picked.status).toBe(200);
		expect(picked.json.widget.idempotencyKey).toBe(uuid(2));
		const paid = await h.control('pay', { externalId: 'CR-1', mode: 'full' });
		expect(paid.status).toBe(200);
		expect(paid.json.invoice).toMatchObject({ id: picked.json.invoice.id, state: 'PAID' });
		expect(h.emu.state.calypso.widgets[uuid(2)].widgetState).toBe('COMPLETED');
	});

	it('answers 404 for an order id no widget or invoice carries', async () => {
		expect((await h.control('pick', { externalId: 'nobody', currency: 'BTC' })).status).toBe(404);
		expect((await h.control('pay', { externalId: 'nobody' })).status).toBe(404);
		expect((await h.control('decline', { externalId: 'nobody' })).status).toBe(404);
	});
});

describe('a payment declined by compliance', () => {
	it('holds the deposit for the check, then declines the invoice, and says so by webhook', async () => {
		const receiver = await startReceiver();
		try {
			const subscribed = await h.call('/api/v1/subscription/webhook/create', { requestId: uuid(50), url: receiver.url, notificationServiceTypes: ['INVOICE'] });
			expect(subscribed.statusCode).toBe(200);
			await widget({ idempotencyKey: uuid(1), externalId: 'CR-2' });
			const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'USDT_TRX' });
			const declined = await h.control('decline', { invoiceId: picked.json.invoice.id, amount: '25' });
			expect(declined.status).toBe(200);
			expect(declined.json.invoice).toMatchObject({ state: 'DECLINED', totalDebitAmount: 25 });
			expect(declined.json.events.map((event: any) => event.eventType)).toEqual(['INVOICE_PENDING_COMPLIANCE', 'INVOICE_COMPLIANCE_DECLINED']);
			const bodies = receiver.received.map((request) => JSON.parse(request.body));
			expect(bodies.map((body) => [body.eventType, body.data.parentExternalId])).toEqual([
				['INVOICE_CREATE_UNLIMITED_INVOICE', 'CR-2'],
				['INVOICE_PENDING_COMPLIANCE', 'CR-2'],
				['INVOICE_COMPLIANCE_DECLINED', 'CR-2'],
			]);
			// The invoice as the API answers it: declined, and it cannot be paid any more.
			expect((await h.call('/api/v1/invoice', { id: picked.json.invoice.id })).body.state).toBe('DECLINED');
			expect((await h.control('pay', { invoiceId: picked.json.invoice.id })).status).toBe(409);
		} finally {
			await receiver.close();
		}
	});

	it('refuses to decline a paid invoice', async () => {
		await widget({ idempotencyKey: uuid(1), externalId: 'CR-3' });
		const picked = await h.control('pick', { widgetKey: uuid(1), currency: 'BTC', amount: '0.01' });
		await h.control('pay', { invoiceId: picked.json.invoice.id });
		expect((await h.control('decline', { invoiceId: picked.json.invoice.id })).status).toBe(409);
	});
});
