import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { payloadText } from '../../shared/text';
import { isWithinReplayWindow, verifyHmac } from '../../shared/webhook';
import { CRAFTGATE_CREDENTIAL } from '../transport/apiHost';
import { PAYMENT_EVENT_TYPES } from './eventTypes';

export const SIGNATURE_HEADER = 'x-cg-signature-v1';
export const DEFAULT_MAX_EVENT_AGE_MINUTES = 1440;

/** The four signed fields of a delivery, as text; undefined when one is missing. */
export interface SignedFields {
	eventType: string;
	eventTimestamp: string;
	status: string;
	payloadId: string;
}

/**
 * The forms Craftgate gives the signed fields (docs/providers.md §1.6). The signature covers the
 * four texts joined without separators, so a captured signature also fits every other way of
 * cutting the same string ("SUCCESS" + "1001" = "SUCCESS1" + "001"). Only one cut has every field
 * in its own form, so nothing else is accepted:
 * - eventType: capitals, digits and underscores, not ending in a digit (the timestamp follows);
 * - eventTimestamp: a decimal integer without leading zeros;
 * - status: exactly SUCCESS or FAILURE (WebhookStatus in the official clients);
 * - payloadId: a payment id (decimal, no leading zeros, at most 19 digits: a 64-bit id) or a
 *   checkout token (a UUID, as the official clients' samples show); events that are not
 *   payments may carry other ids, but never a number with leading zeros.
 */
export const WEBHOOK_STATUSES = ['SUCCESS', 'FAILURE'];
const EVENT_TYPE = /^[A-Z][A-Z0-9_]*(?<!\d)$/;
const TIMESTAMP = /^[1-9]\d{0,15}$/;
export const PAYMENT_ID = /^[1-9]\d{0,18}$/;
export const CHECKOUT_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OTHER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function isCanonicalPayloadId(eventType: string, payloadId: string): boolean {
	if (/^\d+$/.test(payloadId)) return PAYMENT_ID.test(payloadId);
	if (PAYMENT_EVENT_TYPES.includes(eventType)) return CHECKOUT_TOKEN.test(payloadId);
	return OTHER_ID.test(payloadId);
}

/** Why the signed fields are not in Craftgate's own forms (without quoting them), or undefined. */
export function nonCanonicalField(fields: SignedFields): string | undefined {
	if (!EVENT_TYPE.test(fields.eventType)) return 'eventType is not an event type';
	if (!TIMESTAMP.test(fields.eventTimestamp)) return 'eventTimestamp is not a whole number without leading zeros';
	if (!WEBHOOK_STATUSES.includes(fields.status)) return `status is not ${WEBHOOK_STATUSES.join(' or ')}`;
	if (!isCanonicalPayloadId(fields.eventType, fields.payloadId)) {
		return 'payloadId is not a payment id (digits without leading zeros) or a checkout token (UUID)';
	}
	return undefined;
}

/** The four signed fields of a delivery as text; undefined when one is missing. */
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
 * Whether a delivery comes from Craftgate: its signed fields are in Craftgate's own forms (see
 * nonCanonicalField), the X-CG-SIGNATURE-V1 HMAC checks out (constant time) and, unless the age
 * check is off (0), eventTimestamp is within the allowed age. Without a webhook key nothing can
 * be verified, so everything is refused.
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
	const notCanonical = nonCanonicalField(fields);
	if (notCanonical) {
		this.logger.warn(`Craftgate Trigger rejected a delivery: ${notCanonical}`);
		return false;
	}
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
