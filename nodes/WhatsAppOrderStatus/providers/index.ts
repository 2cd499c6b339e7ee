import type { INodeProperties } from 'n8n-workflow';
import { dialog360Provider } from './dialog360';
import { exotelProvider } from './exotel';
import type { OrderStatusProvider } from './types';

export type { OrderStatusProvider } from './types';

export const providers: Record<string, OrderStatusProvider> = {
	exotel: exotelProvider,
	dialog360: dialog360Provider,
};

/** The provider choice; each provider's own parameters are shown only when it is chosen. */
export const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: '360dialog', value: 'dialog360' },
		{ name: 'Exotel', value: 'exotel' },
	],
	default: 'exotel',
	description: 'Your WhatsApp Business provider, the one that sent the order_details message',
};

/** Every provider's own top-level parameters, each shown when its provider is chosen. */
export function providerParameters(): INodeProperties[] {
	return Object.entries(providers).flatMap(([name, provider]) =>
		provider.properties.map((property) => ({
			...property,
			displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, provider: [name] } },
		})),
	);
}

/** Every provider's own Options entries, each shown when its provider is chosen. */
export function providerOptions(): INodeProperties[] {
	return Object.entries(providers).flatMap(([name, provider]) =>
		provider.options.map((option) => ({
			...option,
			displayOptions: { ...option.displayOptions, show: { ...option.displayOptions?.show, '/provider': [name] } },
		})),
	);
}
