// Reads under provider faults (issue 11, hole 3 and item 6): a read that meets a 500, a 503 twice,
// a 429 with Retry-After, a connection reset or a provider that hangs past the node's time limit
// is retried with back-off and succeeds with the same output as without the fault. Requests are
// counted at the emulator. Every read is first run once without a fault, which also tells the path
// to fault.
import type { IDataObject } from 'n8n-workflow';
import { dialog360PaymentRequest, freshEmulator, oneNode, run, withTimeout, type Emulator, type FaultSpec } from './setup';

const emulator = freshEmulator();

interface Read {
	name: string;
	nodeName: 'craftgate' | 'calypsoPay' | 'dialog360';
	/** Makes what the read reads; returns the read node's parameters. */
	prepare(emu: Emulator): Promise<IDataObject>;
	method: string;
}

async function created(emu: Emulator, node: IDataObject): Promise<IDataObject> {
	const result = await run(emu, oneNode(node));
	expect(result.nodeError('Node')?.message).toBeUndefined();
	return result.output('Node')[0].json;
}

const READS: Read[] = [
	{
		name: 'Craftgate Link → Get',
		nodeName: 'craftgate',
		method: 'GET',
		async prepare(emu) {
			const link = await created(emu, {
				type: 'n8n-nodes-chat-payments.craftgate',
				parameters: { resource: 'link', operation: 'create', name: 'Fault read', price: '10.00', currency: 'TRY', additionalFields: {}, options: {} },
			});
			return { resource: 'link', operation: 'get', linkId: String(link.linkId), options: {} };
		},
	},
	{
		name: 'Calypso Pay Invoice → Get',
		nodeName: 'calypsoPay',
		method: 'POST',
		async prepare(emu) {
			const invoice = await created(emu, {
				type: 'n8n-nodes-chat-payments.calypsoPay',
				parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '25.5', currency: 'USDT_TRX', description: 'Fault read', additionalFields: {} },
			});
			return { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: String(invoice.id) };
		},
	},
	{
		name: '360dialog Payment → Get',
		nodeName: 'dialog360',
		method: 'GET',
		async prepare(emu) {
			await created(emu, { type: 'n8n-nodes-chat-payments.dialog360', parameters: dialog360PaymentRequest('FAULT-READ-1') });
			return { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg-emu', referenceId: 'FAULT-READ-1', options: {} };
		},
	},
];

const FAULTS: Array<{ name: string; fault: Omit<FaultSpec, 'path' | 'method'>; extraRequests: number }> = [
	{ name: 'a 500', fault: { kind: 'status', status: 500 }, extraRequests: 1 },
	{ name: 'a 503 twice', fault: { kind: 'status', status: 503, count: 2 }, extraRequests: 2 },
	{ name: 'a 429 with Retry-After: 1', fault: { kind: 'rateLimit', retryAfter: 1 }, extraRequests: 1 },
	{ name: 'a connection reset', fault: { kind: 'reset' }, extraRequests: 1 },
	{ name: 'a hang past the time limit', fault: { kind: 'hang' }, extraRequests: 1 },
];

const TYPE = { craftgate: 'craftgate', calypsoPay: 'calypsoPay', dialog360: 'dialog360' } as const;

describe.each(READS)('$name under provider faults', (read) => {
	it.each(FAULTS)('is retried after $name and succeeds with the same output', async ({ fault, extraRequests }) => {
		const emu = emulator();
		// A short time limit, so that the hang is given up on and retried quickly.
		const parameters = withTimeout(read.nodeName, await read.prepare(emu), 2);
		const node = { type: `n8n-nodes-chat-payments.${TYPE[read.nodeName]}`, parameters };

		const before = emu.requests.length;
		const baseline = await run(emu, oneNode(node));
		expect(baseline.nodeError('Node')?.message).toBeUndefined();
		const reads = emu.requests.slice(before).filter((request) => request.method === read.method);
		expect(reads).toHaveLength(1);
		const path = reads[0].path;

		emu.faults.add({ ...fault, path, method: read.method });
		const start = emu.requests.length;
		const faulted = await run(emu, oneNode(node));

		expect(faulted.nodeError('Node')?.message).toBeUndefined();
		expect(faulted.output('Node').map((item) => item.json)).toEqual(baseline.output('Node').map((item) => item.json));
		const sent = emu.requests.slice(start).filter((request) => request.method === read.method && request.path === path);
		expect(sent.map((request) => request.fault ?? 'answered')).toEqual([...new Array(extraRequests).fill(fault.kind), 'answered']);
	});
});
