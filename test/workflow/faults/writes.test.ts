// Creates and sends under provider faults (issue 11, holes 3 and 4, and item 6): whatever the
// provider does (a 500, a 429, a reset or a hang after it took the request, malformed JSON, an
// Exotel bulk request only partly accepted), a payment link or a WhatsApp message is requested
// exactly once (counted at the emulator) and the failure is a clear error, or with Continue On
// Fail an error item paired with its input item that keeps what is needed to check before trying
// again. Calypso's creates carry an idempotency key, so they may be retried; they never make a
// second invoice.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import {
	dialog360PaymentRequest,
	exotelPaymentRequest,
	freshEmulator,
	oneNode,
	requestsTo,
	run,
	withTimeout,
	wording,
	type FaultSpec,
} from './setup';

const emulator = freshEmulator();

type Fault = Omit<FaultSpec, 'path' | 'method'>;

const AFTER_IT_TOOK_IT: Array<{ name: string; fault: Fault }> = [
	{ name: 'a connection reset after the provider took it', fault: { kind: 'reset', processed: true } },
	{ name: 'a hang past the time limit after the provider took it', fault: { kind: 'hang', processed: true } },
];

const BEFORE_IT_TOOK_IT: Array<{ name: string; fault: Fault }> = [
	{ name: 'a 500', fault: { kind: 'status', status: 500 } },
	{ name: 'a 429 with Retry-After', fault: { kind: 'rateLimit', retryAfter: 1 } },
	{ name: 'malformed JSON', fault: { kind: 'malformed' } },
];

const ALL = [...BEFORE_IT_TOOK_IT, ...AFTER_IT_TOOK_IT];

/** The paired output item of input item `index`. */
function itemOf(output: INodeExecutionData[], index: number): IDataObject {
	const paired = output.filter((item) => (item.pairedItem as { item: number } | undefined)?.item === index);
	expect(paired).toHaveLength(1);
	return paired[0].json;
}

/** "It may have gone out: check before you send again", in the words the nodes use. */
const MAY_HAVE_GONE_OUT = /may have|might have|may already|outcome is unknown|not known|unknown whether|did not answer|check/i;

describe('Craftgate Link → Create under provider faults', () => {
	const PRODUCTS = /^\/craftlink\/v1\/products$/;
	const create = () =>
		withTimeout(
			'craftgate',
			{ resource: 'link', operation: 'create', name: 'Fault create', price: '10.00', currency: 'TRY', additionalFields: { orderId: 'fault-order-1' }, options: {} },
			2,
		);
	const node = () => ({ type: 'n8n-nodes-chat-payments.craftgate', parameters: create() });

	it.each(ALL)('after $name: one request, a clear error', async ({ fault }) => {
		const emu = emulator();
		emu.faults.add({ ...fault, path: '/craftlink/v1/products', method: 'POST' });
		const result = await run(emu, oneNode(node()));
		const error = result.nodeError('Node');
		expect(requestsTo(emu, 'POST', PRODUCTS)).toBe(1);
		expect(wording(error)).toMatch(/Craftgate/);
		expect(Object.keys(emu.state.craftgate.products ?? {}).length).toBeLessThanOrEqual(1);
		if (fault.processed || fault.kind === 'malformed' || fault.kind === 'status') {
			// The link may exist: the error says how to look for it before creating another one.
			expect(wording(error)).toMatch(/Get Many|order ID|fault-order-1/);
		}
	});

	it.each(ALL)('after $name with Continue On Fail: one request, an error item paired with the input item', async ({ fault }) => {
		const emu = emulator();
		emu.faults.add({ ...fault, path: '/craftlink/v1/products', method: 'POST' });
		const result = await run(emu, oneNode(node(), { continueOnFail: true }));
		const item = itemOf(result.output('Node'), 0);
		expect(requestsTo(emu, 'POST', PRODUCTS)).toBe(1);
		expect(item.error).toMatch(/Craftgate/);
		expect(item.description).toEqual(expect.any(String));
		if (fault.kind === 'status') expect(item.httpStatus).toBe(500);
		if (fault.kind === 'rateLimit') expect(item.httpStatus).toBe(429);
		if (fault.processed) expect(item.outcomeUnknown).toBe(true);
	});
});

describe('Calypso Pay Invoice → Create under provider faults (idempotency key)', () => {
	const CREATE = /^\/api\/v1\/invoice\/single\/create$/;
	const node = () => ({
		type: 'n8n-nodes-chat-payments.calypsoPay',
		parameters: withTimeout(
			'calypsoPay',
			{ resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '25.5', currency: 'USDT_TRX', description: 'Fault create', additionalFields: {} },
			2,
		),
	});

	it.each(ALL)('after $name: at most one invoice, and a failure keeps the idempotency key to check', async ({ fault }) => {
		const emu = emulator();
		emu.faults.add({ ...fault, path: '/api/v1/invoice/single/create', method: 'POST' });
		const result = await run(emu, oneNode(node(), { continueOnFail: true }));
		const item = itemOf(result.output('Node'), 0);
		const invoices = Object.values(emu.state.calypso.invoices ?? {}) as IDataObject[];
		expect(invoices.length).toBeLessThanOrEqual(1);
		expect(requestsTo(emu, 'POST', CREATE)).toBeGreaterThanOrEqual(1);
		expect(item.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
		if (item.error === undefined) {
			// Retried with the same key: the one invoice, and it is the one reported.
			expect(invoices.map((invoice) => invoice.idempotencyKey)).toEqual([item.idempotencyKey]);
		} else {
			expect(wording(item as never)).toMatch(/Calypso/);
			if (invoices.length === 1) expect(invoices[0].idempotencyKey).toBe(item.idempotencyKey);
		}
	});
});

describe('Exotel Payment Request → Send under provider faults', () => {
	const MESSAGES = /^\/v2\/accounts\/[^/]+\/messages$/;
	const node = (referenceId: string) => ({ type: 'n8n-nodes-chat-payments.exotel', parameters: withTimeout('exotel', exotelPaymentRequest(referenceId), 2) });

	it.each(ALL)('after $name: one request, an error that names the reference and says to check before resending', async ({ fault }) => {
		const emu = emulator();
		emu.faults.add({ ...fault, path: '/v2/accounts/:sid/messages', method: 'POST' });
		const result = await run(emu, oneNode(node('FAULT-EX-1'), { continueOnFail: true }));
		const item = itemOf(result.output('Node'), 0);
		expect(requestsTo(emu, 'POST', MESSAGES)).toBe(1);
		expect(item).toMatchObject({ referenceId: 'FAULT-EX-1', error: expect.stringMatching(/Exotel/) });
		if (fault.processed || fault.kind === 'malformed') expect(wording(item as never)).toMatch(MAY_HAVE_GONE_OUT);
	});

	it('a bulk request Exotel only partly accepts: one request, the accepted items out, the refused ones paired error items, none resent', async () => {
		const emu = emulator();
		emu.faults.add({ kind: 'partial', accept: 1, path: '/v2/accounts/:sid/messages', method: 'POST' });
		const items = [{ ref: 'FAULT-P-0' }, { ref: 'FAULT-P-1' }, { ref: 'FAULT-P-2' }];
		const parameters = { ...node('x').parameters, referenceId: '={{ $json.ref }}' };
		const result = await run(emu, oneNode({ type: 'n8n-nodes-chat-payments.exotel', parameters }, { continueOnFail: true, items }));
		const output = result.output('Node');
		expect(requestsTo(emu, 'POST', MESSAGES)).toBe(1);
		expect(emu.state.exotel.messages.map((message: IDataObject) => message.reference_id)).toEqual(['FAULT-P-0']);
		expect(itemOf(output, 0)).toMatchObject({ referenceId: 'FAULT-P-0', sid: expect.any(String) });
		for (const index of [1, 2]) {
			expect(itemOf(output, index)).toMatchObject({ referenceId: `FAULT-P-${index}`, error: expect.stringMatching(/Exotel/) });
		}
	});

	it('a bulk request Exotel only partly accepts, without Continue On Fail: the error says which items went out', async () => {
		const emu = emulator();
		emu.faults.add({ kind: 'partial', accept: 1, path: '/v2/accounts/:sid/messages', method: 'POST' });
		const items = [{ ref: 'FAULT-Q-0' }, { ref: 'FAULT-Q-1' }];
		const parameters = { ...node('x').parameters, referenceId: '={{ $json.ref }}' };
		const result = await run(emu, oneNode({ type: 'n8n-nodes-chat-payments.exotel', parameters }, { items }));
		expect(requestsTo(emu, 'POST', MESSAGES)).toBe(1);
		expect(wording(result.nodeError('Node'))).toMatch(/input items? 0\b.*do not send them again/);
	});
});

describe('360dialog Payment Request → Send under provider faults', () => {
	const MESSAGES = /\/messages$/;
	const node = () => ({ type: 'n8n-nodes-chat-payments.dialog360', parameters: withTimeout('dialog360', dialog360PaymentRequest('FAULT-D-1'), 2) });

	it.each(ALL)('after $name: one request, an error item that names the reference', async ({ fault }) => {
		const emu = emulator();
		emu.faults.add({ ...fault, path: '/messages', method: 'POST' });
		const result = await run(emu, oneNode(node(), { continueOnFail: true }));
		const item = itemOf(result.output('Node'), 0);
		expect(requestsTo(emu, 'POST', MESSAGES)).toBe(1);
		expect(item).toMatchObject({ referenceId: 'FAULT-D-1', error: expect.stringMatching(/360dialog/) });
		if (fault.processed || fault.kind === 'malformed') expect(wording(item as never)).toMatch(MAY_HAVE_GONE_OUT);
	});
});

describe('WhatsApp Order Status → Update Status (Exotel) under provider faults', () => {
	it.each(AFTER_IT_TOOK_IT)('after $name: one request, a clear error', async ({ fault }) => {
		const emu = emulator();
		// The order first, so that the status update is one WhatsApp allows.
		const sent = await run(emu, oneNode({ type: 'n8n-nodes-chat-payments.exotel', parameters: exotelPaymentRequest('FAULT-S-1') }));
		expect(sent.nodeError('Node')?.message).toBeUndefined();
		emu.faults.add({ ...fault, path: '/v2/accounts/:sid/messages', method: 'POST' });
		const start = emu.requests.length;
		const parameters = withTimeout(
			'whatsAppOrderStatus',
			{ provider: 'exotel', resource: 'order', operation: 'updateStatus', from: '+918012345678', to: '+919876543210', referenceId: 'FAULT-S-1', status: 'processing', bodyText: 'Packing', options: {} },
			2,
		);
		const result = await run(emu, oneNode({ type: 'n8n-nodes-chat-payments.whatsAppOrderStatus', parameters }));
		expect(emu.requests.slice(start).filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(wording(result.nodeError('Node'))).toMatch(/Exotel/);
		expect(wording(result.nodeError('Node'))).toMatch(MAY_HAVE_GONE_OUT);
	});
});
