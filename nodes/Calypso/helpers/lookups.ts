import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { requestTimeoutMs } from '../../shared/transport/timeout';
import { CALYPSO_DEFAULT_TIMEOUT_SECONDS, calypsoRequest } from '../transport';

/**
 * How one read is made: the item it is for (for error messages; none from a webhook) and its
 * time limit (CALYPSO_DEFAULT_TIMEOUT_SECONDS when not set).
 */
export interface CalypsoCall {
	itemIndex?: number;
	timeoutMs?: number;
}

/** How an invoice is named to Calypso: its id or its idempotency key. */
export type InvoiceLookup = { id: string } | { idempotencyKey: string };

/** The item's Options → Timeout (Seconds) for a Calypso call, in ms. */
export function calypsoTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number {
	return requestTimeoutMs(ctx, itemIndex, CALYPSO_DEFAULT_TIMEOUT_SECONDS);
}

/** POST /api/v1/payment-widget/unlimited-linked/find: the widget whose idempotencyKey is `widgetKey`. A read, tried again on a failure. */
export async function readWidget(this: RequestContext, widgetKey: string, call: CalypsoCall): Promise<IDataObject> {
	return (await calypsoRequest.call(this, {
		path: '/api/v1/payment-widget/unlimited-linked/find',
		payload: { requestId: widgetKey },
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: 'read',
	})) as IDataObject;
}

/** POST /api/v1/invoice by id or idempotency key. A read, tried again on a failure. */
export async function readInvoice(this: RequestContext, by: InvoiceLookup, call: CalypsoCall): Promise<IDataObject> {
	return (await calypsoRequest.call(this, {
		path: '/api/v1/invoice',
		payload: by,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: 'read',
	})) as IDataObject;
}

/** Every invoice a widget lists (invoices[].invoiceId), read one request each, in the widget's order. */
export async function readWidgetInvoices(this: RequestContext, widget: IDataObject, call: CalypsoCall): Promise<IDataObject[]> {
	const listed = Array.isArray(widget.invoices) ? (widget.invoices as IDataObject[]) : [];
	const invoices: IDataObject[] = [];
	for (const entry of listed) {
		const id = entry?.invoiceId;
		if (id === undefined || id === null || id === '') continue;
		invoices.push(await readInvoice.call(this, { id: String(id) }, call));
	}
	return invoices;
}

/** readWidget with the item's time limit. */
export async function findWidget(this: IExecuteFunctions, widgetKey: string, itemIndex: number): Promise<IDataObject> {
	return await readWidget.call(this, widgetKey, { itemIndex, timeoutMs: calypsoTimeoutMs(this, itemIndex) });
}

/** readInvoice with the item's time limit. */
export async function findInvoice(this: IExecuteFunctions, by: InvoiceLookup, itemIndex: number): Promise<IDataObject> {
	return await readInvoice.call(this, by, { itemIndex, timeoutMs: calypsoTimeoutMs(this, itemIndex) });
}
