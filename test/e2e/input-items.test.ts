// Issue #13 "Orders straight from the input items", in a real n8n with the packed package against
// the offline emulator: 250 orders arrive at a published webhook, each with its recipient, reference
// id and WhatsApp order, and the Exotel node (Input Data Mode: Take From Input Items, no expression
// anywhere in it) sends them in 3 requests of 100, 100 and 50. The emulator must have received
// exactly those 250 orders, each with its own recipient, lines and amounts.
//
// One n8n and one emulator serve the file; each test uses reference ids of its own.
export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');

const { linearWorkflow, webhookNode, nodeOutput, PACKAGE_PREFIX } = harness;

const WORKFLOW_ID = 'e2eExotelInputItems';
const PATH = 'e2e-exotel-input-items';
const SEND = 'Send Payment Requests';
const FROM = '+918012345678';

/** Webhook (body.orders: [{to, referenceId, order}]) → Split Out → Exotel, orders taken from the items. */
const workflow = linearWorkflow({
	id: WORKFLOW_ID,
	name: 'E2E Exotel: orders from input items',
	nodes: [
		webhookNode(PATH, { name: 'Orders In' }),
		{
			name: 'Split Orders',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.orders', include: 'noOtherFields', options: {} },
		},
		{
			name: SEND,
			type: `${PACKAGE_PREFIX}exotel`,
			typeVersion: 1,
			credentials: { exotelApi: { id: '', name: '' } },
			parameters: {
				resource: 'paymentRequest',
				operation: 'send',
				inputDataMode: 'autoMapInputData',
				from: FROM,
				toField: 'to',
				referenceIdField: 'referenceId',
				orderField: 'order',
				goodsType: 'digital-goods',
				paymentType: 'payment_gateway:razorpay',
				paymentConfiguration: 'e2e-razorpay',
				bodyText: 'Tap Review and Pay to complete your order',
				expiration: 'none',
				options: {},
			},
		},
	],
});

/** Order `i` of a batch: a line or two from the catalog, amounts as rupees or as WhatsApp's paise. */
function order(batch: string, i: number) {
	const items: object[] = [{ retailer_id: `SKU-${i % 7}`, name: `Spice box ${i % 7}`, amount: `${100 + i}.50`, quantity: (i % 3) + 1 }];
	if (i % 2 === 0) items.push({ retailer_id: 'SKU-TEA', name: 'Assam tea', amount: { value: 24000, offset: 100 }, sale_amount: '200.00', quantity: 1 });
	return {
		to: `+91 98${String(i).padStart(3, '0')} 7${String(batch.length * 1000 + i).slice(-4)}`,
		referenceId: `${batch}-${String(i).padStart(3, '0')}`,
		order: { catalog_id: 'e2e-catalog', items, tax: { value: 900, offset: 100, description: 'GST' } },
	};
}

/** What the emulator must have stored for `input`: recipient, reference, lines and sums in paise. */
function expectedMessage(input: ReturnType<typeof order>) {
	const lines = input.order.items.map((line: any) => {
		const amount = typeof line.amount === 'object' ? line.amount : { value: Math.round(Number(line.amount) * 100), offset: 100 };
		const wire: any = { retailer_id: line.retailer_id, name: line.name, amount, quantity: line.quantity };
		if (line.sale_amount) wire.sale_amount = { value: Math.round(Number(line.sale_amount) * 100), offset: 100 };
		return wire;
	});
	const subtotal = lines.reduce((sum: number, line: any) => sum + (line.sale_amount ?? line.amount).value * line.quantity, 0);
	return {
		to: input.to.replace(/\s/g, ''),
		reference_id: input.referenceId,
		amount: { value: subtotal + 900, offset: 100 },
		order: {
			status: 'pending',
			catalog_id: 'e2e-catalog',
			items: lines,
			subtotal: { value: subtotal, offset: 100 },
			tax: { value: 900, offset: 100, description: 'GST' },
		},
	};
}

describe('orders from the input items in a real n8n (issue #13)', () => {
	let n8n: any;
	let emulator: any;

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, providers: ['exotel'] });
		const credentials = harness.emulatorCredentials(emulator.url).filter((credential: any) => credential.type === 'exotelApi');
		n8n = await harness.startN8n({
			name: 'input-items',
			credentials,
			workflows: [harness.bindCredentials(workflow, credentials)],
			publish: [WORKFLOW_ID],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	const messageRequests = () =>
		emulator.requests.filter((entry: any) => entry.provider === 'exotel' && entry.method === 'POST' && /\/messages$/.test(entry.path)).length;

	it('sends 250 orders read from the items in 3 requests of 100, 100 and 50; the emulator received exactly them', async () => {
		const batch = `II${Date.now() % 100000}`;
		const input = Array.from({ length: 250 }, (_, i) => order(batch, i));
		const requestsBefore = messageRequests();
		const executionsBefore = n8n.executions(WORKFLOW_ID, { includeData: false }).length;

		const response = await n8n.runWorkflowByWebhook(PATH, { orders: input }, { timeoutMs: 180_000 });
		expect(response.status).toBe(200);
		const executions = await n8n.waitForExecutions(WORKFLOW_ID, executionsBefore + 1, 120_000);
		const execution = executions[executions.length - 1];
		expect(execution.status).toBe('success');

		expect(messageRequests() - requestsBefore).toBe(3);
		const stored = emulator.state.exotel.messages.filter((message: any) => String(message.reference_id).startsWith(`${batch}-`));
		const perRequest = [...new Set(stored.map((message: any) => message.request_id))].map(
			(requestId) => stored.filter((message: any) => message.request_id === requestId).length,
		);
		expect(perRequest).toEqual([100, 100, 50]);
		expect(stored).toHaveLength(250);
		stored.forEach((message: any, i: number) => {
			const expected = expectedMessage(input[i]);
			expect({ to: message.to, reference_id: message.reference_id, amount: message.amount, order: message.content.interactive.action.parameters.order }).toEqual(
				{ to: expected.to, reference_id: expected.reference_id, amount: expected.amount, order: expected.order },
			);
			expect(message.content.interactive.action.parameters).toMatchObject({ type: 'digital-goods', payment_type: 'payment_gateway:razorpay', total_amount: expected.amount });
		});

		const items = nodeOutput(execution, SEND);
		expect(items.map((item: any) => item.referenceId)).toEqual(input.map((entry) => entry.referenceId));
		expect(items.map((item: any) => item.sid)).toEqual(stored.map((message: any) => message.sid));
	});

	it('an order that breaks a rule stops the run before anything is sent, naming the item and the input field', async () => {
		const batch = `IB${Date.now() % 100000}`;
		const input = [order(batch, 0), order(batch, 1)];
		(input[1].order.items[0] as any).quantity = 0;
		const requestsBefore = messageRequests();
		const executionsBefore = n8n.executions(WORKFLOW_ID, { includeData: false }).length;

		await n8n.runWorkflowByWebhook(PATH, { orders: input }, { timeoutMs: 180_000 });
		const executions = await n8n.waitForExecutions(WORKFLOW_ID, executionsBefore + 1, 120_000);
		const execution = executions[executions.length - 1];
		expect(execution.status).toBe('error');
		expect(harness.executionError(execution)).toMatchObject({
			message: 'order line items[0] (retailer_id "SKU-1"): quantity must be a whole number of at least 1, got 0',
			description: 'Check field "order.items[0].quantity" of input item 1.',
		});
		expect(messageRequests() - requestsBefore).toBe(0);
		expect(emulator.state.exotel.messages.filter((message: any) => String(message.reference_id).startsWith(`${batch}-`))).toEqual([]);
	});
});
