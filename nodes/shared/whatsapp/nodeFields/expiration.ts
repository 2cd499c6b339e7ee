import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { InputRuleError } from '../../errors';

/** A date as n8n may hand it over: ISO text (with or without offset), a Date, a Luxon DateTime, epoch s/ms. */
function toDateTime(value: unknown, zone: string): DateTime | undefined {
	if (DateTime.isDateTime(value)) return value;
	if (value instanceof Date) return DateTime.fromJSDate(value);
	if (typeof value === 'number' && Number.isFinite(value)) {
		// Epoch seconds have 10 digits until 2286; more digits are milliseconds.
		return value > 1e11 ? DateTime.fromMillis(value) : DateTime.fromSeconds(value);
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const trimmed = value.trim();
		if (/^\d+$/.test(trimmed)) return toDateTime(Number(trimmed), zone);
		// Without an offset, the text means the workflow's time zone (what the date picker shows).
		const parsed = DateTime.fromISO(trimmed, { zone });
		if (parsed.isValid) return parsed;
		const fallback = DateTime.fromJSDate(new Date(trimmed));
		return fallback.isValid ? fallback : undefined;
	}
	return undefined;
}

/**
 * The expiration chosen in the node as epoch seconds, or undefined for none. Whether it is far
 * enough ahead is the shared order rule's to say (validateOrderDetails).
 */
export function expirationTimestamp(ctx: IExecuteFunctions, itemIndex: number, now: Date): number | undefined {
	const mode = ctx.getNodeParameter('expiration', itemIndex, 'none') as string;
	if (mode === 'inMinutes') {
		const minutes = Number(ctx.getNodeParameter('expiresInMinutes', itemIndex, 0));
		if (!Number.isInteger(minutes) || minutes <= 0) {
			throw new InputRuleError(`"Expires In (Minutes)" must be a whole number of minutes, got ${String(minutes)}`, 'expiresInMinutes');
		}
		return Math.floor(now.getTime() / 1000) + minutes * 60;
	}
	if (mode === 'atDate') {
		const value = ctx.getNodeParameter('expiresAt', itemIndex, '') as unknown;
		const date = toDateTime(value, ctx.getTimezone());
		if (!date) {
			throw new InputRuleError(`"Expires At" is not a date: ${JSON.stringify(value)}`, 'expiresAt');
		}
		return Math.floor(date.toSeconds());
	}
	return undefined;
}
