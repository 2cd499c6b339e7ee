import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';
import { Craftgate } from '../../../../nodes/Craftgate/Craftgate.node';
import { FakeCraftgate, PRODUCT } from '../../../fakes/craftgate';
import { renderSubtitle, runCraftgate } from './contexts';

const node = new Craftgate();
const operationOptions = node.description.properties.find((p) => p.name === 'operation')?.options as INodePropertyOptions[];

describe('Craftgate node description', () => {
	it('is the action node paired with the Craftgate Trigger, usable as a tool, with one credential', () => {
		expect(node.description).toMatchObject({
			name: 'craftgate',
			displayName: 'Craftgate',
			group: ['transform'],
			defaults: { name: 'Craftgate' },
			usableAsTool: true,
			credentials: [{ name: 'craftgateApi', required: true }],
		});
	});

	it('has the resource Payment Link with its operations, Get Many among them', () => {
		const resource = node.description.properties.find((p) => p.name === 'resource');
		expect(resource?.options).toEqual([{ name: 'Payment Link', value: 'link' }]);
		expect(operationOptions.map((o) => [o.name, o.value, o.action])).toEqual([
			['Create', 'create', 'Create a payment link'],
			['Deactivate', 'deactivate', 'Deactivate a payment link'],
			['Delete', 'delete', 'Delete a payment link'],
			['Get', 'get', 'Get a payment link'],
			['Get Many', 'getAll', 'Get many payment links'],
			['Get Payment Status', 'getPaymentStatus', 'Get the payment status of a payment link'],
			['Update', 'update', 'Update a payment link'],
		]);
	});

	it.each([
		['create', 'Create: Payment Link'],
		['getAll', 'Get Many: Payment Link'],
		['getPaymentStatus', 'Get Payment Status: Payment Link'],
	])('shows operation %s on the canvas as "%s"', (operation, subtitle) => {
		expect(renderSubtitle(node, { resource: 'link', operation })).toBe(subtitle);
	});

	it('names every operation in the subtitle as the panel does', () => {
		for (const option of operationOptions) {
			expect(renderSubtitle(node, { resource: 'link', operation: option.value })).toBe(`${option.name}: Payment Link`);
		}
	});

	it('is found in the nodes panel under payment words, in n8n\'s categories', () => {
		const codex = JSON.parse(readFileSync(path.join(__dirname, '../../../../nodes/Craftgate/Craftgate.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-chat-payments.craftgate');
		expect(codex.categories).toEqual(['Finance & Accounting', 'Communication']);
		expect(codex.alias).toEqual(expect.arrayContaining(['payment', 'pay', 'link', 'checkout']));
	});
});

describe('Craftgate node routing', () => {
	it('runs the chosen operation once per input item, each output paired with its item', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT, { ...PRODUCT, id: 13 }] });
		const { output } = await runCraftgate(
			{ resource: 'link', operation: 'get', linkId: '12' },
			{ fake, itemParameters: [{}, { linkId: '13' }] },
		);
		expect(output.map((item) => [item.json.linkId, item.pairedItem])).toEqual([
			[12, { item: 0 }],
			[13, { item: 1 }],
		]);
		expect(fake.calls.map((call) => call.path)).toEqual(['/craftlink/v1/products/12', '/craftlink/v1/products/13']);
	});

	it('refuses the old operation value "search" by name', async () => {
		const { error, fake } = await runCraftgate({ resource: 'link', operation: 'search' });
		expect(error?.message).toBe('The operation "search" of resource "link" is not supported');
		expect(fake.calls).toEqual([]);
	});
});
