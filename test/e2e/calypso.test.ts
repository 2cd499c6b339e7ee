// Issue #6 "Done when", in a real n8n with the packed package and the offline Calypso emulator:
// publishing the Calypso Trigger workflow subscribes its production URL (one subscription, its
// requestId in the trigger's static data); a widget created in a run on demand carries the order
// as external id and links to <payLinkHost>/pay?widgetKey=<key>; the customer picks a currency and
// pays, the emulator delivers each event three times, and the trigger runs once per event with
// the order as reference; forged deliveries get 401 and start nothing; no secret is stored in an
// execution; deactivating the workflow deletes the subscription.
import { createHmac } from 'node:crypto';

const harness = require('./harness');
const { withDb } = require('./harness/db');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError, request, waitFor, PACKAGE_PREFIX } = harness;

const PAY = `${PACKAGE_PREFIX}calypsoPay`;
const CREDENTIAL = { calypsoApi: { id: '', name: '' } };
const TRIGGER = 'Calypso Trigger';

const CREATE_ID = 'e2eCalypsoCreate';
const STATUS_ID = 'e2eCalypsoStatus';
const TRIGGER_ID = 'e2eCalypsoTrigger';
const STATUS_PATH = 'e2e-calypso-widget';
const ORDER = 'e2e-order-1042';
const FUNDS = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE';
const PAID = 'INVOICE_PAID';
const CREATED = 'INVOICE_CREATE_UNLIMITED_INVOICE';

/** Manual run: the order in a Set node, a widget made from it. */
const createWorkflow = linearWorkflow({
	id: CREATE_ID,
	name: 'E2E Calypso: create a payment widget for an order',
	nodes: [
		manualTriggerNode(),
		setNode('Order', { orderId: ORDER, summary: 'Order 1042: 2 × Coffee beans, 25 USDT' }),
		{
			name: 'Create Widget',
			type: PAY,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: {
				resource: 'widget',
				operation: 'create',
				cryptoCurrencies: ['USDT_TRX', 'BTC'],
				otherCryptoCurrencies: 'USDC',
				description: '={{ $json.summary }}',
				externalId: '={{ $json.orderId }}',
				additionalFields: { returnUrl: 'https://shop.example.com/thanks' },
			},
		},
	],
});

/** Webhook input { widgetKey } → the widget with every invoice it opened. */
const statusWorkflow = linearWorkflow({
	id: STATUS_ID,
	name: 'E2E Calypso: widget status',
	nodes: [
		webhookNode(STATUS_PATH),
		{
			name: 'Get Widget',
			type: PAY,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { resource: 'widget', operation: 'get', widgetKey: '={{ $json.body.widgetKey }}', options: { includeInvoiceDetails: true } },
		},
	],
});

const triggerWorkflow = linearWorkflow({
	id: TRIGGER_ID,
	name: 'E2E Calypso: invoice events',
	nodes: [
		{ name: TRIGGER, type: `${PACKAGE_PREFIX}calypsoTrigger`, typeVersion: 1, credentials: CREDENTIAL, parameters: { subscribeTo: 'allInvoiceEvents', options: {} } },
		setNode('Confirm Order', { order: '={{ $json.reference }}', event: '={{ $json.event }}', status: '={{ $json.status }}' }),
	],
});

jest.setTimeout(10 * 60_000);

describe('Calypso Pay in a real n8n (issue #6)', () => {
	let n8n: any;
	let emulator: any;
	let triggerUrl: string;
	const journey: { widgetKey?: string; invoiceId?: string; invoiceKey?: string; fundsBody?: string } = {};

	const control = async (route: string, body: object) => {
		const response = await request(`${emulator.url}/_control/calypso/${route}`, { method: 'POST', body });
		if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
		return response.json;
	};
	const subscriptions = (): any[] => Object.values(emulator.state.calypso.subscriptions);
	const triggerRuns = (): any[] => n8n.executions(TRIGGER_ID);
	const eventsOf = (executions: any[]) => executions.map((execution) => nodeOutput(execution, TRIGGER)[0]);
	/** Delivery records of one event type to the trigger, in the order sent. */
	const deliveries = (records: any[], eventType: string) =>
		records.filter((record) => record.url === triggerUrl && record.meta.eventType === eventType);

	beforeAll(async () => {
		// No retries: every delivery is exactly one POST, so the counts below are exact.
		emulator = await createEmulator({ port: 0, providers: ['calypso'], config: { calypso: { retryDelaysMs: [] } } });
		// Written out (not emulatorCredentials()) so this file depends on the Calypso credential only.
		const { publicKey, secretKey, accountId } = emulatorSecrets.calypso;
		const credentials = [
			{
				id: 'e2e-calypsoApi',
				name: 'Calypso API (emulator)',
				type: 'calypsoApi',
				data: { publicKey, secretKey, accountId, apiHost: 'custom', baseUrl: emulator.url, payLinkHost: emulator.url },
			},
		];
		n8n = await harness.startN8n({
			name: 'calypso',
			credentials,
			workflows: [createWorkflow, statusWorkflow, triggerWorkflow].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [STATUS_ID, TRIGGER_ID],
		});
		triggerUrl = n8n.triggerUrl(TRIGGER_ID, TRIGGER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('subscribed on activation: exactly one subscription, at the trigger\'s production URL, its requestId in the static data', () => {
		expect(n8n.triggerStatuses(TRIGGER_ID)).toEqual([expect.objectContaining({ status: 'activated' })]);
		expect(subscriptions()).toEqual([
			expect.objectContaining({ url: triggerUrl, notificationServiceTypes: ['INVOICE'], requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }),
		]);
		const [subscription] = subscriptions();
		const stored = n8n.staticData(TRIGGER_ID)[`node:${TRIGGER}`];
		expect(stored).toMatchObject({ requestId: subscription.requestId, url: triggerUrl, publicKey: subscription.publicKey });
		expect(emulator.requests.filter((entry: any) => entry.path === '/api/v1/subscription/webhook/create').map((entry: any) => entry.status)).toEqual([200]);
	});

	it('creates a widget in a run on demand: the order as external id, the link on the payment link host', async () => {
		const run = await n8n.executeManual(CREATE_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [widget] = nodeOutput(run, 'Create Widget');
		expect(widget).toMatchObject({
			widgetKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
			externalId: ORDER,
			description: 'Order 1042: 2 × Coffee beans, 25 USDT',
			cryptoCurrencies: ['USDT_TRX', 'BTC', 'USDC'],
			widgetType: 'UNLIMITED_LINKED',
			widgetState: 'IN_PROGRESS',
			returnUrl: 'https://shop.example.com/thanks',
		});
		expect(widget.paymentLink).toBe(`${emulator.url}/pay?widgetKey=${widget.widgetKey}`);
		expect(emulator.state.calypso.widgets[widget.widgetKey]).toMatchObject({ externalId: ORDER, idempotencyKey: widget.widgetKey });
		// The link the customer gets opens the widget page.
		const page = await request(widget.paymentLink);
		expect(page.status).toBe(200);
		journey.widgetKey = widget.widgetKey;
	});

	it('the customer picks a currency: an invoice with the widget\'s external id, reported pending by the trigger', async () => {
		const picked = await control('pick', { widgetKey: journey.widgetKey, currency: 'USDT_TRX', amount: '25' });
		expect(picked.invoice).toMatchObject({ type: 'UNLIMITED_LINKED', externalId: ORDER, currency: 'USDT_TRX', state: 'PENDING_PAYMENT' });
		journey.invoiceId = picked.invoice.id;
		journey.invoiceKey = picked.invoice.idempotencyKey;
		expect(picked.webhooks.map((record: any) => [record.url, record.attempts.map((attempt: any) => attempt.status)])).toEqual([[triggerUrl, [200]]]);

		const [execution] = await n8n.waitForExecutions(TRIGGER_ID, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({ event: CREATED, status: 'pending', reference: ORDER, details: { invoiceId: journey.invoiceId } });
	});

	it('the customer pays in full, each event delivered three times: one execution for funds received (the order, paid) and one for paid', async () => {
		const paid = await control('pay', { invoiceId: journey.invoiceId, mode: 'full', deliveries: 3 });
		expect(paid.invoice).toMatchObject({ state: 'PAID', totalDebitAmount: 25 });
		// Three deliveries of each event reached n8n and were taken (200); the trigger said the
		// second and third were redeliveries it ignores.
		for (const eventType of [FUNDS, PAID]) {
			const sent = deliveries(paid.webhooks, eventType);
			expect(sent.map((record: any) => record.meta.delivery)).toEqual([1, 2, 3]);
			expect(new Set(sent.map((record: any) => record.body)).size).toBe(1);
			expect(sent.map((record: any) => record.attempts.map((attempt: any) => attempt.status))).toEqual([[200], [200], [200]]);
			expect(sent.slice(1).map((record: any) => JSON.parse(record.attempts[0].response))).toEqual([
				{ received: true, duplicates: 1 },
				{ received: true, duplicates: 1 },
			]);
		}
		journey.fundsBody = deliveries(paid.webhooks, FUNDS)[0].body;

		// The pick's event, then one run per paying event: 3, not 7 (counted again after the later
		// sentinel delivery, which proves nothing started afterwards).
		const executions = await n8n.waitForExecutions(TRIGGER_ID, 3);
		expect(executions).toHaveLength(3);
		const events = eventsOf(executions);
		expect(events.map((event) => event.event)).toEqual([CREATED, FUNDS, PAID]);
		expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
		const funds = events.filter((event) => event.event === FUNDS);
		expect(funds).toHaveLength(1);
		expect(funds[0]).toMatchObject({
			provider: 'calypso',
			status: 'paid',
			reference: ORDER,
			amount: { value: 25, offset: 1, currency: 'USDT_TRX' },
			transactionId: paid.invoice.lastDepositHash,
			details: { invoiceId: journey.invoiceId, invoiceIdempotencyKey: journey.invoiceKey, invoiceState: 'PAID', confirmed: true, verifiedBy: 'api' },
		});
		expect(funds[0].eventId).toBe(`calypso:${JSON.parse(journey.fundsBody!).id}`);
		expect(events[2]).toMatchObject({ status: 'paid', reference: ORDER });
		expect(nodeOutput(executions[1], 'Confirm Order')).toEqual([{ order: ORDER, event: FUNDS, status: 'paid' }]);
	});

	it('reads the widget back as completed, with its invoice paid', async () => {
		const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { widgetKey: journey.widgetKey });
		expect(response.status).toBe(200);
		const [widget] = response.json;
		expect(widget).toMatchObject({ widgetKey: journey.widgetKey, externalId: ORDER, widgetState: 'COMPLETED' });
		expect(widget.invoices).toEqual([expect.objectContaining({ invoiceId: journey.invoiceId, cryptoCurrency: 'USDT_TRX' })]);
		expect(widget.invoiceDetails).toEqual([expect.objectContaining({ id: journey.invoiceId, state: 'PAID', totalDebitAmount: 25, externalId: ORDER })]);
	});

	it('answers 401 to forged deliveries (wrong Sign, wrong Key, no headers) and starts nothing; the same delivery properly signed runs', async () => {
		const [subscription] = subscriptions();
		// A new event (Calypso moved the money to the balance), so redelivery memory cannot hide a run.
		const fields = JSON.parse(journey.fundsBody!);
		const body = JSON.stringify({ ...fields, id: fields.id + 100, eventType: 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED' });
		const signWith = (secret: string) => createHmac('sha512', secret).update(body).digest('hex');
		const genuine = { 'content-type': 'application/json', Key: subscription.publicKey, Sign: signWith(subscription.secretKey) };
		const forgeries: Array<[string, Record<string, string>]> = [
			['signed with another secret', { ...genuine, Sign: signWith('not-the-subscription-secret') }],
			['signed with the API secret key', { ...genuine, Sign: signWith(emulatorSecrets.calypso.secretKey) }],
			['another Key', { ...genuine, Key: emulatorSecrets.calypso.publicKey }],
			['no Key', { 'content-type': 'application/json', Sign: genuine.Sign }],
			['no Sign', { 'content-type': 'application/json', Key: genuine.Key }],
		];
		const apiCallsBefore = emulator.requests.length;
		for (const [what, headers] of forgeries) {
			const response = await n8n.runWorkflowByWebhook(triggerUrl, body, { headers });
			expect({ what, status: response.status, json: response.json }).toEqual({ what, status: 401, json: { error: 'Unauthorized' } });
		}
		// A refused delivery is not even looked up at Calypso.
		expect(emulator.requests.length).toBe(apiCallsBefore);

		const accepted = await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: genuine });
		expect(accepted.status).toBe(200);
		const executions = await n8n.waitForExecutions(TRIGGER_ID, 4);
		expect(executions).toHaveLength(4);
		expect(eventsOf(executions).map((event) => event.event)).toEqual([CREATED, FUNDS, PAID, 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED']);
		expect(eventsOf(executions)[3]).toMatchObject({ status: 'paid', reference: ORDER, eventId: `calypso:${fields.id + 100}` });
	});

	it('stores neither the API secret key nor the subscription secret in any execution (nor the log)', () => {
		const [subscription] = subscriptions();
		const secrets = [emulatorSecrets.calypso.secretKey, subscription.secretKey];
		expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 16)).toBe(true);
		// Every stored column of every execution (run data and the workflow snapshot).
		const rows = withDb(n8n.dbPath, (db: any) =>
			db.prepare('SELECT e.*, d.* FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id').all(),
		);
		expect(rows.length).toBeGreaterThanOrEqual(5);
		const stored = JSON.stringify(rows);
		expect(stored).toContain(journey.invoiceKey);
		const log = n8n.logTail(100_000);
		for (const secret of secrets) {
			expect(stored).not.toContain(secret);
			expect(log).not.toContain(secret);
		}
	});

	it('deactivating the workflow deletes its subscription in Calypso and forgets it', async () => {
		const response = await n8n.api(`/workflows/${TRIGGER_ID}/deactivate`, { method: 'POST' });
		expect(response.status).toBe(200);
		await waitFor(() => subscriptions().length === 0, { timeoutMs: 60_000, what: 'the subscription to be deleted' });
		expect(emulator.requests.filter((entry: any) => entry.method === 'DELETE').map((entry: any) => [entry.path, entry.status])).toEqual([
			['/api/v1/subscription/webhook', 200],
		]);
		await waitFor(() => !n8n.staticData(TRIGGER_ID)?.[`node:${TRIGGER}`]?.requestId, { timeoutMs: 30_000, what: 'the static data to forget the subscription' });
		expect(n8n.webhooks().filter((hook: any) => hook.workflowId === TRIGGER_ID)).toEqual([]);

		// The old URL no longer answers.
		expect((await n8n.runWorkflowByWebhook(triggerUrl, journey.fundsBody!, { headers: { 'content-type': 'application/json' } })).status).toBe(404);
		expect(triggerRuns()).toHaveLength(4);
	});
});
