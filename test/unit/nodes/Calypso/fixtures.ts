import type { IDataObject } from 'n8n-workflow';

export const WIDGET_KEY = '5b0ca8da-6af4-4a1c-9efd-5cbfc19ace09';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A widget as Calypso answers it, with a field the docs do not list (Calypso adds fields). */
export function widget(fields: IDataObject = {}): IDataObject {
	return {
		idempotencyKey: WIDGET_KEY,
		cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
		description: 'Order 1042',
		widgetType: 'UNLIMITED_LINKED',
		widgetState: 'IN_PROGRESS',
		externalId: 'order-1042',
		invoices: [],
		createdDate: '2026-01-02T10:00:00.000000',
		expiration: '2026-02-01T10:00:00.000000',
		brandNewField: { kept: true },
		...fields,
	};
}

export function invoice(fields: IDataObject = {}): IDataObject {
	return {
		id: 'inv-000001',
		invoiceAddress: 'TXYZ',
		type: 'UNLIMITED_LINKED',
		amount: null,
		fee: 0,
		totalDebitAmount: 0,
		currency: 'USDT_TRX',
		state: 'PENDING_PAYMENT',
		lastDepositHash: null,
		description: 'Order 1042',
		createdDate: '2026-01-02T10:01:00.000000',
		idempotencyKey: '9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
		externalId: 'order-1042',
		...fields,
	};
}
