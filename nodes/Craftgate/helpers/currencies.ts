import type { INodePropertyOptions } from 'n8n-workflow';

/** Currency enum of the official Craftgate SDK (model/Currency.ts); the docs list fewer. */
export const CRAFTGATE_CURRENCIES = [
	'TRY', 'USD', 'EUR', 'GBP', 'ARS', 'BRL', 'CNY', 'AED', 'IQD', 'AZN',
	'KZT', 'KWD', 'SAR', 'BHD', 'RUB', 'JPY', 'EGP', 'MXN', 'RON',
] as const;

/** The editor's list, alphabetical as n8n lists options. */
export const currencyOptions: INodePropertyOptions[] = [...CRAFTGATE_CURRENCIES].sort().map((code) => ({
	name: code,
	value: code,
}));
