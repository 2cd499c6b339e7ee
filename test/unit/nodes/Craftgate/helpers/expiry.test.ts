import { InputRuleError } from '../../../../../nodes/shared/errors';
import {
	DEFAULT_EXPIRY_TIME_ZONE,
	formatCraftgateDateTime,
	instantOfLocalTime,
	resolveExpiresAt,
	timeZoneOptions,
	toCraftgateDateTime,
} from '../../../../../nodes/Craftgate/helpers/expiry';

const now = new Date('2025-06-30T12:00:00Z');

describe('expiry', () => {
	it('formats wall-clock time in the zone, Craftgate style', () => {
		expect(formatCraftgateDateTime(now, 'Europe/Istanbul')).toBe('2025-06-30T15:00:00');
		expect(formatCraftgateDateTime(now, 'UTC')).toBe('2025-06-30T12:00:00');
		expect(formatCraftgateDateTime(new Date('2025-01-01T00:00:00Z'), 'America/New_York')).toBe('2024-12-31T19:00:00');
	});

	it('finds the instant of a local time, across DST', () => {
		expect(instantOfLocalTime('2025-06-30T15:00:00', 'Europe/Istanbul').toISOString()).toBe('2025-06-30T12:00:00.000Z');
		expect(instantOfLocalTime('2025-07-01T08:00:00', 'Europe/Berlin').toISOString()).toBe('2025-07-01T06:00:00.000Z');
		expect(instantOfLocalTime('2025-01-01T08:00:00', 'Europe/Berlin').toISOString()).toBe('2025-01-01T07:00:00.000Z');
	});

	it('never: no expiresAt', () => {
		expect(resolveExpiresAt({ mode: 'never', timeZone: 'Europe/Istanbul', now })).toBeUndefined();
	});

	it('in N minutes: now + N in the time zone (default Turkey time, UTC+3)', () => {
		expect(resolveExpiresAt({ mode: 'inMinutes', minutes: 30, timeZone: 'Europe/Istanbul', now })).toBe('2025-06-30T15:30:00');
		expect(resolveExpiresAt({ mode: 'inMinutes', minutes: 90, timeZone: 'UTC', now })).toBe('2025-06-30T13:30:00');
	});

	it('at a zoned time: converted into the zone; at a zone-less time: taken as already in it', () => {
		expect(resolveExpiresAt({ mode: 'at', at: '2025-07-01T09:00:00Z', timeZone: 'Europe/Istanbul', now })).toBe('2025-07-01T12:00:00');
		expect(resolveExpiresAt({ mode: 'at', at: '2025-07-01T09:00:00.000+02:00', timeZone: 'Europe/Istanbul', now })).toBe('2025-07-01T10:00:00');
		expect(resolveExpiresAt({ mode: 'at', at: '2025-07-01T09:00', timeZone: 'Europe/Istanbul', now })).toBe('2025-07-01T09:00:00');
		expect(resolveExpiresAt({ mode: 'at', at: '2025-07-01 09:00:00', timeZone: 'UTC', now })).toBe('2025-07-01T09:00:00');
	});

	it('refuses past times, bad minutes, bad dates and unknown zones', () => {
		expect(() => resolveExpiresAt({ mode: 'at', at: '2025-06-30T14:59:00', timeZone: 'Europe/Istanbul', now })).toThrow(/already be expired/);
		expect(() => resolveExpiresAt({ mode: 'inMinutes', minutes: 0, timeZone: 'UTC', now })).toThrow(InputRuleError);
		expect(() => resolveExpiresAt({ mode: 'inMinutes', minutes: 1.5, timeZone: 'UTC', now })).toThrow(/whole number/);
		expect(() => resolveExpiresAt({ mode: 'at', at: 'tomorrow', timeZone: 'UTC', now })).toThrow(/not a date-time/);
		expect(() => resolveExpiresAt({ mode: 'at', at: '', timeZone: 'UTC', now })).toThrow(/empty/);
		expect(() => resolveExpiresAt({ mode: 'inMinutes', minutes: 5, timeZone: 'Mars/Base', now })).toThrow(/IANA time zone/);
	});

	it('search bounds: zoned values converted, zone-less values kept', () => {
		expect(toCraftgateDateTime('2025-07-01T09:00:00Z', 'Europe/Istanbul', 'f')).toBe('2025-07-01T12:00:00');
		expect(toCraftgateDateTime('2025-07-01T09:00', 'Europe/Istanbul', 'f')).toBe('2025-07-01T09:00:00');
		expect(() => toCraftgateDateTime('July', 'UTC', 'f')).toThrow(InputRuleError);
	});
});

describe('time zone list', () => {
	it('offers the IANA zones by name, UTC and Turkey time among them, sorted', () => {
		const options = timeZoneOptions();
		const values = options.map((option) => option.value);
		expect(values).toEqual(expect.arrayContaining(['UTC', DEFAULT_EXPIRY_TIME_ZONE, 'America/New_York', 'Asia/Dubai']));
		expect(values).toEqual([...new Set(values)].sort());
		expect(options.every((option) => option.name === option.value)).toBe(true);
		// Every zone offered is one the expiry rules accept.
		for (const zone of values) expect(() => formatCraftgateDateTime(new Date(0), String(zone))).not.toThrow();
	});
});
