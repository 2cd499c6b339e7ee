import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { requestTimeoutMs } from '../../shared/transport/timeout';
import { CALYPSO_DEFAULT_TIMEOUT_SECONDS, calypsoRequest } from '../transport';

/** The item's Options → Timeout (Seconds) for a Calypso call, in ms. */
export function calypsoTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number {
	return requestTimeoutMs(ctx, itemIndex, CALYPSO_DEFAULT_TIMEOUT_SECONDS);
}

/** POST /api/v1/payment-widget/unlimited-linked/find: the widget whose idempotencyKey is `widgetKey`. A read, tried again on a failure. */
export async function findWidget(this: IExecuteFunctions, widgetKey: string, itemIndex: number): Promise<IDataObject> {
	return (await calypsoRequest.call(this, {
		path: '/api/v1/payment-widget/unlimited-linked/find',
		payload: { requestId: widgetKey },
		itemIndex,
		timeoutMs: calypsoTimeoutMs(this, itemIndex),
		retry: 'read',
	})) as IDataObject;
}

/** POST /api/v1/invoice by id or idempotency key. A read, tried again on a failure. */
export async function findInvoice(
	this: IExecuteFunctions,
	by: { id: string } | { idempotencyKey: string },
	itemIndex: number,
): Promise<IDataObject> {
	return (await calypsoRequest.call(this, {
		path: '/api/v1/invoice',
		payload: by,
		itemIndex,
		timeoutMs: calypsoTimeoutMs(this, itemIndex),
		retry: 'read',
	})) as IDataObject;
}
