// What the editor shows in Input Data Mode "Take From Input Items": it hides every parameter whose
// display condition names a parameter it hides, so the order's settings (goods type, payment, texts,
// expiry) must not depend on Order Input there, or a builder could not set them at all.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';

/** The display names the editor shows for these values (hidden parameters have no value there). */
function shown(description: INodeTypeDescription, values: Record<string, unknown>): string[] {
	const node = { name: 'Send', type: description.name, typeVersion: 1, position: [0, 0] as [number, number], parameters: values as never };
	const visible = (property: INodeProperties) => NodeHelpers.displayParameter(values as never, property, node, description, values as never);
	return description.properties.filter(visible).map((property) => property.displayName);
}

const SEND = { resource: 'paymentRequest', operation: 'send' };
const SETTINGS = ['Goods Type', 'Body Text', 'Expiration'];

describe.each([
	['Exotel', new Exotel().description, ['Payment Type', 'Payment Configuration']],
	['360dialog', new Dialog360().description, ['Payment Gateway', 'Payment Configuration']],
])('the %s payment request in the editor', (_name, description, payment) => {
	it('shows the order settings and payment fields when the order comes from the input items, and not its content', () => {
		const labels = shown(description, { ...SEND, inputDataMode: 'autoMapInputData' });
		expect(labels).toEqual(expect.arrayContaining(['To Field', 'Reference ID Field', 'Order Field', ...SETTINGS, ...payment]));
		expect(labels).not.toContain('Order Input');
		expect(labels).not.toContain('Items');
	});

	it('shows each of them once in Define Below with Order Input Fields, and the payment fields not in JSON mode', () => {
		const fields = shown(description, { ...SEND, inputDataMode: 'defineBelow', orderInput: 'fields' });
		for (const label of [...SETTINGS, ...payment]) expect({ label, times: fields.filter((shownLabel) => shownLabel === label).length }).toEqual({ label, times: 1 });
		const json = shown(description, { ...SEND, inputDataMode: 'defineBelow', orderInput: 'json' });
		expect(json).toEqual(expect.arrayContaining(['Order (JSON)', 'Body Text']));
		for (const label of payment) expect(json).not.toContain(label);
	});
});
