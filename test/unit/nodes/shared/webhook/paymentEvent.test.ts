import { createPaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';

const fields = {
	provider: 'calypso',
	event: 'INVOICE_PAID',
	status: 'paid',
	reference: 'order-42',
	transactionId: null,
	amount: { value: 1000, offset: 100, currency: 'USDT' },
	occurredAt: '2022-03-15T12:13:05.909Z',
	details: { invoiceId: 'inv-1' },
	raw: { id: 7, eventType: 'INVOICE_PAID' },
} as const;

describe('createPaymentEvent', () => {
	it('derives eventId as <provider>:<parts joined by ":">', () => {
		const event = createPaymentEvent({ ...fields, idParts: ['r1', 7, 'INVOICE_PAID'] });
		expect(event.eventId).toBe('calypso:r1:7:INVOICE_PAID');
	});

	it('skips null, undefined and empty parts but keeps zero', () => {
		const event = createPaymentEvent({ ...fields, idParts: [null, 'a', undefined, '', 0, 'b'] });
		expect(event.eventId).toBe('calypso:a:0:b');
	});

	it('is just the provider when no part is usable', () => {
		expect(createPaymentEvent({ ...fields, idParts: [] }).eventId).toBe('calypso');
		expect(createPaymentEvent({ ...fields, idParts: [null, undefined, ''] }).eventId).toBe('calypso');
	});

	it('gives the same id for the same ids (a redelivery) and different ids otherwise', () => {
		const first = createPaymentEvent({ ...fields, idParts: ['wamid.X', 'captured'] });
		const again = createPaymentEvent({ ...fields, raw: { retried: true }, idParts: ['wamid.X', 'captured'] });
		const next = createPaymentEvent({ ...fields, idParts: ['wamid.X', 'pending'] });
		expect(again.eventId).toBe(first.eventId);
		expect(next.eventId).not.toBe(first.eventId);
	});

	it('keeps every field and does not leak idParts into the event', () => {
		const event = createPaymentEvent({ ...fields, idParts: ['x'] });
		expect(event).toEqual({ eventId: 'calypso:x', ...fields });
		expect(event).not.toHaveProperty('idParts');
	});
});
