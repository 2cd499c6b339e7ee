import type { INodeProperties } from 'n8n-workflow';
import { node } from './fixtures';
import { credentialsShown, parametersTakenForAuthentication } from '../../helpers/credentials';

const properties = node.description.properties;
const named = (name: string) => properties.filter((property) => property.name === name);

describe('WhatsApp Order Status: description', () => {
	it('is an action node, routed by resource and operation', () => {
		expect(node.description).toMatchObject({
			name: 'whatsAppOrderStatus',
			group: ['transform'],
			usableAsTool: true,
		});
		expect(properties.slice(0, 3).map((property) => property.name)).toEqual(['provider', 'resource', 'operation']);
		const [provider, resource, operation] = properties;
		expect(provider.options).toEqual([
			{ name: '360dialog', value: 'dialog360' },
			{ name: 'Exotel', value: 'exotel' },
		]);
		expect(resource).toMatchObject({ noDataExpression: true, default: 'order', options: [{ name: 'Order', value: 'order' }] });
		expect(operation).toMatchObject({ noDataExpression: true, default: 'updateStatus' });
		expect(operation.options).toEqual([
			expect.objectContaining({ name: 'Cancel', value: 'cancelOrder', action: 'Cancel an order' }),
			expect.objectContaining({ name: 'Update Status', value: 'updateStatus', action: 'Update an order status' }),
		]);
	});

	it('asks for the credential and the sender of the chosen provider only', () => {
		expect(credentialsShown(node.description, { provider: 'exotel' })).toEqual(['exotelApi']);
		expect(credentialsShown(node.description, { provider: 'dialog360' })).toEqual(['dialog360Api']);
		expect(node.description.credentials?.every((credential) => credential.required)).toBe(true);
		expect(parametersTakenForAuthentication(node.description)).toEqual([]);
		expect(named('from').map((property) => property.displayOptions?.show?.provider)).toEqual([['exotel']]);
	});

	it('puts every optional field under Options, with Exotel\'s message options named as on the Exotel node', () => {
		expect(named('footerText')).toEqual([]);
		expect(named('currentStatus')).toEqual([]);
		expect(named('statusDescription')).toEqual([]);
		const optionsOf = (operation: string) => {
			const [collection] = named('options').filter((property) => property.displayOptions?.show?.operation?.includes(operation));
			return (collection.options as INodeProperties[]).map((option) => [option.displayName, option.name, option.displayOptions?.show ?? {}]);
		};
		expect(optionsOf('updateStatus')).toEqual([
			['Current Status', 'currentStatus', {}],
			['Custom Data', 'customData', { '/provider': ['exotel'] }],
			['Footer Text', 'footerText', {}],
			['Partially Shipped Spelling', 'partiallyShippedSpelling', { '/status': ['partially_shipped'] }],
			['Status Callback URL', 'statusCallback', { '/provider': ['exotel'] }],
			['Status Description', 'statusDescription', {}],
			['Timeout (Seconds)', 'timeout', {}],
		]);
		expect(optionsOf('cancelOrder')).toEqual([
			['Current Status', 'currentStatus', {}],
			['Custom Data', 'customData', { '/provider': ['exotel'] }],
			['Footer Text', 'footerText', {}],
			['Reason', 'cancelReason', {}],
			['Status Callback URL', 'statusCallback', { '/provider': ['exotel'] }],
			['Timeout (Seconds)', 'timeout', {}],
		]);
	});
});
