// The 360dialog node as the editor shows it: resources and operations, the subtitle, and
// the one default Lookup Path shared with the trigger.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { lookupPathField } from '../../../../nodes/Dialog360/helpers/lookupPath';
import { DEFAULT_LOOKUP_PATH } from '../../../../nodes/Dialog360/transport';
import { timeoutOption } from '../../../../nodes/shared/transport/timeout';
import { node } from './fixtures';
import { subtitleOf } from '../../helpers/subtitle';

const properties = node.description.properties;

function optionValues(property: INodeProperties | undefined): Array<Pick<INodePropertyOptions, 'name' | 'value' | 'action'>> {
	return ((property?.options ?? []) as INodePropertyOptions[]).map(({ name, value, action }) => ({ name, value, action }));
}

function operationOf(resource: string): INodeProperties | undefined {
	return properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
}

/** The names of the parameters shown for one operation. */
function shownFor(resource: string, operation: string): string[] {
	return properties
		.filter((property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation))
		.map((property) => property.name);
}

describe('360dialog node: the editor', () => {
	it('is the dialog360 node, paired with the dialog360Trigger', () => {
		expect(node.description).toMatchObject({ name: 'dialog360', displayName: '360dialog', group: ['transform'], defaults: { name: '360dialog' }, usableAsTool: true });
	});

	it('has the Message, Payment Request and Payment resources, each with its operation', () => {
		const resource = properties.find((property) => property.name === 'resource');
		expect(resource).toMatchObject({ noDataExpression: true, default: 'paymentRequest' });
		expect(optionValues(resource)).toEqual([
			{ name: 'Message', value: 'message', action: undefined },
			{ name: 'Payment', value: 'payment', action: undefined },
			{ name: 'Payment Request', value: 'paymentRequest', action: undefined },
		]);
		expect(optionValues(operationOf('paymentRequest'))).toEqual([{ name: 'Send', value: 'send', action: 'Send a payment request' }]);
		expect(optionValues(operationOf('payment'))).toEqual([{ name: 'Get', value: 'get', action: 'Get a payment' }]);
		expect(optionValues(operationOf('message'))).toEqual([{ name: 'Send Text', value: 'sendText', action: 'Send a text message' }]);
		expect(['paymentRequest', 'payment', 'message'].map((name) => operationOf(name)?.noDataExpression)).toEqual([true, true, true]);
	});

	it.each([
		['paymentRequest', 'send', 'Send: Payment Request'],
		['payment', 'get', 'Get: Payment'],
		['message', 'sendText', 'Send Text: Message'],
	])('its subtitle for %s / %s is "%s"', (resource, operation, subtitle) => {
		expect(subtitleOf(node.description, { resource, operation })).toBe(subtitle);
	});

	it('Get shows the configuration, the reference and an Options collection holding the Lookup Path', () => {
		expect(shownFor('payment', 'get')).toEqual(['paymentConfiguration', 'referenceId', 'options']);
		const options = properties.find((property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes('get'));
		expect(options?.options).toEqual([lookupPathField, timeoutOption({ provider: '360dialog' })]);
	});

	it('Send keeps its Razorpay settings under Options, shown for Razorpay, beside the time limit', () => {
		const options = properties.find((property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes('send'));
		expect(options?.displayOptions?.show).toEqual({ resource: ['paymentRequest'], operation: ['send'] });
		const entries = options?.options as INodeProperties[];
		expect(entries.map((option) => [option.name, option.displayOptions?.show])).toEqual([
			['razorpayNotes', { '/paymentGateway': ['razorpay'] }],
			['razorpayReceipt', { '/paymentGateway': ['razorpay'] }],
			['timeout', undefined],
		]);
		expect(shownFor('paymentRequest', 'send').at(-1)).toBe('options');
	});

	it('has one default Lookup Path, the one the lookup falls back to', () => {
		expect(lookupPathField.default).toBe(DEFAULT_LOOKUP_PATH);
		expect((lookupPathField.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['/v1/payments', '/payments']);
	});
});
