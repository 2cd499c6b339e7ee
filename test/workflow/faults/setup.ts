// What the provider fault tests share: a fresh offline emulator per test (test/emulator, with its
// fault injection, test/emulator/faults.js), credentials pointing at it, one-node workflows, and
// the node's own time limit option set short so a hung provider is given up on quickly.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson, WorkflowRunResult } from '../harness';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { WhatsAppOrderStatus } from '../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { Craftgate } from '../../../nodes/Craftgate/Craftgate.node';
import { CalypsoPay } from '../../../nodes/Calypso/CalypsoPay.node';

const { createEmulator } = require('../../emulator/server');
const secrets = require('../../emulator/credentials');

export interface FaultSpec {
	path: string;
	kind: 'status' | 'rateLimit' | 'reset' | 'hang' | 'malformed' | 'partial';
	method?: string;
	count?: number;
	status?: number;
	retryAfter?: number;
	processed?: boolean;
	accept?: number;
}

export interface Emulator {
	url: string;
	state: any;
	requests: Array<{ provider: string | null; method: string; path: string; status: number | null; fault?: string }>;
	faults: { add(spec: FaultSpec): unknown };
	close(): Promise<void>;
}

/** A fresh emulator for each test of the file that calls this; `current()` is this test's. */
export function freshEmulator(): () => Emulator {
	let emu: Emulator | undefined;
	beforeEach(async () => {
		nock.enableNetConnect(/127\.0\.0\.1/);
		emu = await createEmulator({ port: 0, config: { exotel: { asyncErrorDelayMs: 0 } } });
	});
	afterEach(async () => {
		await emu?.close();
		emu = undefined;
	});
	afterAll(() => nock.enableNetConnect());
	return () => {
		if (!emu) throw new Error('no emulator: call inside a test');
		return emu;
	};
}

/** Every credential type of the package, at the emulator (API Host: custom). */
export function credentialsFor(emu: Emulator): Record<string, IDataObject> {
	const host = { apiHost: 'custom', customApiHost: emu.url };
	return {
		exotelApi: { ...secrets.exotel, ...host },
		dialog360Api: { ...secrets.dialog360, ...host },
		craftgateApi: { apiKey: secrets.craftgate.apiKey, secretKey: secrets.craftgate.secretKey, webhookSecret: secrets.craftgate.webhookKey, ...host },
		calypsoApi: { ...secrets.calypso, ...host, payLinkHost: emu.url },
	};
}

/** A test-only node that emits the items of its `items` parameter (JSON text), one per entry. */
class TestItems implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['transform'],
		version: 1,
		description: 'Emits the items given as JSON',
		defaults: { name: 'Items' },
		inputs: ['main'] as never,
		outputs: ['main'] as never,
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

const TEST_NODE_TYPES = { 'test.items': new TestItems() };

/** Manual Trigger → (input items) → the node; `continueOnFail` turns on Continue On Fail (regular output). */
export function oneNode(node: IDataObject, options: { continueOnFail?: boolean; items?: IDataObject[] } = {}): WorkflowJson {
	const nodes: IDataObject[] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }];
	const connections: IDataObject = {};
	let previous = 'Start';
	if (options.items) {
		nodes.push({ name: 'Items', type: 'test.items', parameters: { items: JSON.stringify(options.items) } });
		connections.Start = { main: [[{ node: 'Items', type: 'main', index: 0 }]] };
		previous = 'Items';
	}
	nodes.push({ name: 'Node', ...node, ...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}) });
	connections[previous] = { main: [[{ node: 'Node', type: 'main', index: 0 }]] };
	return { nodes, connections } as unknown as WorkflowJson;
}

export async function run(emu: Emulator, workflow: WorkflowJson): Promise<WorkflowRunResult> {
	return await runWorkflow({ workflow, credentials: credentialsFor(emu) as never, nodeTypes: TEST_NODE_TYPES });
}

/** Requests the emulator received for `method` + a path matching `path`. */
export function requestsTo(emu: Emulator, method: string, path: RegExp): number {
	return emu.requests.filter((request) => request.method === method && path.test(request.path)).length;
}

const NODE_TYPES: Record<string, INodeType> = {
	exotel: new Exotel(),
	dialog360: new Dialog360(),
	whatsAppOrderStatus: new WhatsAppOrderStatus(),
	craftgate: new Craftgate(),
	calypsoPay: new CalypsoPay(),
};

function findTimeout(properties: INodeProperties[], prefix: string): { path: string; property: INodeProperties } | undefined {
	for (const property of properties) {
		if (/timeout/i.test(property.name) && (property.type === 'number' || property.type === 'string')) {
			return { path: prefix + property.name, property };
		}
		if (property.type === 'collection' && Array.isArray(property.options)) {
			const inner = findTimeout(property.options as INodeProperties[], `${prefix}${property.name}.`);
			if (inner) return inner;
		}
	}
	return undefined;
}

/**
 * The node's time limit option (issue 11 hole 3: "an option with a sensible default") set to
 * `seconds`, merged into `parameters`. Found by name, whatever collection holds it; its unit is
 * read from its name and label (ms or seconds). Throws when the node has none.
 */
export function withTimeout(nodeName: keyof typeof NODE_TYPES, parameters: IDataObject, seconds: number): IDataObject {
	const found = findTimeout(NODE_TYPES[nodeName].description.properties, '');
	if (!found) throw new Error(`the ${nodeName} node has no time limit option (issue 11, hole 3)`);
	const { path, property } = found;
	const inMs = /ms\b|milli/i.test(`${property.name} ${property.displayName}`) || Number(property.default) >= 1000;
	const value = inMs ? seconds * 1000 : seconds;
	const copy = structuredClone(parameters);
	const [head, tail] = path.split('.');
	if (tail === undefined) copy[head] = value;
	else copy[head] = { ...((copy[head] as IDataObject | undefined) ?? {}), [tail]: value };
	return copy;
}

/** Message and description of an error or an error item, as a person reads them. */
export function wording(error: { message?: unknown; description?: unknown; error?: unknown } | undefined): string {
	if (!error) return '';
	return `${String(error.message ?? error.error ?? '')} ${String(error.description ?? '')}`;
}

/** An order the WhatsApp rules accept, as node fields: one line of ₹14.00 on sale at ₹10.00, from a catalog. */
export function whatsAppOrder(referenceId: string): IDataObject {
	return {
		orderInput: 'fields',
		referenceId,
		goodsType: 'digital-goods',
		paymentConfiguration: 'cfg-emu',
		bodyText: 'Tap Review and Pay',
		header: 'none',
		itemsFromCatalog: true,
		catalogId: 'catalog-1',
		items: { item: [{ retailerId: 'SKU-1', name: 'Bread', amount: '14.00', saleAmount: '10.00', quantity: 1 }] },
		taxAmount: '1.00',
		expiration: 'inMinutes',
		expiresInMinutes: 30,
		expirationDescription: 'Pay within 30 minutes',
		additionalFields: {},
	};
}

/** 360dialog Payment Request → Send parameters for one order. */
export function dialog360PaymentRequest(referenceId: string): IDataObject {
	return { resource: 'paymentRequest', operation: 'send', to: '+91 98765 43210', paymentGateway: 'razorpay', options: {}, ...whatsAppOrder(referenceId) };
}

/** Exotel Payment Request → Send parameters for one order. */
export function exotelPaymentRequest(referenceId: string): IDataObject {
	return {
		resource: 'paymentRequest',
		operation: 'send',
		from: '+918012345678',
		to: '+919876543210',
		paymentType: 'payment_gateway:razorpay',
		options: {},
		...whatsAppOrder(referenceId),
	};
}
