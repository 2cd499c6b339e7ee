import { createPaymentEvent } from '../../../../../nodes/shared/webhook/paymentEvent';
import { WebhookPayloadError } from '../../../../../nodes/shared/webhook/payloadError';

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
		const event = createPaymentEvent({ ...fields, idParts: ['r1', 7, 'INVOICE_PAID'], identifiedBy: ['r1'] });
		expect(event.eventId).toBe('calypso:r1:7:INVOICE_PAID');
	});

	it('skips null, undefined and empty parts but keeps zero', () => {
		const event = createPaymentEvent({ ...fields, idParts: [null, 'a', undefined, '', 0, 'b'], identifiedBy: ['a'] });
		expect(event.eventId).toBe('calypso:a:0:b');
	});

	it('gives the same id for the same ids (a redelivery) and different ids otherwise', () => {
		const first = createPaymentEvent({ ...fields, idParts: ['wamid.X', 'captured'], identifiedBy: ['wamid.X'] });
		const again = createPaymentEvent({ ...fields, raw: { retried: true }, idParts: ['wamid.X', 'captured'], identifiedBy: ['wamid.X'] });
		const next = createPaymentEvent({ ...fields, idParts: ['wamid.X', 'pending'], identifiedBy: ['wamid.X'] });
		expect(again.eventId).toBe(first.eventId);
		expect(next.eventId).not.toBe(first.eventId);
	});

	it('keeps every field and leaks neither idParts nor identifiedBy into the event', () => {
		const event = createPaymentEvent({ ...fields, idParts: ['x'], identifiedBy: ['x'] });
		expect(event).toEqual({ eventId: 'calypso:x', ...fields });
		expect(event).not.toHaveProperty('idParts');
		expect(event).not.toHaveProperty('identifiedBy');
	});

	it('accepts an event identified by any one of its identifying parts', () => {
		const event = createPaymentEvent({ ...fields, idParts: [null, 'tx-9', 30050], identifiedBy: [null, '', 'tx-9'] });
		expect(event.eventId).toBe('calypso:tx-9:30050');
	});

	describe('an event without an identifier of its own (defect 1)', () => {
		// Before: an Exotel payment callback without sid and transaction id got the id
		// "exotel:30050", shared by every such payment, so Ignore Redeliveries dropped the next ones.
		const exotelCallback = {
			...fields,
			provider: 'exotel' as const,
			event: 'EX_PAYMENT_SUCCESS',
			idParts: [undefined, 30050, undefined],
			identifiedBy: [undefined, null, ''],
		};

		it('is a WebhookPayloadError (answered 400), never an id made of the status code alone', () => {
			expect(() => createPaymentEvent(exotelCallback)).toThrow(WebhookPayloadError);
			expect(() => createPaymentEvent(exotelCallback)).toThrow(
				'The exotel event "EX_PAYMENT_SUCCESS" carries no identifier (message, payment or transaction ID) to tell it from other events',
			);
		});

		it('is refused also when no parts are given at all', () => {
			expect(() => createPaymentEvent({ ...fields, idParts: [], identifiedBy: [] })).toThrow(WebhookPayloadError);
		});

		it('is refused even when other id parts (statuses, codes) are present', () => {
			expect(() =>
				createPaymentEvent({ ...fields, idParts: ['INVOICE_PAID', 30050], identifiedBy: [] }),
			).toThrow(WebhookPayloadError);
		});
	});
});
