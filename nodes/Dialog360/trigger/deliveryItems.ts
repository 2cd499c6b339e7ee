import type { IDataObject } from 'n8n-workflow';
import { payloadText } from '../../shared/text';
import { WebhookPayloadError } from '../../shared/webhook';

/*
 * What a 360dialog delivery carries (docs/providers.md §2.5, §2.7): the Cloud API envelope
 * `{object, entry:[{id, changes:[{field, value:{metadata, statuses[], messages[], errors[]}}]}]}`,
 * or the older On-Premise one with `statuses[]` / `errors[]` at the top.
 */

/** WhatsApp's asynchronous order_status errors: 2046 invalid transition, 2047 cannot cancel. */
export const ORDER_ERROR_CODES = [2046, 2047];

export interface DeliveryContext {
	/** The WhatsApp Business Account (entry.id). */
	wabaId: string | null;
	phoneNumberId: string | null;
	displayPhoneNumber: string | null;
}

export interface StatusItem {
	status: IDataObject;
	context: DeliveryContext;
}

export interface ErrorItem {
	error: IDataObject;
	context: DeliveryContext;
}

export interface DeliveryItems {
	statuses: StatusItem[];
	errors: ErrorItem[];
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(list: unknown): IDataObject[] {
	return Array.isArray(list) ? list.filter(isObject) : [];
}

function collect(value: IDataObject, context: DeliveryContext, into: DeliveryItems): void {
	for (const status of objects(value.statuses)) into.statuses.push({ status, context });
	for (const error of objects(value.errors)) into.errors.push({ error, context });
}

/** Every status and error item of a delivery; throws WebhookPayloadError when it is not one. */
export function readDeliveryItems(body: unknown): DeliveryItems {
	if (!isObject(body)) throw new WebhookPayloadError('The body is not a JSON object');
	const items: DeliveryItems = { statuses: [], errors: [] };
	if (Array.isArray(body.entry)) {
		for (const entry of objects(body.entry)) {
			for (const change of objects(entry.changes)) {
				if (!isObject(change.value)) continue;
				const metadata = isObject(change.value.metadata) ? change.value.metadata : {};
				collect(change.value, {
					wabaId: payloadText(entry.id),
					phoneNumberId: payloadText(metadata.phone_number_id),
					displayPhoneNumber: payloadText(metadata.display_phone_number),
				}, items);
			}
		}
		return items;
	}
	if ('statuses' in body || 'errors' in body || 'messages' in body || 'contacts' in body) {
		collect(body, { wabaId: null, phoneNumberId: null, displayPhoneNumber: null }, items);
		return items;
	}
	throw new WebhookPayloadError('Expected a WhatsApp webhook: an "entry" list (Cloud API) or "statuses" (On-Premise)');
}

/** The error code of an error object as a number, when it is one. */
export function errorCodeOf(error: IDataObject): number | null {
	const code = typeof error.code === 'string' && /^\d+$/.test(error.code.trim()) ? Number(error.code) : error.code;
	return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

/** The first 2046/2047 error of a list, if any. */
export function orderErrorOf(errors: unknown): IDataObject | undefined {
	return objects(errors).find((error) => ORDER_ERROR_CODES.includes(errorCodeOf(error) ?? -1));
}
