import type { IDataObject } from 'n8n-workflow';

export const PRODUCT: IDataObject = {
	id: 12,
	name: 'MyCompany WhatsApp Order',
	description: 'Order #ord-1',
	orderId: 'ord-1',
	conversationId: 'conv-1',
	status: 'ACTIVE',
	price: 149.9,
	currency: 'TRY',
	stock: 1,
	soldCount: 0,
	token: 'tok-12',
	enabledInstallments: [1],
	url: 'https://sandbox-pbl.craftgate.io/l/tok-12',
	qrCodeUrl: 'https://sandbox-pbl.craftgate.io/qr/tok-12',
	channel: 'WHATSAPP',
	multiPayment: false,
	expiresAt: '2030-01-01T10:00:00',
};

export function payment(fields: IDataObject = {}): IDataObject {
	return {
		id: 584,
		createdDate: '2025-06-30T15:01:00',
		price: 149.9,
		paidPrice: 149.9,
		currency: 'TRY',
		installment: 1,
		paymentSource: 'PAY_BY_LINK',
		paymentStatus: 'SUCCESS',
		paymentType: 'CARD_PAYMENT',
		orderId: 'ord-1',
		conversationId: 'conv-1',
		paymentError: null,
		...fields,
	};
}
