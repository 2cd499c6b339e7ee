import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { payloadText } from '../../shared/text';
import { isWithinReplayWindow, verifyHmac } from '../../shared/webhook';
import { CRAFTGATE_CREDENTIAL } from '../transport/apiHost';

export const SIGNATURE_HEADER = 'x-cg-signature-v1';
export const DEFAULT_MAX_EVENT_AGE_MINUTES = 1440;

/** The four signed fields of a delivery, as text; undefined when one is missing. */
export interface SignedFields {
	eventType: string;
	eventTimestamp: string;
	status: string;
	payloadId: string;
}

export function readSignedFields(body: IDataObject): SignedFields | undefined {
	const eventType = payloadText(body.eventType);
	const eventTimestamp = payloadText(body.eventTimestamp);
	const status = payloadText(body.status);
	const payloadId = payloadText(body.payloadId);
	if (!eventType || !eventTimestamp || !status || !payloadId) return undefined;
	return { eventType, eventTimestamp, status, payloadId };
}

/** base64(HMAC-SHA256(webhook key, eventType + eventTimestamp + status + payloadId)), no separators. */
export function signedPayload(fields: SignedFields): string {
	return fields.eventType + fields.eventTimestamp + fields.status + fields.payloadId;
}

/**
 * Whether a delivery comes from Craftgate: the X-CG-SIGNATURE-V1 HMAC checks out (constant
 * time) and, unless the age check is off (0), eventTimestamp is within the allowed age.
 * Without a webhook key nothing can be verified, so everything is refused.
 */
export async function isAuthenticDelivery(
	this: IWebhookFunctions,
	body: IDataObject,
	maxEventAgeMinutes: number,
	now?: Date,
): Promise<boolean> {
	const credentials = await this.getCredentials(CRAFTGATE_CREDENTIAL);
	const key = String(credentials.webhookSecret ?? '');
	if (key === '') {
		this.logger.warn(
			'Craftgate Trigger rejected a delivery: the Craftgate credential has no Merchant Webhook Key, so no signature can be checked',
		);
		return false;
	}
	const fields = readSignedFields(body);
	if (!fields) return false;
	const header = this.getHeaderData()[SIGNATURE_HEADER];
	const received = Array.isArray(header) ? header[0] : header;
	const signatureOk = verifyHmac({
		algorithm: 'sha256',
		key,
		payload: signedPayload(fields),
		received: typeof received === 'string' ? received : undefined,
		encoding: 'base64',
	});
	if (!signatureOk) return false;
	if (maxEventAgeMinutes > 0) {
		return isWithinReplayWindow(fields.eventTimestamp, { toleranceSeconds: maxEventAgeMinutes * 60, now });
	}
	return true;
}
