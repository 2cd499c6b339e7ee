// Issue #6 "Done when", in a real n8n with the packed package and the offline Calypso emulator:
// publishing the Calypso Pay Trigger workflow subscribes its production URL (one subscription, its
// requestId in the trigger's static data); a widget created in a run on demand carries the order
// as external id and links to <payLinkHost>/pay?widgetKey=<key>; the customer picks a currency and
// pays, the emulator delivers each event three times, and the trigger runs once per event with
// the order as reference; forged deliveries get 401 and start nothing; no secret is stored in an
// execution; unpublishing the workflow deletes the subscription.
//
// One n8n serves every test, but no test reads what another made: each creates its own widget and
// invoice, and counts only the trigger runs of its own invoice. The unpublishing test publishes and
// unpublishes a trigger workflow of its own, so the main trigger stays subscribed whatever the order.
import { createHmac } from 'node:crypto';

const harness = require('./harness');
const { withDb } = require('./harness/db');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError, executionsWhere, waitForExecutionsWhere, request, waitFor, PACKAGE_PREFIX } =
	harness;

const PAY = `${PACKAGE_PREFIX}calypsoPay`;
const CREDENTIAL = { calypsoApi: { id: '', name: '' } };
const TRIGGER = 'Calypso Pay Trigger';

const CREATE_ID = 'e2eCalypsoCreate';
const STATUS_ID = 'e2eCalypsoStatus';
const TRIGGER_ID = 'e2eCalypsoTrigger';
const UNPUBLISH_ID = 'e2eCalypsoUnpublish';
const STATUS_PATH = 'e2e-calypso-widget';
const ORDER = 'e2e-order-1042';
const FUNDS = 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE';
const PAID = 'INVOICE_PAID';
const CREATED = 'INVOICE_CREATE_UNLIMITED_INVOICE';
const MOVED = 'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED';

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

/** The invoice events trigger; the unpublishing test publishes a second one of its own. */
const triggerWorkflow = (id: string, name: string) => linearWorkflow({
	id,
	name,
	nodes: [
		{ name: TRIGGER, type: `${PACKAGE_PREFIX}calypsoPayTrigger`, typeVersion: 1, credentials: CREDENTIAL, parameters: { subscribeTo: 'allInvoiceEvents', options: {} } },
		setNode('Confirm Order', { order: '={{ $json.reference }}', event: '={{ $json.event }}', status: '={{ $json.status }}' }),
	],
});

describe('Calypso Pay in a real n8n (issue #6)', () => {
	let n8n: any;
	let emulator: any;
	let triggerUrl: string;
	/** What the emulator was asked up to the end of n8n's start (the activation). */
	let startupRequests: any[];

	const control = async (route: string, body: object) => {
		const response = await request(`${emulator.url}/_control/calypso/${route}`, { method: 'POST', body });
		if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
		return response.json;
	};
	const subscriptionsAt = (url: string): any[] => Object.values(emulator.state.calypso.subscriptions).filter((subscription: any) => subscription.url === url);
	/** Delivery records of one event type to the trigger, in the order sent. */
	const deliveries = (records: any[], eventType: string) =>
		records.filter((record) => record.url === triggerUrl && record.meta.eventType === eventType);

	/** The finished trigger runs that are about `invoiceId`, oldest first, as [execution, event]. */
	const aboutInvoice = (invoiceId: string) => (execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.details?.invoiceId === invoiceId;
	const runsOf = (invoiceId: string): Array<[any, any]> =>
		executionsWhere(n8n, TRIGGER_ID, aboutInvoice(invoiceId)).map((execution: any) => [execution, nodeOutput(execution, TRIGGER)[0]]);
	const waitForRunsOf = async (invoiceId: string, count: number) => {
		await waitForExecutionsWhere(n8n, TRIGGER_ID, aboutInvoice(invoiceId), count, { timeoutMs: 60_000, what: `trigger runs for invoice ${invoiceId}` });
		return runsOf(invoiceId);
	};

	/** Runs the create workflow on demand; → the widget it output. */
	async function createWidget(): Promise<any> {
		const run = await n8n.executeManual(CREATE_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		return nodeOutput(run, 'Create Widget')[0];
	}

	/** A widget whose customer picked USDT_TRX, with the invoice that made; the pick's event has run. */
	async function pickedWidget(): Promise<{ widget: any; invoice: any; picked: any }> {
		const widget = await createWidget();
		const picked = await control('pick', { widgetKey: widget.widgetKey, currency: 'USDT_TRX', amount: '25' });
		await waitForRunsOf(picked.invoice.id, 1);
		return { widget, invoice: picked.invoice, picked };
	}

	/** A widget paid in full, each event delivered `times`; every run it starts has ended. */
	async function paidWidget(times: number) {
		const { widget, invoice } = await pickedWidget();
		const paid = await control('pay', { invoiceId: invoice.id, mode: 'full', deliveries: times });
		const runs = await waitForRunsOf(invoice.id, 3);
		return { widget, invoice, paid, runs };
	}

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
				data: { publicKey, secretKey, accountId, apiHost: 'custom', customApiHost: emulator.url, payLinkHost: emulator.url },
			},
		];
		n8n = await harness.startN8n({
			name: 'calypso',
			credentials,
			workflows: [
				createWorkflow,
				statusWorkflow,
				triggerWorkflow(TRIGGER_ID, 'E2E Calypso: invoice events'),
				triggerWorkflow(UNPUBLISH_ID, 'E2E Calypso: invoice events, to unpublish'),
			].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [STATUS_ID, TRIGGER_ID],
		});
		triggerUrl = n8n.triggerUrl(TRIGGER_ID, TRIGGER);
		startupRequests = emulator.requests.map((entry: any) => ({ ...entry }));
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('subscribed on activation: exactly one subscription, at the trigger\'s production URL, its requestId in the static data', () => {
		expect(n8n.triggerStatuses(TRIGGER_ID)).toEqual([expect.objectContaining({ status: 'activated' })]);
		expect(subscriptionsAt(triggerUrl)).toEqual([
			expect.objectContaining({ url: triggerUrl, notificationServiceTypes: ['INVOICE'], requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }),
		]);
		const [subscription] = subscriptionsAt(triggerUrl);
		const stored = n8n.staticData(TRIGGER_ID)[`node:${TRIGGER}`];
		expect(stored).toMatchObject({ requestId: subscription.requestId, url: triggerUrl, publicKey: subscription.publicKey });
		expect(startupRequests.filter((entry: any) => entry.path === '/api/v1/subscription/webhook/create').map((entry: any) => entry.status)).toEqual([200]);
	});

	it('creates a widget in a run on demand: the order as external id, the link on the payment link host', async () => {
		const widget = await createWidget();
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
		expect((await request(widget.paymentLink)).status).toBe(200);
	});

	it('the customer picks a currency: an invoice with the widget\'s external id, reported pending by the trigger', async () => {
		const { invoice, picked } = await pickedWidget();
		expect(invoice).toMatchObject({ type: 'UNLIMITED_LINKED', externalId: ORDER, currency: 'USDT_TRX', state: 'PENDING_PAYMENT' });
		expect(picked.webhooks.map((record: any) => [record.url, record.attempts.map((attempt: any) => attempt.status)])).toEqual([[triggerUrl, [200]]]);
		const runs = runsOf(invoice.id);
		expect(runs.map(([execution]) => [execution.status, execution.mode])).toEqual([['success', 'webhook']]);
		expect(runs[0][1]).toMatchObject({ event: CREATED, status: 'pending', reference: ORDER, details: { invoiceId: invoice.id } });
	});

	it('the customer pays in full, each event delivered three times: one execution for funds received (the order, paid) and one for paid', async () => {
		const { invoice, paid, runs } = await paidWidget(3);
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
		const fundsBody = JSON.parse(deliveries(paid.webhooks, FUNDS)[0].body);

		// The pick's event, then one run per paying event: 3, not 7. Every delivery was answered
		// before `pay` returned, so no run of this invoice can still come.
		expect(runs).toHaveLength(3);
		const events = runs.map(([, event]) => event);
		expect(events.map((event) => event.event)).toEqual([CREATED, FUNDS, PAID]);
		expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
		expect(events[1]).toMatchObject({
			eventId: `calypso:${fundsBody.id}`,
			provider: 'calypso',
			status: 'paid',
			reference: ORDER,
			amount: { value: 25, offset: 1, currency: 'USDT_TRX' },
			transactionId: paid.invoice.lastDepositHash,
			details: { invoiceId: invoice.id, invoiceIdempotencyKey: invoice.idempotencyKey, invoiceState: 'PAID', confirmed: true, verifiedBy: 'api' },
		});
		expect(events[2]).toMatchObject({ status: 'paid', reference: ORDER });
		expect(nodeOutput(runs[1][0], 'Confirm Order')).toEqual([{ order: ORDER, event: FUNDS, status: 'paid' }]);
	});

	it('reads the widget back as completed, with its invoice paid', async () => {
		const { widget, invoice } = await paidWidget(1);
		const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { widgetKey: widget.widgetKey });
		expect(response.status).toBe(200);
		const [read] = response.json;
		expect(read).toMatchObject({ widgetKey: widget.widgetKey, externalId: ORDER, widgetState: 'COMPLETED' });
		expect(read.invoices).toEqual([expect.objectContaining({ invoiceId: invoice.id, cryptoCurrency: 'USDT_TRX' })]);
		expect(read.invoiceDetails).toEqual([expect.objectContaining({ id: invoice.id, state: 'PAID', totalDebitAmount: 25, externalId: ORDER })]);
	});

	it('answers 401 to forged deliveries (wrong Sign, wrong Key, no headers) and starts nothing; the same delivery properly signed runs', async () => {
		const { invoice, paid } = await paidWidget(1);
		const [subscription] = subscriptionsAt(triggerUrl);
		// A new event for this invoice (Calypso moved the money to the balance), with an id no
		// other delivery has, so redelivery memory cannot hide its run.
		const fields = JSON.parse(deliveries(paid.webhooks, FUNDS)[0].body);
		const body = JSON.stringify({ ...fields, id: fields.id + 1_000_000, eventType: MOVED });
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
		const runs = await waitForRunsOf(invoice.id, 4);
		expect(runs.map(([, event]) => event.event)).toEqual([CREATED, FUNDS, PAID, MOVED]);
		expect(runs[3][1]).toMatchObject({ status: 'paid', reference: ORDER, eventId: `calypso:${fields.id + 1_000_000}` });
	});

	it('stores neither the API secret key nor the subscription secret in any execution (nor the log)', async () => {
		const { invoice } = await paidWidget(1);
		const [subscription] = subscriptionsAt(triggerUrl);
		const secrets = [emulatorSecrets.calypso.secretKey, subscription.secretKey];
		expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 16)).toBe(true);
		// Every stored column of every execution (run data and the workflow snapshot).
		const rows = withDb(n8n.dbPath, (db: any) =>
			db.prepare('SELECT e.*, d.* FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id').all(),
		);
		const stored = JSON.stringify(rows);
		expect(stored).toContain(invoice.idempotencyKey);
		const log = n8n.logTail(100_000);
		for (const secret of secrets) {
			expect(stored).not.toContain(secret);
			expect(log).not.toContain(secret);
		}
	});

	it('unpublishing a workflow deletes its subscription in Calypso and forgets it; the other trigger keeps its own', async () => {
		// A trigger of its own, published here, so the main one stays subscribed for every other test.
		const ownUrl = n8n.triggerUrl(UNPUBLISH_ID, TRIGGER);
		await n8n.publish([UNPUBLISH_ID]);
		const [own] = subscriptionsAt(ownUrl);
		expect(subscriptionsAt(ownUrl)).toHaveLength(1);
		expect(n8n.staticData(UNPUBLISH_ID)?.[`node:${TRIGGER}`]).toMatchObject({ requestId: own.requestId, url: ownUrl });
		const mainSubscriptions = subscriptionsAt(triggerUrl);
		expect(mainSubscriptions).toHaveLength(1);
		const requestsBefore = emulator.requests.length;

		await n8n.unpublish([UNPUBLISH_ID]);
		await waitFor(() => subscriptionsAt(ownUrl).length === 0, { timeoutMs: 60_000, what: 'the subscription to be deleted' });
		const deletes = emulator.requests.slice(requestsBefore).filter((entry: any) => entry.method === 'DELETE');
		expect(deletes.map((entry: any) => [entry.path, entry.status])).toEqual([['/api/v1/subscription/webhook', 200]]);
		expect(subscriptionsAt(triggerUrl)).toEqual(mainSubscriptions);
		await waitFor(() => !n8n.staticData(UNPUBLISH_ID)?.[`node:${TRIGGER}`]?.requestId, { timeoutMs: 30_000, what: 'the static data to forget the subscription' });
		expect(n8n.webhooks().filter((hook: any) => hook.workflowId === UNPUBLISH_ID)).toEqual([]);

		// Its URL no longer answers, and starts nothing.
		const body = JSON.stringify({ id: 1, eventType: FUNDS });
		expect((await n8n.runWorkflowByWebhook(ownUrl, body, { headers: { 'content-type': 'application/json' } })).status).toBe(404);
		expect(n8n.executions(UNPUBLISH_ID)).toEqual([]);
	});
});
