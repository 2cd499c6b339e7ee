import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { payLinkHost } from '../transport/signing';
import { CALYPSO_CREDENTIAL } from '../transport';

/** What customers open to pay: `<host>/pay?widgetKey=<idempotencyKey>` (docs/providers.md §4.1). */
export function widgetPaymentLink(host: string, widgetKey: string): string {
	return `${host}/pay?widgetKey=${encodeURIComponent(widgetKey)}`;
}

export async function linkHostOf(ctx: IExecuteFunctions): Promise<string> {
	return payLinkHost(await ctx.getCredentials(CALYPSO_CREDENTIAL));
}

/** The widget as Calypso returned it (unknown fields included), with its key and payment link. */
export function toWidgetOutput(widget: IDataObject, requestedKey: string, host: string): IDataObject {
	const key = typeof widget.idempotencyKey === 'string' && widget.idempotencyKey !== '' ? widget.idempotencyKey : requestedKey;
	return { ...widget, idempotencyKey: key, widgetKey: key, paymentLink: widgetPaymentLink(host, key) };
}
