// Issue #4 "Done when", in a real n8n with the packed package and the offline 360dialog emulator:
// publishing the 360dialog Trigger takes over the number's webhook (URL + secret header) and
// remembers the old one; a payment request sent on demand gets a wamid; a lookup on demand says
// `new`, the customer pays, the lookup says `captured` (paid); the trigger runs once with a
// lookup-confirmed `paid`; a redelivery and forged deliveries (401) start nothing; an order status
// update through 360dialog is accepted and a refused move fails before anything is sent; unpublishing
// (offline, then the next start calls delete) puts the old webhook back.
export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError, request, waitFor, PACKAGE_PREFIX } = harness;

const DIALOG360 = `${PACKAGE_PREFIX}dialog360`;
const CREDENTIAL = { dialog360Api: { id: '', name: '' } };
const TRIGGER = '360dialog Trigger';
const SECRET_HEADER = 'X-N8N-Webhook-Secret';

const SEND_ID = 'e2eDialog360Send';
const LOOKUP_ID = 'e2eDialog360Lookup';
const TRIGGER_ID = 'e2eDialog360Trigger';
const STATUS_ID = 'e2eDialog360Status';
const STATUS_PATH = 'e2e-dialog360-order-status';

const REFERENCE = 'D360-E2E-1001';
const CONFIGURATION = 'e2e-razorpay';
const OLD_WEBHOOK = { url: 'https://crm.example.test/whatsapp-hook', headers: { Authorization: 'Bearer crm-token' } };

/** Manual run: one realistic order as a 360dialog payment request. */
const sendWorkflow = linearWorkflow({
	id: SEND_ID,
	name: 'E2E 360dialog: send a payment request',
	nodes: [
		manualTriggerNode(),
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
				referenceId: REFERENCE,
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
				options: { razorpayReceipt: `rcpt-${REFERENCE}` },
			},
		},
	],
});

/** What a scheduled check does, started on demand: look the payment up. */
const lookupWorkflow = linearWorkflow({
	id: LOOKUP_ID,
	name: 'E2E 360dialog: check the payment',
	nodes: [
		manualTriggerNode('Every 15 Minutes (Run on Demand)'),
		{
			name: 'Get Payment',
			type: DIALOG360,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { resource: 'payment', operation: 'get', paymentConfiguration: CONFIGURATION, referenceId: REFERENCE, options: {} },
		},
	],
});

const triggerWorkflow = linearWorkflow({
	id: TRIGGER_ID,
	name: 'E2E 360dialog: payment webhook',
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
	const triggerData = () => n8n.staticData(TRIGGER_ID)?.[`node:${TRIGGER}`] ?? {};
	async function exactlyExecutions(workflowId: string, count: number): Promise<any[]> {
		await n8n.waitForExecutions(workflowId, count);
		const executions = n8n.executions(workflowId);
		expect(executions.map((execution: any) => execution.status)).toHaveLength(count);
		return executions;
	}
	async function lookup(): Promise<any> {
		const run = await n8n.executeManual(LOOKUP_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		return nodeOutput(run, 'Get Payment')[0];
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
		n8n = await harness.startN8n({
			name: 'dialog360',
			port: await harness.freePort(),
			credentials,
			workflows: [sendWorkflow, lookupWorkflow, triggerWorkflow, statusWorkflow].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [TRIGGER_ID, STATUS_ID],
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
		const run = await n8n.executeManual(SEND_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [sent] = nodeOutput(run, 'Send Payment Request');
		expect(sent).toMatchObject({ referenceId: REFERENCE, to: '919876543210', wamid: expect.stringMatching(/^wamid\./) });
		const { wamid } = sent;
		expect(apiCalls('POST', '/messages') - sendsBefore).toBe(1);
		// 2 × 250.00 + 90.00 GST = 590.00
		expect(d360().orders[REFERENCE]).toMatchObject({
			wamid,
			to: '919876543210',
			status: 'pending',
			payment: 'new',
			payment_configuration: CONFIGURATION,
			gateway: 'razorpay',
			amount: { value: 59000, offset: 100 },
		});
	});

	it('the scheduled check looks the unpaid order up: new', async () => {
		expect(await lookup()).toMatchObject({ referenceId: REFERENCE, paymentConfiguration: CONFIGURATION, status: 'new', normalizedStatus: 'pending' });
	});

	it('the customer pays: the lookup says captured (paid) and the trigger runs once with a lookup-confirmed paid', async () => {
		const lookupsBefore = apiCalls('GET', '/v1/payments/');
		const { wamid } = d360().orders[REFERENCE];
		const paid = await control('pay', { reference_id: REFERENCE, outcome: 'captured', transaction_id: 'pay_E2E0001' });
		expect(paid.delivery.url).toBe(triggerUrl);
		expect(paid.delivery.headers[SECRET_HEADER]).toBe(triggerData().secretToken);
		expect(lastAttempt(paid.delivery).status).toBe(200);
		// The trigger asked the lookup before emitting.
		expect(apiCalls('GET', '/v1/payments/') - lookupsBefore).toBe(1);

		expect(await lookup()).toMatchObject({
			referenceId: REFERENCE,
			status: 'captured',
			normalizedStatus: 'paid',
			transactions: [expect.objectContaining({ id: 'pay_E2E0001' })],
		});

		const [execution] = await exactlyExecutions(TRIGGER_ID, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const [event] = nodeOutput(execution, TRIGGER);
		expect(event).toMatchObject({
			provider: '360dialog',
			status: 'paid',
			reference: REFERENCE,
			transactionId: 'pay_E2E0001',
			amount: { value: 59000, offset: 100, currency: 'INR' },
			eventId: `360dialog:${wamid}:captured:pay_E2E0001`,
			details: { confirmed: true, lookupStatus: 'captured', webhookStatus: 'captured', wamid, paymentConfiguration: CONFIGURATION },
		});
		expect(nodeOutput(execution, 'Confirm Order')).toEqual([{ order: REFERENCE, status: 'paid' }]);
	});

	it('a redelivery of the payment webhook is taken (200) and runs nothing', async () => {
		const { delivery } = await control('resend-last');
		expect(lastAttempt(delivery).status).toBe(200);
		expect(JSON.parse(lastAttempt(delivery).response)).toEqual({ received: true, duplicates: 1 });
	});

	it('forged deliveries (no secret header, a wrong one) get 401 and start nothing; a genuine new delivery is the second execution', async () => {
		const { body, headers } = d360().lastWebhook;
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
		const { delivery } = await control('claim', { reference_id: REFERENCE, status: 'captured' });
		expect(lastAttempt(delivery).status).toBe(200);
		const executions = await exactlyExecutions(TRIGGER_ID, 2);
		const [event] = nodeOutput(executions[1], TRIGGER);
		expect(event).toMatchObject({ status: 'paid', reference: REFERENCE, details: { confirmed: true, lookupStatus: 'captured' } });
		expect(event.eventId).not.toBe(nodeOutput(executions[0], TRIGGER)[0].eventId);
	});

	describe('order status through 360dialog', () => {
		it('sends pending → processing, which the emulator accepts', async () => {
			const sendsBefore = apiCalls('POST', '/messages');
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference: REFERENCE, to: '+919876543210', status: 'processing', currentStatus: 'pending' });
			expect(response.status).toBe(200);
			const [execution] = await exactlyExecutions(STATUS_ID, 1);
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, 'Update Order Status')).toEqual([
				expect.objectContaining({ referenceId: REFERENCE, orderStatus: 'processing', to: '919876543210', wamid: expect.stringMatching(/^wamid\./) }),
			]);
			expect(apiCalls('POST', '/messages') - sendsBefore).toBe(1);
			expect(d360().orders[REFERENCE].status).toBe('processing');
		});

		it('refuses completed → shipped before anything is sent, as a failed execution', async () => {
			const sendsBefore = apiCalls('POST', '/messages');
			const messagesBefore = d360().messages.length;
			const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { reference: REFERENCE, to: '+919876543210', status: 'shipped', currentStatus: 'completed' });
			expect(response.status).toBe(500);
			const executions = await exactlyExecutions(STATUS_ID, 2);
			expect(executions[1].status).toBe('error');
			const error = executionError(executions[1]);
			expect(error).toMatchObject({ name: 'NodeOperationError', node: { name: 'Update Order Status' } });
			expect(error.message).toBe(`order "${REFERENCE}" is Completed, which is final: no status change is allowed`);
			expect(error.description).toBe('Check field "options.currentStatus" of input item 0, or choose another new status. Nothing was sent.');
			expect(apiCalls('POST', '/messages')).toBe(sendsBefore);
			expect(d360().messages).toHaveLength(messagesBefore);
			expect(d360().orders[REFERENCE].status).toBe('processing');
		});
	});

	it('unpublished while n8n is stopped, the next start puts the old webhook back', async () => {
		await n8n.reconfigure({ unpublish: [TRIGGER_ID] });
		await waitFor(() => d360().webhook.url === OLD_WEBHOOK.url, { timeoutMs: 60_000, what: 'the old webhook to be restored' });
		expect(d360().webhook).toEqual(OLD_WEBHOOK);
		await waitFor(() => !triggerData().secretToken, { timeoutMs: 30_000, what: 'the trigger to forget its secret' });
		expect(triggerData()).not.toHaveProperty('previousWebhook');
		expect(n8n.webhooks().filter((hook: any) => hook.workflowId === TRIGGER_ID)).toEqual([]);
		// The trigger URL no longer answers; nothing more ran.
		const { body } = d360().lastWebhook;
		expect((await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: { 'content-type': 'application/json' } })).status).toBe(404);
		expect(n8n.executions(TRIGGER_ID)).toHaveLength(2);
	});
});
