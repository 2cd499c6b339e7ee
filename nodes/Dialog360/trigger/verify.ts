import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { getRawBody, safeEqual, verifyHmac } from '../../shared/webhook';
import { DIALOG360_CREDENTIAL } from '../transport';

/**
 * The header 360dialog is told to send with every delivery (POST /v1/configs/webhook `headers`),
 * holding a secret this trigger generated in create() and keeps in its static data.
 */
export const TRIGGER_HEADER = 'X-N8N-Webhook-Secret';

/** 360dialog's optional partner-level signature: HMAC-SHA256 of the raw body (docs/providers.md §2.7). */
export const SIGNATURE_HEADER = 'x-360dialog-signature';

/**
 * 360dialog does not say how the signature is encoded (docs/providers.md §6.7). Hex is the first guess;
 * base64 can be chosen, or either accepted.
 */
export type SignatureEncoding = 'hex' | 'base64' | 'hexOrBase64';

function headerValue(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()] as string | string[] | undefined;
	return Array.isArray(value) ? value[0] : value;
}

/** The delivery carries the secret header with this trigger's secret (constant time). */
export function hasSecretHeader(ctx: IWebhookFunctions, secretToken: unknown): boolean {
	if (typeof secretToken !== 'string' || secretToken === '') {
		ctx.logger.warn(
			'360dialog Trigger has no webhook secret in its static data, so every delivery is refused: deactivate and activate the workflow again',
			{ node: ctx.getNode().name },
		);
		return false;
	}
	const received = headerValue(ctx, TRIGGER_HEADER);
	return typeof received === 'string' && safeEqual(received.trim(), secretToken);
}

/** The x-360dialog-signature over the raw body, with or without a `sha256=` prefix. */
export async function hasValidSignature(ctx: IWebhookFunctions, encoding: SignatureEncoding): Promise<boolean> {
	const credentials = (await ctx.getCredentials(DIALOG360_CREDENTIAL)) as IDataObject;
	const key = String(credentials.partnerWebhookSecret ?? '');
	const header = headerValue(ctx, SIGNATURE_HEADER)?.trim();
	if (key === '' || !header) return false;
	const received = /^sha256=/i.test(header) ? header.slice('sha256='.length) : header;
	const payload = await getRawBody(ctx);
	const encodings: Array<'hex' | 'base64'> = encoding === 'hexOrBase64' ? ['hex', 'base64'] : [encoding];
	return encodings.some((each) => verifyHmac({ algorithm: 'sha256', key, payload, received, encoding: each }));
}
