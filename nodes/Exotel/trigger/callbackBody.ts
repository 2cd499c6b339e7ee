import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { getRawBody, WebhookPayloadError } from '../../shared/webhook';

/*
 * Exotel's status callbacks come in several shapes (docs/providers.md §3.7): `{whatsapp:{messages:[…]}}`
 * or the `{params:{whatsapp:…}}` of Exotel's examples, as JSON, as form fields (flat item fields, bracketed
 * `whatsapp[messages][0][sid]` keys, or a JSON string in one field), sometimes as multipart.
 * This file turns any of them into the list of callback items.
 */

type Json = Record<string, unknown>;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON text inside a form field becomes its value; anything else stays as it is. */
function parseIfJsonText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return value;
	}
}

/** `a[b][0][c]` → ['a', 'b', '0', 'c']; a key without brackets → [key]. */
function bracketPath(key: string): string[] {
	const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (!match) return [key];
	return [match[1], ...Array.from(match[2].matchAll(/\[([^[\]]*)\]/g), (part) => part[1])];
}

/** Objects whose keys are all indexes (from bracketed form keys) become arrays, in index order. */
function arraysFromIndexes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(arraysFromIndexes);
	if (!isObject(value)) return value;
	const keys = Object.keys(value);
	const converted: Json = {};
	for (const key of keys) converted[key] = arraysFromIndexes(value[key]);
	if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
		return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key]);
	}
	return converted;
}

/** Nests bracketed form keys (`whatsapp[messages][0][sid]=…`); other keys are kept as they are. */
export function unflattenFormFields(fields: Json): Json {
	if (!Object.keys(fields).some((key) => key.includes('['))) return fields;
	const root: Json = {};
	for (const [key, value] of Object.entries(fields)) {
		const path = bracketPath(key);
		if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
		let node = root;
		path.forEach((part, depth) => {
			if (depth === path.length - 1) {
				node[part] = value;
				return;
			}
			if (!isObject(node[part])) node[part] = {};
			node = node[part] as Json;
		});
	}
	return arraysFromIndexes(root) as Json;
}

/** Text fields of a multipart/form-data body (files are ignored: Exotel sends none). */
export function parseMultipartFields(raw: Buffer, contentType: string): Json {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	const marker = boundary ? `--${(boundary[1] ?? boundary[2]).trim()}` : undefined;
	const fields: Json = {};
	if (!marker) return fields;
	for (const part of raw.toString('utf8').split(marker)) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) continue;
		const headers = part.slice(0, headerEnd);
		const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
		if (!name || /\bfilename=/i.test(headers) || UNSAFE_KEYS.has(name)) continue;
		fields[name] = part.slice(headerEnd + 4).replace(/\r\n$/, '');
	}
	return fields;
}

function looksLikeCallbackItem(value: unknown): value is IDataObject {
	return isObject(value) && ('exo_status_code' in value || 'exo_detailed_status' in value || 'sid' in value);
}

function itemsOf(messages: unknown): IDataObject[] {
	const list = parseIfJsonText(messages);
	const values = Array.isArray(list) ? list : isObject(list) ? Object.values(list) : [];
	return values.map(parseIfJsonText).filter(looksLikeCallbackItem);
}

/** The callback items of one parsed body, whichever envelope it uses. */
export function callbackItemsOf(body: unknown): IDataObject[] {
	const parsed = parseIfJsonText(body);
	if (Array.isArray(parsed)) return parsed.flatMap(callbackItemsOf);
	if (!isObject(parsed)) return [];
	const fields = unflattenFormFields(parsed);
	const params = parseIfJsonText(fields.params);
	const channel = parseIfJsonText(fields.whatsapp ?? (isObject(params) ? params.whatsapp : undefined));
	if (isObject(channel)) return itemsOf(channel.messages);
	if (looksLikeCallbackItem(fields)) return [fields as IDataObject];
	return [];
}

function headerText(value: string | string[] | undefined): string {
	return Array.isArray(value) ? value.join(';') : (value ?? '');
}

/**
 * The text fields of a multipart request: n8n 2.41 parses multipart bodies for every webhook node
 * into `{ data: fields, files }`; where n8n left the body unparsed, they are read from the raw body.
 */
async function multipartFieldsOf(ctx: IWebhookFunctions, body: unknown, contentType: string): Promise<unknown> {
	if (isObject(body) && isObject(body.data)) return body.data;
	if (isObject(body) && Object.keys(body).length > 0) return body;
	return parseMultipartFields(await getRawBody(ctx), contentType);
}

/** Reads the callback items of the current request; a body with none is refused (400). */
export async function readCallbackItems(ctx: IWebhookFunctions): Promise<IDataObject[]> {
	let body: unknown = ctx.getBodyData();
	const contentType = headerText(ctx.getHeaderData()['content-type']);
	const empty = !isObject(body) || Object.keys(body).length === 0;
	if (/^multipart\//i.test(contentType)) {
		body = await multipartFieldsOf(ctx, body, contentType);
	} else if (empty && typeof body !== 'string') {
		const raw = await getRawBody(ctx);
		if (raw.length > 0) body = raw.toString('utf8');
	}
	const items = callbackItemsOf(body);
	if (items.length === 0) {
		throw new WebhookPayloadError('No Exotel status callback found: expected whatsapp.messages[] (or params.whatsapp.messages[])');
	}
	return items;
}
