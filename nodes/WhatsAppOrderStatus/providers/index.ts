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
export const providerProperties: INodeProperties[] = [
	{
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
	},
];

export function providerParameters(): INodeProperties[] {
	return Object.entries(providers).flatMap(([name, provider]) =>
		provider.properties.map((property) => ({
			...property,
			displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, provider: [name] } },
		})),
	);
}
