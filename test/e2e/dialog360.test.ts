// Issue #4 "Done when", in a real n8n with the packed package and the offline 360dialog emulator:
// publishing the 360dialog Trigger takes over the number's webhook (URL + secret header) and
// remembers the old one; a payment request sent on demand gets a wamid; a lookup on demand says
// `new`, the customer pays, the lookup says `captured` (paid); the trigger runs once with a
// lookup-confirmed `paid`; a redelivery and forged deliveries (401) start nothing; an order status
// update through 360dialog is accepted and a refused move fails before anything is sent; unpublishing
// (offline, then the next start calls delete) puts the old webhook back.
//
// One n8n serves every test, but no test reads what another made: each sends its own order (a
// fresh reference per run) and counts only the runs about that reference. The unpublishing test
// uses a trigger workflow of its own, so the main trigger stays published whatever the order.
export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError, executionsWhere, waitForExecutionsWhere, request, waitFor, PACKAGE_PREFIX } =
	harness;

const DIALOG360 = `${PACKAGE_PREFIX}dialog360`;
const CREDENTIAL = { dialog360Api: { id: '', name: '' } };
const TRIGGER = '360dialog Trigger';
const SECRET_HEADER = 'X-N8N-Webhook-Secret';

const SEND_ID = 'e2eDialog360Send';
const LOOKUP_ID = 'e2eDialog360Lookup';
const TRIGGER_ID = 'e2eDialog360Trigger';
const UNPUBLISH_ID = 'e2eDialog360Unpublish';
const STATUS_ID = 'e2eDialog360Status';
const LOOKUP_PATH = 'e2e-dialog360-payment';
const STATUS_PATH = 'e2e-dialog360-order-status';

const CONFIGURATION = 'e2e-razorpay';
const OLD_WEBHOOK = { url: 'https://crm.example.test/whatsapp-hook', headers: { Authorization: 'Bearer crm-token' } };

/** Manual run: one realistic order, with a new reference each run, as a 360dialog payment request. */
const sendWorkflow = linearWorkflow({
	id: SEND_ID,
	name: 'E2E 360dialog: send a payment request',
	nodes: [
		manualTriggerNode(),
		setNode('New Order', { reference: "={{ 'D360-E2E-' + $now.toMillis() }}" }),
		{
			name: 'Send Payment Request',
			type: DIALOG360,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: {
				resource: 'paymentRequest',
				operation: 'send',
				to: '+91 98765 43210',
				orderInput: 'fields',
				referenceId: '={{ $json.reference }}',
				goodsType: 'digital-goods',
				paymentGateway: 'razorpay',
				paymentConfiguration: CONFIGURATION,
				bodyText: 'Your e-book bundle is ready: tap Review and Pay',
				itemsFromCatalog: false,
				items: {
					item: [
						{
							retailerId: 'EBOOK-101',
							name: 'Indian Cooking e-book',
							amount: '300.00',
							saleAmount: '250.00',
							quantity: 2,
							countryOfOrigin: 'India',
							importerName: 'Spice Books Pvt Ltd',
							importerAddressLine1: '7 MG Road',
							importerCity: 'Bengaluru',
							importerZoneCode: 'KA',
							importerPostalCode: '560001',
							importerCountryCode: 'IN',
						},
					],
				},
				taxAmount: '90.00',
				taxDescription: 'GST 18%',
				expiration: 'inMinutes',
				expiresInMinutes: 60,
				expirationDescription: 'Pay within an hour',
				options: { razorpayReceipt: '=rcpt-{{ $json.reference }}' },
			},
		},
	],
});

/** What a scheduled check does, asked on demand: webhook input { reference } → the payment. */
const lookupWorkflow = linearWorkflow({
	id: LOOKUP_ID,
	name: 'E2E 360dialog: check a payment',
	nodes: [
		webhookNode(LOOKUP_PATH),
		{
			name: 'Get Payment',
			type: DIALOG360,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { resource: 'payment', operation: 'get', paymentConfiguration: CONFIGURATION, referenceId: '={{ $json.body.reference }}', options: {} },
		},
	],
});

/** The payment webhook; the unpublishing test publishes a second one of its own. */
const triggerWorkflow = (id: string, name: string) => linearWorkflow({
	id,
	name,
	nodes: [
		{
			name: TRIGGER,
			type: `${PACKAGE_PREFIX}dialog360Trigger`,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { confirmWithLookup: true, paymentConfiguration: CONFIGURATION, options: { ignoreRedeliveries: true } },
		},
		setNode('Confirm Order', { order: '={{ $json.reference }}', status: '={{ $json.status }}' }),
	],
});

/** Webhook input { reference, to, status, currentStatus } → WhatsApp Order Status through 360dialog. */
const statusWorkflow = linearWorkflow({
	id: STATUS_ID,
	name: 'E2E 360dialog: order status',
	nodes: [
		webhookNode(STATUS_PATH),
		{
			name: 'Update Order Status',
			type: `${PACKAGE_PREFIX}whatsAppOrderStatus`,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: {
				resource: 'order',
				provider: 'dialog360',
				operation: 'updateStatus',
				status: '={{ $json.body.status }}',
				to: '={{ $json.body.to }}',
				referenceId: '={{ $json.body.reference }}',
				bodyText: '=Order {{ $json.body.reference }} is now {{ $json.body.status }}',
				options: { currentStatus: '={{ $json.body.currentStatus }}' },
			},
		},
	],
});


describe('360dialog in a real n8n (issue #4)', () => {
	let n8n: any;
	let emulator: any;
	let triggerUrl: string;

	const d360 = () => emulator.state.dialog360;
	const apiCalls = (method: string, path: string): number =>
		emulator.requests.filter((entry: any) => entry.provider === 'dialog360' && entry.method === method && entry.path.startsWith(path)).length;
	const control = async (route: string, body: object = {}) => {
		const response = await request(`${emulator.url}/_control/dialog360/${route}`, { method: 'POST', body });
		if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
		return response.json;
	};
	const lastAttempt = (delivery: any) => delivery.attempts[delivery.attempts.length - 1];
	const triggerData = (workflowId = TRIGGER_ID) => n8n.staticData(workflowId)?.[`node:${TRIGGER}`] ?? {};

	/** The trigger's finished runs about `reference`, oldest first. */
	const aboutReference = (reference: string) => (execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.reference === reference;
	const triggerRuns = (reference: string): any[] => executionsWhere(n8n, TRIGGER_ID, aboutReference(reference));
	/** Waits for `count` trigger runs about `reference`, then checks there are no more. */
	async function exactlyTriggerRuns(reference: string, count: number): Promise<any[]> {
		await waitForExecutionsWhere(n8n, TRIGGER_ID, aboutReference(reference), count, { what: `trigger runs about ${reference}` });
		const runs = triggerRuns(reference);
		expect(runs).toHaveLength(count);
		return runs;
	}
	/** The order status workflow's runs whose input named `reference`. */
	const statusInputFor = (reference: string) => (execution: any) => nodeOutput(execution, 'Webhook')?.[0]?.body?.reference === reference;
	async function exactlyOneStatusRun(reference: string): Promise<any> {
		await waitForExecutionsWhere(n8n, STATUS_ID, statusInputFor(reference), 1, { what: `order status runs about ${reference}` });
		const runs = executionsWhere(n8n, STATUS_ID, statusInputFor(reference));
		expect(runs).toHaveLength(1);
		return runs[0];
	}

	/** Runs the send workflow on demand: a new order with a reference of its own; → what the node output. */
	async function sendOrder(): Promise<any> {
		const run = await n8n.executeManual(SEND_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [sent] = nodeOutput(run, 'Send Payment Request');
		expect(sent.referenceId).toMatch(/^D360-E2E-\d+$/);
		expect(d360().orders[sent.referenceId]).toBeDefined();
		return sent;
	}
	async function lookup(reference: string): Promise<any> {
		const response = await n8n.runWorkflowByWebhook(LOOKUP_PATH, { reference });
		expect({ status: response.status, items: response.json?.length }).toEqual({ status: 200, items: 1 });
		return response.json[0];
	}
	/** A new order the customer has paid, with the one trigger run that payment started. */
	async function paidOrder(transactionId: string): Promise<{ reference: string; wamid: string; paid: any; run: any }> {
		const { referenceId: reference, wamid } = await sendOrder();
		const paid = await control('pay', { reference_id: reference, outcome: 'captured', transaction_id: transactionId });
		expect(lastAttempt(paid.delivery).status).toBe(200);
		const [run] = await exactlyTriggerRuns(reference, 1);
		return { reference, wamid, paid, run };
	}

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, providers: ['dialog360'], config: { dialog360: { retryDelaysMs: [], asyncErrorDelayMs: 0 } } });
		// The number already has a webhook (someone's CRM): the trigger must take it over and give it back.
		const apiKey = emulatorSecrets.dialog360.apiKey;
		const set = await request(`${emulator.url}/v1/configs/webhook`, { method: 'POST', headers: { 'D360-API-KEY': apiKey }, body: OLD_WEBHOOK });
		expect(set.status).toBe(200);
		// Written out (not emulatorCredentials()) so this file depends on the 360dialog credential only.
		const credentials = [
			{
				id: 'e2e-dialog360Api',
				name: '360dialog API (emulator)',
				type: 'dialog360Api',
				data: { apiKey, apiHost: 'custom', customApiHost: emulator.url, partnerWebhookSecret: '' },
			},
		];
		const workflows = [
			sendWorkflow,
			lookupWorkflow,
			triggerWorkflow(TRIGGER_ID, 'E2E 360dialog: payment webhook'),
			triggerWorkflow(UNPUBLISH_ID, 'E2E 360dialog: payment webhook, to unpublish'),
			statusWorkflow,
		];
		n8n = await harness.startN8n({
			name: 'dialog360',
			// Fixed, so the URLs the triggers registered stay valid across restarts.
			port: await harness.freePort(),
			credentials,
			workflows: workflows.map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [TRIGGER_ID, LOOKUP_ID, STATUS_ID],
		});
		triggerUrl = n8n.triggerUrl(TRIGGER_ID, TRIGGER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('took over the number\'s webhook on activation: the trigger URL with its secret header, the old one remembered', async () => {
		expect(n8n.triggerStatuses(TRIGGER_ID)).toEqual([expect.objectContaining({ status: 'activated' })]);
		const stored = triggerData();
		expect(stored).toMatchObject({ webhookUrl: triggerUrl, secretToken: expect.any(String), previousWebhook: OLD_WEBHOOK });
		expect(stored.secretToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(d360().webhook).toEqual({ url: triggerUrl, headers: { [SECRET_HEADER]: stored.secretToken } });
		// The emulator's own answer, as 360dialog would give it.
		const shown = await request(`${emulator.url}/v1/configs/webhook`, { headers: { 'D360-API-KEY': emulatorSecrets.dialog360.apiKey } });
		expect(shown.json).toEqual({ url: triggerUrl, headers: { [SECRET_HEADER]: stored.secretToken } });
	});

	it('sends the payment request in a run on demand and gets a wamid', async () => {
		const sendsBefore = apiCalls('POST', '/messages');
		const sent = await sendOrder();
		expect(sent).toMatchObject({ to: '919876543210', wamid: expect.stringMatching(/^wamid\./) });
		expect(apiCalls('POST', '/messages') - sendsBefore).toBe(1);
		// 2 × 250.00 + 90.00 GST = 590.00
		expect(d360().orders[sent.referenceId]).toMatchObject({
			wamid: sent.wamid,
			to: '919876543210',
			status: 'pending',
			payment: 'new',
			payment_configuration: CONFIGURATION,
			gateway: 'razorpay',
			amount: { value: 59000, offset: 100 },
		});
	});

	it('the scheduled check looks the unpaid order up: new', async () => {
		const { referenceId: reference } = await sendOrder();
		expect(await lookup(reference)).toMatchObject({ referenceId: reference, paymentConfiguration: CONFIGURATION, status: 'new', normalizedStatus: 'pending' });
	});

	it('the customer pays: the lookup says captured (paid) and the trigger runs once with a lookup-confirmed paid', async () => {
		const { referenceId: reference, wamid } = await sendOrder();
		const lookupsBefore = apiCalls('GET', '/v1/payments/');
		const paid = await control('pay', { reference_id: reference, outcome: 'captured', transaction_id: 'pay_E2E0001' });
		expect(paid.delivery.url).toBe(triggerUrl);
		expect(paid.delivery.headers[SECRET_HEADER]).toBe(triggerData().secretToken);
		expect(lastAttempt(paid.delivery).status).toBe(200);
		// The trigger asked the lookup before emitting.
		expect(apiCalls('GET', '/v1/payments/') - lookupsBefore).toBe(1);

		expect(await lookup(reference)).toMatchObject({
			referenceId: reference,
			status: 'captured',
			normalizedStatus: 'paid',
			transactions: [expect.objectContaining({ id: 'pay_E2E0001' })],
		});

		const [execution] = await exactlyTriggerRuns(reference, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const [event] = nodeOutput(execution, TRIGGER);
		expect(event).toMatchObject({
			provider: '360dialog',
			status: 'paid',
			reference,
			transactionId: 'pay_E2E0001',
			amount: { value: 59000, offset: 100, currency: 'INR' },
			eventId: `360dialog:${wamid}:captured:pay_E2E0001`,
			details: { confirmed: true, lookupStatus: 'captured', webhookStatus: 'captured', wamid, paymentConfiguration: CONFIGURATION },
		});
		expect(nodeOutput(execution, 'Confirm Order')).toEqual([{ order: reference, status: 'paid' }]);
	});

	it('a redelivery of the payment webhook is taken (200) and runs nothing', async () => {
		const { reference, paid } = await paidOrder('pay_E2E0002');
		const { delivery } = await control('resend-last');
		expect(delivery.body).toBe(paid.delivery.body);
		expect(lastAttempt(delivery).status).toBe(200);
		expect(JSON.parse(lastAttempt(delivery).response)).toEqual({ received: true, duplicates: 1 });
		expect(triggerRuns(reference)).toHaveLength(1);
	});

	it('forged deliveries (no secret header, a wrong one) get 401 and start nothing; a genuine new delivery is a second run', async () => {
		const { reference, paid, run } = await paidOrder('pay_E2E0003');
		const { body, headers } = paid.delivery;
		const secret = headers[SECRET_HEADER];
		const forgeries: Array<[string, Record<string, string>]> = [
			['no secret header', { 'content-type': 'application/json' }],
			['a wrong secret', { 'content-type': 'application/json', [SECRET_HEADER]: `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}` }],
			['the old CRM header', { 'content-type': 'application/json', ...OLD_WEBHOOK.headers }],
		];
		const callsBefore = emulator.requests.length;
		for (const [what, forged] of forgeries) {
			const response = await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: forged });
			expect({ what, status: response.status }).toEqual({ what, status: 401 });
		}
		// A refused delivery is not even looked up.
		expect(emulator.requests.length).toBe(callsBefore);

		// 360dialog reports the payment again with another transaction: a new event, so a new run.
		const { delivery } = await control('claim', { reference_id: reference, status: 'captured' });
		expect(lastAttempt(delivery).status).toBe(200);
		const runs = await exactlyTriggerRuns(reference, 2);
		expect(runs[0].id).toBe(run.id);
		const [event] = nodeOutput(runs[1], TRIGGER);
		expect(event).toMatchObject({ status: 'paid', reference, details: { confirmed: true, lookupStatus: 'captured' } });
		expect(event.eventId).not.toBe(nodeOutput(run, TRIGGER)[0].eventId);
	});

	describe('order status through 360dialog', () => {
		it('sends pending → processing, which the emulator accepts', async () => {
			const { referenceId: reference } = await sendOrder();
			const sendsBefore = apiCalls('POST', '/messages');
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference, to: '+919876543210', status: 'processing', currentStatus: 'pending' });
			expect(response.status).toBe(200);
			const execution = await exactlyOneStatusRun(reference);
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, 'Update Order Status')).toEqual([
				expect.objectContaining({ referenceId: reference, orderStatus: 'processing', to: '919876543210', wamid: expect.stringMatching(/^wamid\./) }),
			]);
			expect(apiCalls('POST', '/messages') - sendsBefore).toBe(1);
			expect(d360().orders[reference].status).toBe('processing');
		});

		it('refuses completed → shipped before anything is sent, as a failed execution', async () => {
			const { referenceId: reference } = await sendOrder();
			const sendsBefore = apiCalls('POST', '/messages');
			const messagesBefore = d360().messages.length;
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference, to: '+919876543210', status: 'shipped', currentStatus: 'completed' });
			expect(response.status).toBe(500);
			const execution = await exactlyOneStatusRun(reference);
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error).toMatchObject({ name: 'NodeOperationError', node: { name: 'Update Order Status' } });
			expect(error.message).toBe(`order "${reference}" is Completed, which is final: no status change is allowed`);
			expect(error.description).toBe('Check field "options.currentStatus" of input item 0, or choose another new status. Nothing was sent.');
			expect(apiCalls('POST', '/messages')).toBe(sendsBefore);
			expect(d360().messages).toHaveLength(messagesBefore);
			expect(d360().orders[reference].status).toBe('pending');
		});
	});

	it('a trigger unpublished while n8n is stopped puts back, at the next start, the webhook it took over', async () => {
		// A trigger of its own, published here, so the main one stays as every other test needs it.
		const ownUrl = n8n.triggerUrl(UNPUBLISH_ID, TRIGGER);
		const before = structuredClone(d360().webhook);
		expect(before.url).not.toBe(ownUrl);
		await n8n.publish([UNPUBLISH_ID]);
		const taken = triggerData(UNPUBLISH_ID);
		expect(taken).toMatchObject({ webhookUrl: ownUrl, previousWebhook: before });
		expect(d360().webhook).toEqual({ url: ownUrl, headers: { [SECRET_HEADER]: taken.secretToken } });

		await n8n.reconfigure({ unpublish: [UNPUBLISH_ID] });
		await waitFor(() => d360().webhook.url === before.url, { timeoutMs: 60_000, what: 'the previous webhook to be restored' });
		expect(d360().webhook).toEqual(before);
		await waitFor(() => !triggerData(UNPUBLISH_ID).secretToken, { timeoutMs: 30_000, what: 'the trigger to forget its secret' });
		expect(triggerData(UNPUBLISH_ID)).not.toHaveProperty('previousWebhook');
		expect(n8n.webhooks().filter((hook: any) => hook.workflowId === UNPUBLISH_ID)).toEqual([]);
		// Its URL no longer answers; it never ran.
		const delivery = { object: 'whatsapp_business_account', entry: [] };
		const response = await n8n.runWorkflowByWebhook(ownUrl, delivery, { headers: { [SECRET_HEADER]: taken.secretToken } });
		expect(response.status).toBe(404);
		expect(n8n.executions(UNPUBLISH_ID)).toEqual([]);
	});
});
