import { InputRuleError } from '../../../../../nodes/shared/errors';
import {
	applyStockRule,
	parseCurrency,
	parseInstallments,
	parseLinkId,
	parsePrice,
	toLinkOutput,
	writableFields,
} from '../../../../../nodes/Craftgate/helpers/product';

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
