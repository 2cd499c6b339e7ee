import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { craftgateRequest } from '../../transport';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { currencyOptions } from '../../helpers/currencies';
import { DEFAULT_EXPIRY_TIME_ZONE, toCraftgateDateTime } from '../../helpers/expiry';
import { parseCurrency, parsePrice, toLinkOutput, type CraftgateProduct } from '../../helpers/product';
import { InputRuleError } from '../../../shared/errors';
import { compact, optionalText } from '../../../shared/text';
import { expiryTimeZoneProperty, pageLanguageOption, timeoutProperty } from './common';

/** Craftgate's page size for product searches; larger values are not documented. */
export const SEARCH_PAGE_SIZE = 100;
/** A stop for "Return All" should totalSize never be reached (e.g. links added while paging). */
const MAX_PAGES = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Channel', name: 'channel', type: 'string', default: '' },
			{ displayName: 'Conversation ID', name: 'conversationId', type: 'string', default: '' },
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'options',
				options: currencyOptions,
				default: 'TRY',
				description: 'Only links priced in this currency',
			},
			{
				...expiryTimeZoneProperty,
				description:
					'Time zone for the expiry bounds when they carry a zone (they are converted into it); Craftgate compares zone-less times, assumed Turkey time',
			},
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '' },
			{
				displayName: 'Max Expires At',
				name: 'maxExpiresAt',
				type: 'dateTime',
				default: '',
				description: 'Only links expiring before this time',
			},
			{
				displayName: 'Max Price',
				name: 'maxPrice',
				type: 'string',
				default: '',
				placeholder: 'e.g. 500',
				description: 'Highest link price, a decimal in the link currency',
			},
			{
				displayName: 'Min Expires At',
				name: 'minExpiresAt',
				type: 'dateTime',
				default: '',
				description: 'Only links expiring after this time',
			},
			{
				displayName: 'Min Price',
				name: 'minPrice',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10',
				description: 'Lowest link price, a decimal in the link currency',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The link title, as Craftgate matches it',
			},
			{ displayName: 'Order ID', name: 'orderId', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageLanguageOption, timeoutProperty],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['getAll'] } }, properties);

function priceBound(value: unknown, currency: string | undefined, field: string): string | undefined {
	if (optionalText(value) === undefined) return undefined;
	// Without a currency the bound is checked against the common 2 decimals.
	return String(parsePrice(value, currency ?? 'TRY', field));
}

/** SearchProductsRequest query parameters from the Filters collection. */
export function searchQuery(filters: IDataObject): IDataObject {
	const currency = optionalText(filters.currency) ? parseCurrency(filters.currency, 'filters.currency') : undefined;
	const timeZone = optionalText(filters.expiryTimeZone) ?? DEFAULT_EXPIRY_TIME_ZONE;
	const bound = (field: 'minExpiresAt' | 'maxExpiresAt') =>
		optionalText(filters[field]) ? toCraftgateDateTime(String(filters[field]), timeZone, `filters.${field}`) : undefined;
	const query = compact({
		name: optionalText(filters.name),
		orderId: optionalText(filters.orderId),
		conversationId: optionalText(filters.conversationId),
		externalId: optionalText(filters.externalId),
		channel: optionalText(filters.channel),
		currency,
		minPrice: priceBound(filters.minPrice, currency, 'filters.minPrice'),
		maxPrice: priceBound(filters.maxPrice, currency, 'filters.maxPrice'),
		minExpiresAt: bound('minExpiresAt'),
		maxExpiresAt: bound('maxExpiresAt'),
	});
	if (query.minPrice !== undefined && query.maxPrice !== undefined && Number(query.minPrice) > Number(query.maxPrice)) {
		throw new InputRuleError('Min Price is above Max Price', 'filters.minPrice');
	}
	return query;
}

interface ProductPage {
	page?: number;
	size?: number;
	totalSize?: number;
	items?: CraftgateProduct[];
}

/** Pages through GET /craftlink/v1/products until `limit` links (or all of them) are read. */
export async function searchProducts(
	this: IExecuteFunctions,
	query: IDataObject,
	limit: number | undefined,
	itemIndex: number,
): Promise<CraftgateProduct[]> {
	const found: CraftgateProduct[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const size = limit === undefined ? SEARCH_PAGE_SIZE : Math.min(SEARCH_PAGE_SIZE, limit - found.length);
		const result = (await craftgateRequest.call(this, {
			method: 'GET',
			path: '/craftlink/v1/products',
			qs: { ...query, page, size },
			itemIndex,
			timeoutMs: requestTimeoutMs(this, itemIndex),
			retry: 'read',
		})) as ProductPage;
		const items = result.items ?? [];
		found.push(...items);
		const total = typeof result.totalSize === 'number' ? result.totalSize : undefined;
		if (items.length === 0 || (limit !== undefined && found.length >= limit)) break;
		if (total !== undefined ? found.length >= total : items.length < size) break;
	}
	return limit === undefined ? found : found.slice(0, limit);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw new InputRuleError(`Limit must be a whole number of at least 1, got ${limit}`, 'limit');
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const products = await searchProducts.call(this, searchQuery(filters), limit, itemIndex);
	return products.map((product) => toLinkOutput(product, options.pageLanguage as string | undefined));
}
