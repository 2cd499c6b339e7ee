import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { calypsoRequest } from '../transport';

/** POST /api/v1/payment-widget/unlimited-linked/find: the widget whose idempotencyKey is `widgetKey`. */
export async function findWidget(this: IExecuteFunctions, widgetKey: string, itemIndex: number): Promise<IDataObject> {
	return (await calypsoRequest.call(this, {
		path: '/api/v1/payment-widget/unlimited-linked/find',
		payload: { requestId: widgetKey },
		itemIndex,
	})) as IDataObject;
}

/** POST /api/v1/invoice by id or idempotency key. */
export async function findInvoice(
	this: IExecuteFunctions,
	by: { id: string } | { idempotencyKey: string },
	itemIndex: number,
): Promise<IDataObject> {
	return (await calypsoRequest.call(this, { path: '/api/v1/invoice', payload: by, itemIndex })) as IDataObject;
}
