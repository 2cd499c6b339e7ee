import type { INodePropertyOptions } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';

export const DEFAULT_EXPIRY_TIME_ZONE = 'Europe/Istanbul';

/**
 * The editor's time zone list: the IANA zones this Node.js knows, as n8n's own nodes list them
 * (a static list built when the node loads), plus UTC, which Intl lists only under Etc/.
 */
export function timeZoneOptions(): INodePropertyOptions[] {
	const zones = new Set(['UTC', DEFAULT_EXPIRY_TIME_ZONE, ...Intl.supportedValuesOf('timeZone')]);
	return [...zones].sort().map((zone) => ({ name: zone, value: zone }));
}

/** Craftgate's date-time format: `YYYY-MM-ddTHH:mm:ss`, no zone. */
const CRAFTGATE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function createFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
	try {
		return new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return undefined;
	}
}

function formatter(timeZone: string): Intl.DateTimeFormat {
	const result = createFormatter(timeZone);
	if (!result) {
		throw new InputRuleError(
			`Time zone "${timeZone}" is not an IANA time zone name such as Europe/Istanbul or UTC`,
			'expiryTimeZone',
		);
	}
	return result;
}

/** Wall-clock time of `instant` in `timeZone`, as Craftgate wants it. */
export function formatCraftgateDateTime(instant: Date, timeZone: string): string {
	const parts: Record<string, string> = {};
	for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant at which the wall clock in `timeZone` shows `local` (first match around DST). */
export function instantOfLocalTime(local: string, timeZone: string): Date {
	const match = CRAFTGATE_DATE_TIME.exec(local);
	if (!match) throw new InputRuleError(`"${local}" is not a YYYY-MM-DDTHH:mm:ss date-time`, 'expiresAt');
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	let guess = asUtc;
	// Two passes settle the zone offset, also when the guess crosses a DST change.
	for (let i = 0; i < 2; i++) {
		const shown = CRAFTGATE_DATE_TIME.exec(formatCraftgateDateTime(new Date(guess), timeZone))!.slice(1).map(Number);
		const shownAsUtc = Date.UTC(shown[0], shown[1] - 1, shown[2], shown[3], shown[4], shown[5]);
		guess += asUtc - shownAsUtc;
	}
	return new Date(guess);
}

export type ExpiryMode = 'never' | 'inMinutes' | 'at';

export interface ExpiryInput {
	mode: ExpiryMode;
	minutes?: number;
	/** A date-time from the node: with a zone (Z or ±hh:mm) it is converted; without one it is read in `timeZone`. */
	at?: string;
	timeZone: string;
	now?: Date;
}

function normalizeLocal(value: string): string | undefined {
	const match = LOCAL_ISO.exec(value);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s = '00'] = match;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/**
 * `expiresAt` for Craftgate in `timeZone`, or undefined for a link that never expires.
 * Craftgate documents no zone for it; Turkey local time is assumed by default (UTC+3).
 */
export function resolveExpiresAt(input: ExpiryInput): string | undefined {
	const now = input.now ?? new Date();
	formatter(input.timeZone);
	let instant: Date;
	if (input.mode === 'never') return undefined;
	if (input.mode === 'inMinutes') {
		const minutes = Number(input.minutes);
		if (!Number.isInteger(minutes) || minutes < 1) {
			throw new InputRuleError(`Expires in (minutes) must be a whole number of at least 1, got ${String(input.minutes)}`, 'expiresInMinutes');
		}
		instant = new Date(now.getTime() + minutes * 60_000);
	} else {
		const text = String(input.at ?? '').trim();
		if (!text) throw new InputRuleError('Expires At is empty: pick a date and time', 'expiresAt');
		if (ZONED_ISO.test(text)) {
			instant = new Date(text);
		} else {
			const local = normalizeLocal(text);
			if (!local) {
				throw new InputRuleError(`Expires At "${text}" is not a date-time such as 2025-06-30T18:00:00`, 'expiresAt');
			}
			instant = instantOfLocalTime(local, input.timeZone);
		}
		if (Number.isNaN(instant.getTime())) throw new InputRuleError(`Expires At "${text}" is not a valid date`, 'expiresAt');
	}
	if (instant.getTime() <= now.getTime()) {
		throw new InputRuleError(
			`The link would already be expired (${formatCraftgateDateTime(instant, input.timeZone)} in ${input.timeZone}); choose a time in the future`,
			input.mode === 'at' ? 'expiresAt' : 'expiresInMinutes',
		);
	}
	return formatCraftgateDateTime(instant, input.timeZone);
}

/** A search bound (minExpiresAt/maxExpiresAt) in Craftgate's format and zone. */
export function toCraftgateDateTime(value: string, timeZone: string, field: string): string {
	const text = value.trim();
	if (ZONED_ISO.test(text)) {
		const instant = new Date(text);
		if (Number.isNaN(instant.getTime())) throw new InputRuleError(`"${text}" is not a valid date`, field);
		return formatCraftgateDateTime(instant, timeZone);
	}
	const local = normalizeLocal(text);
	if (!local) throw new InputRuleError(`"${text}" is not a date-time such as 2025-06-30T18:00:00`, field);
	return local;
}
