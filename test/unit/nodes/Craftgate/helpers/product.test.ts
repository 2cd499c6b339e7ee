import { InputRuleError } from '../../../../nodes/shared/errors';
import {
	formatCraftgateDateTime,
	instantOfLocalTime,
	resolveExpiresAt,
	toCraftgateDateTime,
} from '../../../../nodes/Craftgate/helpers/expiry';
import { withPageLanguage } from '../../../../nodes/Craftgate/helpers/pageUrl';
import {
	applyStockRule,
	parseCurrency,
	parseInstallments,
	parseLinkId,
	parsePrice,
	toLinkOutput,
	writableFields,
} from '../../../../nodes/Craftgate/helpers/product';
import { linkPaymentStatus, linkReference, paymentFitsLink, type CraftgatePayment } from '../../../../nodes/Craftgate/helpers/payments';

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

describe('withPageLanguage', () => {
	it('adds ?lang= to a URL without a query and &lang= to one with a query', () => {
		expect(withPageLanguage('https://pay.example/l/abc', 'en')).toBe('https://pay.example/l/abc?lang=en');
		expect(withPageLanguage('https://pay.example/l/abc?x=1', 'en')).toBe('https://pay.example/l/abc?x=1&lang=en');
	});

	it('replaces an existing lang, keeps a fragment, and leaves the URL alone without a language', () => {
		expect(withPageLanguage('https://pay.example/l/abc?lang=tr#top', 'EN')).toBe('https://pay.example/l/abc?lang=en#top');
		expect(withPageLanguage('https://pay.example/l/abc', '')).toBe('https://pay.example/l/abc');
		expect(withPageLanguage(undefined, 'en')).toBeUndefined();
	});

	it('refuses something that is not a two-letter code', () => {
		expect(() => withPageLanguage('https://pay.example/l/abc', 'english')).toThrow(/two-letter/);
		expect(() => withPageLanguage('https://pay.example/l/abc', 'en&x=1')).toThrow(InputRuleError);
	});
});

describe('product rules', () => {
	it('price: decimal-safe, positive, at most the currency decimals', () => {
		expect(parsePrice('149.90', 'TRY')).toBe(149.9);
		expect(parsePrice(0.3, 'USD')).toBe(0.3);
		expect(parsePrice('1000', 'JPY')).toBe(1000);
		expect(parsePrice('1.005', 'KWD')).toBe(1.005);
		expect(() => parsePrice('12.345', 'TRY')).toThrow(/decimals/);
		expect(() => parsePrice('10.5', 'JPY')).toThrow(/decimals/);
		expect(() => parsePrice('0', 'TRY')).toThrow(/more than 0/);
		expect(() => parsePrice('-1', 'TRY')).toThrow(InputRuleError);
		expect(() => parsePrice('1,5', 'TRY')).toThrow(InputRuleError);
	});

	it('currency: Craftgate SDK enum only, case-insensitive', () => {
		expect(parseCurrency('aed')).toBe('AED');
		for (const code of ['TRY', 'USD', 'EUR', 'AED', 'GBP', 'JPY', 'RON']) expect(parseCurrency(code)).toBe(code);
		expect(() => parseCurrency('INR')).toThrow(/not one Craftgate accepts/);
	});

	it('installments: comma list of whole numbers, sorted and unique', () => {
		expect(parseInstallments('1')).toEqual([1]);
		expect(parseInstallments('6, 3,1,3')).toEqual([1, 3, 6]);
		expect(parseInstallments([2, 1])).toEqual([1, 2]);
		expect(() => parseInstallments('')).toThrow(/empty/);
		expect(() => parseInstallments('1,0')).toThrow(InputRuleError);
		expect(() => parseInstallments('1.5')).toThrow(InputRuleError);
	});

	it('stock is forced to 1 when an order id is set', () => {
		expect(applyStockRule({ orderId: 'o-1', stock: 5 })).toEqual({ orderId: 'o-1', stock: 1 });
		expect(applyStockRule({ orderId: 'o-1' })).toEqual({ orderId: 'o-1', stock: 1 });
		expect(applyStockRule({ stock: 5 })).toEqual({ stock: 5 });
		expect(applyStockRule({ orderId: '  ', stock: 5 })).toEqual({ orderId: '  ', stock: 5 });
	});

	it('link ids are positive whole numbers', () => {
		expect(parseLinkId(' 42 ')).toBe('42');
		expect(() => parseLinkId('0')).toThrow(InputRuleError);
		expect(() => parseLinkId('12/../13')).toThrow(InputRuleError);
		expect(() => parseLinkId('')).toThrow(InputRuleError);
	});

	it('keeps only writable fields for a full PUT and shapes the output', () => {
		const product = { id: 1, name: 'n', price: 5, currency: 'TRY', soldCount: 2, url: 'https://p/l/t', token: 't', status: 'ACTIVE' as const };
		expect(writableFields(product)).toEqual({ name: 'n', price: 5, currency: 'TRY', status: 'ACTIVE' });
		expect(toLinkOutput(product, 'en')).toMatchObject({ linkId: 1, paymentUrl: 'https://p/l/t?lang=en', qrCodeUrl: null, url: 'https://p/l/t' });
	});
});

describe('payment status', () => {
	const link = { id: 1, soldCount: 0, orderId: 'o-1' };
	const status = (product: typeof link, payments: CraftgatePayment[], others: number[] = []) => linkPaymentStatus(product, payments, others);
	it('paid from soldCount alone, with the successful payment when it is unambiguous', () => {
		expect(status({ ...link, soldCount: 1 }, [])).toEqual({ status: 'paid', ambiguousMatch: false, successfulPayment: null, lastFailure: null });
		const paid = status({ ...link, soldCount: 1 }, [{ id: 1, paymentStatus: 'FAILURE' }, { id: 2, paymentStatus: 'SUCCESS' }]);
		expect(paid).toMatchObject({ status: 'paid', ambiguousMatch: false, successfulPayment: { id: 2 }, lastFailure: { id: 1 } });
	});
	it('never paid while soldCount is 0: a successful payment is then another link\'s, so ambiguous', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }, { paymentStatus: 'SUCCESS' }])).toEqual({
			status: 'pending',
			ambiguousMatch: true,
			successfulPayment: null,
			lastFailure: null,
		});
	});
	it('with another link sharing the reference: paid or pending from soldCount, never failed', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }], [2])).toMatchObject({ status: 'pending', ambiguousMatch: true, lastFailure: null });
		expect(status({ ...link, soldCount: 1 }, [{ id: 3, paymentStatus: 'SUCCESS' }], [2])).toMatchObject({ status: 'paid', ambiguousMatch: true, successfulPayment: null });
	});
	it('a SUCCESS carrying a paymentError is not paid', () => {
		expect(status(link, [{ paymentStatus: 'SUCCESS', paymentError: { errorCode: '10051' } }]).status).toBe('failed');
	});
	it('failed with only failed attempts, pending otherwise', () => {
		expect(status(link, [{ paymentStatus: 'FAILURE' }]).status).toBe('failed');
		expect(status(link, [{ paymentStatus: 'WAITING' }, { paymentStatus: 'INIT_THREEDS' }]).status).toBe('pending');
		expect(status(link, []).status).toBe('pending');
	});
	it('a payment fits a link with the same price and currency', () => {
		const product = { id: 1, price: 149.9, currency: 'TRY' };
		expect(paymentFitsLink({ price: 149.9, currency: 'TRY' }, product)).toBe(true);
		expect(paymentFitsLink({ price: 20, currency: 'TRY' }, product)).toBe(false);
		expect(paymentFitsLink({ price: 149.9, currency: 'USD' }, product)).toBe(false);
		expect(paymentFitsLink({ currency: 'TRY' }, product)).toBe(false);
	});
	it('looks payments up by order id, else conversation id, else external id', () => {
		expect(linkReference({ id: 1, orderId: 'o', conversationId: 'c' })).toEqual({ field: 'orderId', value: 'o' });
		expect(linkReference({ id: 1, orderId: '', conversationId: 'c' })).toEqual({ field: 'conversationId', value: 'c' });
		expect(linkReference({ id: 1, externalId: 'e' })).toEqual({ field: 'externalId', value: 'e' });
		expect(linkReference({ id: 1 })).toBeUndefined();
	});
});
