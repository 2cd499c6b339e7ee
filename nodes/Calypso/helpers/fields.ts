import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';

/** Trimmed text, or undefined when empty (so the field is left out of the request). */
export function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

export function requireText(value: unknown, field: string, label: string): string {
	const text = optionalText(value);
	if (text === undefined) throw new InputRuleError(`${label} is required`, field);
	return text;
}

/** An optional http(s) URL (return, support and logo URLs), refused before sending when malformed. */
export function optionalUrl(value: unknown, field: string, label: string): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new InputRuleError(`${label} must be an http(s) URL, got ${JSON.stringify(text)}`, field);
	}
	return text;
}

/** Drops undefined entries, keeping the order of the rest (the order they are sent in). */
export function compact(fields: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) result[key] = value as IDataObject[string];
	}
	return result;
}

/** The return/support/logo URLs of an "Additional Fields" collection, checked. */
export function pageUrls(extra: IDataObject): IDataObject {
	return compact({
		returnUrl: optionalUrl(extra.returnUrl, 'additionalFields.returnUrl', 'Return URL'),
		supportUrl: optionalUrl(extra.supportUrl, 'additionalFields.supportUrl', 'Support URL'),
		logoUrl: optionalUrl(extra.logoUrl, 'additionalFields.logoUrl', 'Logo URL'),
	});
}
