import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from './errors';

/** A parameter or payload value as trimmed text; '' for null and undefined. */
export function trimmedText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Trimmed text, or undefined when there is none. */
export function optionalText(value: unknown): string | undefined {
	const text = trimmedText(value);
	return text === '' ? undefined : text;
}

/** Trimmed text; an empty value breaks the rule for `field` (shown to the user as `label`). */
export function requireText(value: unknown, field: string, label: string): string {
	const text = trimmedText(value);
	if (text === '') throw new InputRuleError(`${label} is required`, field);
	return text;
}

/** A non-empty string from a provider payload as it came, else null (numbers become text). */
export function payloadText(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value !== '' ? value : null;
}

/** `fields` without undefined, null and empty-string values. */
export function compact(fields: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined && value !== null && value !== '') result[key] = value as IDataObject[string];
	}
	return result;
}
