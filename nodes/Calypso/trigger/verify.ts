import type { IWebhookFunctions } from 'n8n-workflow';
import { getRawBody, safeEqual, verifyHmac } from '../../shared/webhook';
import { subscriptionData } from './subscription';

function header(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/**
 * Whether a delivery comes from our Calypso subscription: `Key` is the subscription's public
 * key and `Sign` = hex(HMAC-SHA512(subscription secretKey, raw body)), both compared in
 * constant time. Before the trigger was activated there are no keys, so nothing passes.
 */
export async function isAuthenticDelivery(this: IWebhookFunctions): Promise<boolean> {
	const { publicKey, secretKey } = subscriptionData(this);
	if (!publicKey || !secretKey) {
		this.logger.warn(
			'Calypso Pay Trigger rejected a delivery: it has no webhook subscription keys (activate the workflow so it subscribes to Calypso)',
		);
		return false;
	}
	const key = header(this, 'key');
	if (key === undefined || !safeEqual(key.trim(), publicKey)) return false;
	return verifyHmac({
		algorithm: 'sha512',
		key: secretKey,
		payload: await getRawBody(this),
		received: header(this, 'sign'),
		encoding: 'hex',
	});
}
