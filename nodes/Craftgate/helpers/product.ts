import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';
import { parseDecimalAmount, toMajorUnits } from '../../shared/money';
import { optionalText } from '../../shared/text';
import { CRAFTGATE_CURRENCIES } from './currencies';
import { withPageLanguage } from './pageUrl';

/** A Craftgate pay-by-link product as the API returns it (ProductResponse). */
export interface CraftgateProduct extends IDataObject {
	id: number;
	name?: string;
	description?: string;
	orderId?: string;
	conversationId?: string;
	externalId?: string;
	status?: 'ACTIVE' | 'PASSIVE';
	price?: number;
	currency?: string;
	stock?: number;
	soldCount?: number;
	token?: string;
	enabledInstallments?: number[];
	url?: string;
	qrCodeUrl?: string;
	channel?: string;
	multiPayment?: boolean;
	expiresAt?: string;
}

/** The fields CreateProductRequest / UpdateProductRequest accept. */
const WRITABLE_FIELDS = [
	'name',
	'description',
	'channel',
	'orderId',
	'conversationId',
	'externalId',
	'price',
	'currency',
	'stock',
	'enabledInstallments',
	'expiresAt',
	'multiPayment',
	'basketIdentifier',
	'status',
] as const;

export function parseCurrency(value: unknown, field = 'currency'): string {
	const code = String(value ?? '').trim().toUpperCase();
	if (!(CRAFTGATE_CURRENCIES as readonly string[]).includes(code)) {
		throw new InputRuleError(
			`Currency "${String(value ?? '')}" is not one Craftgate accepts (${CRAFTGATE_CURRENCIES.join(', ')})`,
			field,
		);
	}
	return code;
}

/** Price as Craftgate's decimal number: more than 0 and no more decimals than the currency has. */
export function parsePrice(value: unknown, currency: string, field = 'price'): number {
	return toMajorUnits(parseDecimalAmount(value as string | number, currency, field, { positive: true }));
}

/** "1, 2, 3, 6", 3 or [1, 3] → [1, 2, 3, 6] / [3] / [1, 3]; whole numbers of at least 1. */
export function parseInstallments(value: unknown, field = 'installments'): number[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const result: number[] = [];
	for (const part of parts) {
		const text = String(part).trim();
		if (text === '') continue;
		const count = Number(text);
		if (!/^\d+$/.test(text) || !Number.isSafeInteger(count) || count < 1) {
			throw new InputRuleError(`Installments must be whole numbers of at least 1 separated by commas, got "${text}"`, field);
		}
		if (!result.includes(count)) result.push(count);
	}
	if (result.length === 0) throw new InputRuleError('Installments is empty: use 1 for a single payment', field);
	return result.sort((a, b) => a - b);
}

export function parseStock(value: unknown, field = 'stock'): number {
	const stock = Number(value);
	if (!Number.isSafeInteger(stock) || stock < 1) {
		throw new InputRuleError(`Stock must be a whole number of at least 1, got ${String(value)}`, field);
	}
	return stock;
}

/** Craftgate's rule: a link that carries an order id can be paid once, so its stock is 1. */
export function applyStockRule(body: IDataObject): IDataObject {
	if (optionalText(body.orderId) !== undefined) body.stock = 1;
	return body;
}

/** The update body that keeps everything a product has now (Craftgate's PUT replaces the product). */
export function writableFields(product: CraftgateProduct): IDataObject {
	const body: IDataObject = {};
	for (const field of WRITABLE_FIELDS) {
		if (product[field] !== undefined && product[field] !== null) body[field] = product[field];
	}
	return body;
}

/** A product as the node outputs it: Craftgate's fields plus the link id and the URL to send. */
export function toLinkOutput(product: CraftgateProduct, pageLanguage?: string): IDataObject {
	return {
		linkId: product.id,
		paymentUrl: withPageLanguage(product.url, pageLanguage) ?? null,
		qrCodeUrl: product.qrCodeUrl ?? null,
		...product,
	};
}

/** A link id as Craftgate expects it in a path: a positive whole number. */
export function parseLinkId(value: unknown, field = 'linkId'): string {
	const text = String(value ?? '').trim();
	if (!/^\d+$/.test(text) || /^0+$/.test(text)) {
		throw new InputRuleError(`Link ID must be the numeric id Craftgate returned (e.g. 12345), got "${text}"`, field);
	}
	return text;
}
