// Wait for Payment in the editor: three outputs, the resume webhook n8n serves for waiting
// executions, each provider's credential and fields, the shortest check interval.
import type { INodeProperties } from 'n8n-workflow';
import { WaitForPayment } from '../../../../nodes/WaitForPayment/WaitForPayment.node';
import { subtitleOf } from '../../helpers/subtitle';
import { credentialsShown, parametersTakenForAuthentication } from '../../helpers/credentials';

const { description } = new WaitForPayment();
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;

it('has the outputs Paid, Failed and Timed Out', () => {
	expect(description).toMatchObject({
		name: 'waitForPayment',
		displayName: 'Wait for Payment',
		inputs: ['main'],
		outputs: ['main', 'main', 'main'],
		outputNames: ['Paid', 'Failed', 'Timed Out'],
	});
});

it('has one resume webhook (POST, answered on receipt) and no webhook lifecycle to register', () => {
	expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true }]);
	expect((new WaitForPayment() as { webhookMethods?: unknown }).webhookMethods).toBeUndefined();
});

it.each([
	['exotel', 'Exotel', 'exotelApi'],
	['dialog360', '360dialog', 'dialog360Api'],
	['craftgate', 'Craftgate', 'craftgateApi'],
	['calypsoPay', 'Calypso Pay', 'calypsoApi'],
])('for %s: subtitle "%s", credential %s', (provider, subtitle, credential) => {
	expect(subtitleOf(description, { provider })).toBe(subtitle);
	expect(credentialsShown(description, { provider })).toEqual([credential]);
});

it('keeps Provider in the panel: the editor does not take it for an authentication choice', () => {
	expect(parametersTakenForAuthentication(description)).toEqual([]);
});

it('asks for a check interval of 30 s at the least, and the clean-up for Craftgate only', () => {
	expect(property('checkInterval')).toMatchObject({ default: 60, typeOptions: { minValue: 30 }, displayOptions: { show: { provider: ['dialog360', 'craftgate', 'calypsoPay'] } } });
	expect(property('cleanUp')).toMatchObject({ default: 'deactivateLink', displayOptions: { show: { provider: ['craftgate'] } } });
	expect(property('cleanUp').options?.map((option) => (option as { value: string }).value)).toEqual(['none', 'deactivateLink', 'deleteLink']);
	expect(property('limitAmount')).toMatchObject({ default: 30, typeOptions: { minValue: 1 } });
	expect(property('limitUnit')).toMatchObject({ default: 'minutes' });
});

it('has Options → Timeout for the lookup providers', () => {
	const options = property('options').options as INodeProperties[];
	expect(options.map((option) => option.name)).toContain('timeout');
	expect(property('options').displayOptions).toEqual({ show: { provider: ['dialog360', 'craftgate', 'calypsoPay'] } });
});
