import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CalypsoPay } from '../../../../nodes/Calypso/CalypsoPay.node';
import codex from '../../../../nodes/Calypso/CalypsoPay.node.json';
import { calypsoExecuteContext } from './contexts';

const node = new CalypsoPay();
const d = node.description;

const valuesOf = (property: INodeProperties | undefined) => (property?.options as INodePropertyOptions[]).map((option) => option.value);

describe('Calypso Pay: description', () => {
	it('is named Calypso Pay, pairs with Calypso Pay Trigger, and is a transform usable as a tool', () => {
		expect([d.name, d.displayName, d.defaults.name]).toEqual(['calypsoPay', 'Calypso Pay', 'Calypso Pay']);
		expect(d.group).toEqual(['transform']);
		expect(d.usableAsTool).toBe(true);
		expect(d.credentials).toEqual([{ name: 'calypsoApi', required: true }]);
	});

	it('has a resource, then per resource Create and Get', () => {
		const [resource] = d.properties;
		expect([resource.name, resource.noDataExpression, valuesOf(resource)]).toEqual(['resource', true, ['invoice', 'widget']]);
		const operations = d.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => [p.displayOptions?.show?.resource, p.noDataExpression, valuesOf(p)])).toEqual([
			[['widget'], true, ['create', 'get']],
			[['invoice'], true, ['create', 'get']],
		]);
	});

	it('creates an invoice of either type, with the amount only for a fixed-amount one', () => {
		const invoiceType = d.properties.find((p) => p.name === 'invoiceType');
		expect(invoiceType?.displayOptions?.show).toEqual({ resource: ['invoice'], operation: ['create'] });
		expect((invoiceType?.options as INodePropertyOptions[]).map((o) => [o.name, o.value])).toEqual([
			['Single: Fixed Amount', 'single'],
			['Unlimited', 'unlimited'],
		]);
		const amount = d.properties.find((p) => p.name === 'amount');
		expect(amount?.displayOptions?.show).toEqual({ resource: ['invoice'], operation: ['create'], invoiceType: ['single'], inputDataMode: ['defineBelow'] });
		expect(amount?.hint).toBe('In the crypto currency below, not in fiat money; a dot for decimals');
	});

	it('is found by what a user types: payment, pay, crypto, invoice, link', () => {
		expect(codex.node).toBe('n8n-nodes-chat-payments.calypsoPay');
		expect(codex.categories).toEqual(['Finance & Accounting', 'Communication']);
		expect(codex.alias).toEqual(expect.arrayContaining(['payment', 'pay', 'crypto', 'invoice', 'widget', 'link']));
	});

	it('refuses an operation it does not have', async () => {
		const { ctx, calls } = calypsoExecuteContext({ parameters: { resource: 'invoice', operation: 'createSingle' } });
		await expect(node.execute.call(ctx)).rejects.toThrow('The operation "createSingle" of resource "invoice" is not supported');
		expect(calls).toHaveLength(0);
	});
});
