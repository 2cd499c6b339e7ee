import type { INode, INodeParameters, INodePropertyOptions, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { CalypsoPayTrigger } from '../../../../nodes/Calypso/CalypsoPayTrigger.node';
import codex from '../../../../nodes/Calypso/CalypsoPayTrigger.node.json';
import { invoiceDelivery, receiveDelivery } from './contexts';

const trigger = new CalypsoPayTrigger();
const d = trigger.description;

/** The canvas subtitle as the editor computes it (NodeHelpers: getSimpleParameterValue on the node). */
function subtitleFor(parameters: INodeParameters): unknown {
	const node: INode = { id: '1', name: 'Calypso Pay Trigger', type: 'n8n-nodes-chat-payments.calypsoPayTrigger', typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, d.subtitle!, 'internal', {}, undefined, '');
}

describe('Calypso Pay Trigger: description', () => {
	it('is named Calypso Pay Trigger, pairing with Calypso Pay, a trigger without inputs answering Calypso with an empty 200', () => {
		expect([d.name, d.displayName, d.defaults.name]).toEqual(['calypsoPayTrigger', 'Calypso Pay Trigger', 'Calypso Pay Trigger']);
		expect(d.group).toEqual(['trigger']);
		expect(d.inputs).toEqual([]);
		expect(d.usableAsTool).toBeUndefined();
		expect(d.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }]);
	});

	it('has the notice, the events, and every optional setting under Options', () => {
		expect(d.properties.map((p) => [p.name, p.type])).toEqual([
			['notice', 'notice'],
			['subscribeTo', 'options'],
			['events', 'multiOptions'],
			['options', 'collection'],
		]);
		const options = d.properties.find((p) => p.name === 'options')?.options as Array<{ name: string; displayName: string; default: unknown }>;
		expect(options.map((o) => [o.displayName, o.name, o.default])).toEqual([
			['Confirm with Invoice Lookup', 'confirmWithInvoiceLookup', true],
			['Ignore Redeliveries', 'ignoreRedeliveries', true],
		]);
	});

	it('names every event as a person reads it, sorted by name', () => {
		const events = d.properties.find((p) => p.name === 'events')?.options as INodePropertyOptions[];
		expect(events.map((e) => [e.name, e.value])).toEqual([
			['Compliance Check Started', 'INVOICE_PENDING_COMPLIANCE'],
			['Compliance Declined', 'INVOICE_COMPLIANCE_DECLINED'],
			['Fixed-Amount Invoice Created', 'INVOICE_CREATE_INVOICE'],
			['Funds Moved to Balance', 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED'],
			['Funds Received', 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE'],
			['Invoice Expired', 'INVOICE_EXPIRED'],
			['Invoice Paid', 'INVOICE_PAID'],
			['Over- or Underpaid', 'INVOICE_PENDING_INTERVENTION'],
			['Payment Seen in Mempool', 'INVOICE_MEMPOOL_FOUND'],
			['Unlimited Invoice Created', 'INVOICE_CREATE_UNLIMITED_INVOICE'],
		]);
	});

	it.each<[string, INodeParameters, string]>([
		['all events', { subscribeTo: 'allInvoiceEvents' }, 'All Invoice Events'],
		['the events chosen, by the names the panel shows', { subscribeTo: 'selectedEvents', events: ['INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 'INVOICE_PAID'] }, 'Funds Received, Invoice Paid'],
		['an event type typed by expression, as it is', { subscribeTo: 'selectedEvents', events: ['INVOICE_SOMETHING_NEW'] }, 'INVOICE_SOMETHING_NEW'],
	])('shows on the canvas %s', (_name, parameters, subtitle) => {
		expect(subtitleFor(parameters)).toBe(subtitle);
	});

	it('is found by what a user types: payment, pay, crypto, invoice, webhook', () => {
		expect(codex.node).toBe('n8n-nodes-chat-payments.calypsoPayTrigger');
		expect(codex.categories).toEqual(['Finance & Accounting', 'Communication']);
		expect(codex.alias).toEqual(expect.arrayContaining(['payment', 'pay', 'crypto', 'invoice', 'webhook']));
	});
});

describe('event filter and redeliveries', () => {
	it('ignores events not selected: 200, no execution, no lookup', async () => {
		const { result, response, calls } = await receiveDelivery({
			body: invoiceDelivery('INVOICE_CREATE_UNLIMITED_INVOICE'),
			nodeParameters: { subscribeTo: 'selectedEvents', events: ['INVOICE_PAID'], options: {} },
		});
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 0 } });
		expect(calls).toHaveLength(0);
	});

	it('runs an event id once; a redelivery gets 200 and starts nothing', async () => {
		const body = invoiceDelivery('INVOICE_PAID', {}, 777001);
		const first = await receiveDelivery({ body, nodeId: 'dedup-node' });
		const again = await receiveDelivery({ body, nodeId: 'dedup-node' });
		expect(first.events).toHaveLength(1);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
	});

	it('runs redeliveries again when "Ignore Redeliveries" is off', async () => {
		const body = invoiceDelivery('INVOICE_PAID', {}, 777002);
		const options = { ignoreRedeliveries: false };
		expect((await receiveDelivery({ body, nodeId: 'no-dedup', options })).events).toHaveLength(1);
		expect((await receiveDelivery({ body, nodeId: 'no-dedup', options })).events).toHaveLength(1);
	});

	it('a forged redelivery of a known event id is still a 401', async () => {
		const body = invoiceDelivery('INVOICE_PAID', {}, 777003);
		await receiveDelivery({ body, nodeId: 'forged' });
		expect((await receiveDelivery({ body, nodeId: 'forged', sign: 'ab'.repeat(64) })).response.statusCode).toBe(401);
	});
});
