// Issue #5 "Done when", in a real n8n with the packed package and the offline Craftgate emulator:
// a link created with lang=en, its status pending → the payer pays → paid, the published
// Craftgate Trigger runs once with a confirmed (re-fetched) payment, a redelivery and a badly
// signed delivery start nothing, and a deleted link cannot be paid.
// The link operations run in workflows started on demand (webhook and Manual Trigger), every
// parameter coming from the input through expressions. n8n and the emulator are started once for
// the file; each test makes its own links (own order ids) and reads only its own results.
import { createHmac } from 'node:crypto';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const { localDateTime } = require('../emulator/providers/craftgate/rules');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError, request, waitFor, PACKAGE_PREFIX } = harness;

const CRAFTGATE = `${PACKAGE_PREFIX}craftgate`;
const TRIGGER = `${PACKAGE_PREFIX}craftgateTrigger`;
const CREDENTIAL = { craftgateApi: { id: '', name: '' } };

const CREATE_ID = 'e2eCraftgateCreate';
const STATUS_ID = 'e2eCraftgateStatus';
const DELETE_ID = 'e2eCraftgateDelete';
const TRIGGER_ID = 'e2eCraftgateTrigger';
const CREATE_PATH = 'e2e-craftgate-create';
const STATUS_PATH = 'e2e-craftgate-status';

/** Webhook input { title, price, currency, minutes, orderId, lang } → a new link. */
const createWorkflow = linearWorkflow({
	id: CREATE_ID,
	name: 'E2E Craftgate: create link from webhook input',
	nodes: [
		webhookNode(CREATE_PATH),
		{
			name: 'Create Link',
			type: CRAFTGATE,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: {
				resource: 'link',
				operation: 'create',
				name: '={{ $json.body.title }}',
				price: '={{ $json.body.price }}',
				currency: '={{ $json.body.currency }}',
				description: '=Order {{ $json.body.orderId }} from the chat',
				expiry: 'inMinutes',
				expiresInMinutes: '={{ $json.body.minutes }}',
				expiryTimeZone: 'Europe/Istanbul',
				additionalFields: { orderId: '={{ $json.body.orderId }}', channel: 'WHATSAPP' },
				options: { pageLanguage: '={{ $json.body.lang }}' },
			},
		},
	],
});

/** Webhook input { linkId } → paid / pending / failed. */
const statusWorkflow = linearWorkflow({
	id: STATUS_ID,
	name: 'E2E Craftgate: payment status from webhook input',
	nodes: [
		webhookNode(STATUS_PATH),
		{
			name: 'Check Payment',
			type: CRAFTGATE,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { resource: 'link', operation: 'getPaymentStatus', linkId: '={{ $json.body.linkId }}', options: { includePayments: false } },
		},
	],
});

/** Manual run: the order in a Set node, a link made from it, then withdrawn. */
const deleteWorkflow = linearWorkflow({
	id: DELETE_ID,
	name: 'E2E Craftgate: create then delete a link',
	nodes: [
		manualTriggerNode(),
		setNode('Order', { title: 'E2E second link', price: '25.50', currency: 'EUR', orderId: 'e2e-order-2' }),
		{
			name: 'Create Link',
			type: CRAFTGATE,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: {
				resource: 'link',
				operation: 'create',
				name: '={{ $json.title }}',
				price: '={{ $json.price }}',
				currency: '={{ $json.currency }}',
				additionalFields: { orderId: '={{ $json.orderId }}' },
			},
		},
		{
			name: 'Delete Link',
			type: CRAFTGATE,
			typeVersion: 1,
			credentials: CREDENTIAL,
			parameters: { resource: 'link', operation: 'delete', linkId: '={{ $json.linkId }}' },
		},
	],
});

const triggerWorkflow = linearWorkflow({
	id: TRIGGER_ID,
	name: 'E2E Craftgate: payment trigger',
	nodes: [
		{ name: 'Craftgate Trigger', type: TRIGGER, typeVersion: 1, credentials: CREDENTIAL, parameters: { events: ['API_AUTH', 'CHECKOUTFORM_AUTH'], options: {} } },
		setNode('Confirm Order', { order: '={{ $json.reference }}', link: '={{ $json.details.linkId }}', status: '={{ $json.status }}' }),
	],
});


interface Link {
	linkId: number;
	paymentUrl: string;
	[key: string]: any;
}

describe('Craftgate in a real n8n (issue #5)', () => {
	let n8n: any;
	let emulator: any;
	let triggerUrl: string;
	let orders = 0;

	const control = async (path: string, body: object = {}) => await request(`${emulator.url}/_control/craftgate/${path}`, { method: 'POST', body });
	const apiCalls = (method: string, pathPrefix: string) =>
		emulator.requests.filter((r: { method: string; path: string }) => r.method === method && r.path.startsWith(pathPrefix)).length;
	const newOrderId = () => `e2e-order-${Date.now()}-${++orders}`;

	/** A link made through the create workflow; `input` overrides the order's fields. */
	async function createLink(input: object = {}): Promise<Link> {
		const response = await n8n.runWorkflowByWebhook(CREATE_PATH, {
			title: 'MyCompany WhatsApp Order',
			price: '149.90',
			currency: 'TRY',
			minutes: 30,
			orderId: newOrderId(),
			lang: 'en',
			...input,
		});
		expect({ status: response.status, text: response.status === 200 ? '' : response.text }).toEqual({ status: 200, text: '' });
		return response.json[0];
	}

	async function paymentStatus(linkId: number): Promise<any> {
		const response = await n8n.runWorkflowByWebhook(STATUS_PATH, { linkId: String(linkId) });
		expect(response.status).toBe(200);
		return response.json[0];
	}

	/** The finished trigger runs whose event is the payment `paymentId`. */
	const triggerRunsFor = (paymentId: number) =>
		n8n
			.executions(TRIGGER_ID)
			.filter((run: any) => ['success', 'error', 'crashed', 'canceled'].includes(run.status))
			.filter((run: any) => nodeOutput(run, 'Craftgate Trigger')?.[0]?.transactionId === String(paymentId));

	/** The one trigger run for `paymentId`, once it has finished. */
	async function triggerRunFor(paymentId: number): Promise<any> {
		const [run] = await waitFor(() => (triggerRunsFor(paymentId).length > 0 ? triggerRunsFor(paymentId) : undefined), {
			timeoutMs: 120_000,
			what: `the Craftgate Trigger run for payment ${paymentId}`,
		});
		return run;
	}

	/** The payer pays `linkId` on the emulator, which delivers the webhook (no retries) and waits for n8n's answer. */
	async function pay(linkId: number, outcome = 'success'): Promise<{ paymentId: number; webhook: any }> {
		const paid = await control('pay', { productId: linkId, outcome });
		expect(paid.status).toBe(200);
		expect(paid.json.webhook.url).toBe(triggerUrl);
		return { paymentId: paid.json.payment.id, webhook: paid.json.webhook };
	}

	beforeAll(async () => {
		// No retries: every delivery is exactly one POST, so counts below are exact.
		emulator = await createEmulator({ port: 0, providers: ['craftgate'], config: { craftgate: { retryDelaysMs: [] } } });
		// Written out (not emulatorCredentials()) so this file depends on the Craftgate credential only.
		const { apiKey, secretKey, webhookKey } = emulatorSecrets.craftgate;
		const credentials = [
			{
				id: 'e2e-craftgateApi',
				name: 'Craftgate API (emulator)',
				type: 'craftgateApi',
				data: { apiHost: 'custom', customApiHost: emulator.url, apiKey, secretKey, webhookSecret: webhookKey },
			},
		];
		const workflows = [createWorkflow, statusWorkflow, deleteWorkflow, triggerWorkflow].map((workflow) =>
			harness.bindCredentials(workflow, credentials),
		);
		n8n = await harness.startN8n({
			name: 'craftgate',
			credentials,
			workflows,
			publish: [CREATE_ID, STATUS_ID, TRIGGER_ID],
		});
		triggerUrl = n8n.triggerUrl(TRIGGER_ID, 'Craftgate Trigger');
		const configured = await control('config', { merchantWebhookUrl: triggerUrl });
		expect(configured.json.merchantWebhookUrl).toBe(triggerUrl);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('creates a link from the webhook input, with lang=en added to its payment URL', async () => {
		const orderId = newOrderId();
		const before = new Date();
		const link = await createLink({ orderId });
		const after = new Date();

		const product = emulator.state.craftgate.products[link.linkId];
		expect(product).toMatchObject({ id: link.linkId, name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', orderId, stock: 1, channel: 'WHATSAPP' });
		expect(product.url).toMatch(new RegExp(`^${emulator.url}/l/[\\w-]+$`));
		expect(link.paymentUrl).toBe(`${product.url}?lang=en`);
		expect(new URL(link.paymentUrl).searchParams.getAll('lang')).toEqual(['en']);
		expect(link).toMatchObject({ id: link.linkId, url: product.url, qrCodeUrl: product.qrCodeUrl, status: 'ACTIVE', soldCount: 0 });

		// 30 minutes from the moment of the request, in the zone Craftgate reads it in.
		const earliest = localDateTime(new Date(before.getTime() + 30 * 60_000 - 1000), 'Europe/Istanbul');
		const latest = localDateTime(new Date(after.getTime() + 30 * 60_000 + 1000), 'Europe/Istanbul');
		expect(product.expiresAt >= earliest && product.expiresAt <= latest).toBe(true);

		// The URL the customer gets opens the English payment page.
		const page = await request(link.paymentUrl);
		expect(page.status).toBe(200);
		expect(page.text).toContain('<html lang="en">');
	});

	it('says a new link is not paid yet', async () => {
		const link = await createLink();
		const status = await paymentStatus(link.linkId);
		expect(status).toEqual(
			expect.objectContaining({ linkId: link.linkId, status: 'pending', paid: false, soldCount: 0, matchedBy: 'orderId', paymentCount: 0, expired: false }),
		);
		expect(status).not.toHaveProperty('payments');
	});

	it('when the payer pays: the published trigger runs once with the payment confirmed from Craftgate, the link reads paid, and a redelivery starts nothing', async () => {
		const orderId = newOrderId();
		const link = await createLink({ orderId });
		const refetchesBefore = apiCalls('GET', '/payment/v1/card-payments/');

		const { paymentId, webhook } = await pay(link.linkId);
		// The emulator waited for the delivery: n8n took it (200), once.
		expect(webhook.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([200]);

		const execution = await triggerRunFor(paymentId);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const [event] = nodeOutput(execution, 'Craftgate Trigger');
		expect(event).toMatchObject({
			eventId: `craftgate:payment:${paymentId}:paid`,
			provider: 'craftgate',
			event: 'API_AUTH',
			status: 'paid',
			reference: orderId,
			transactionId: String(paymentId),
			amount: { value: 14990, offset: 100, currency: 'TRY' },
			details: { linkId: link.linkId, paymentId, paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', webhookStatus: 'SUCCESS', confirmed: true, verifiedBy: 'api' },
		});
		expect(nodeOutput(execution, 'Confirm Order')).toEqual([{ order: orderId, link: String(link.linkId), status: 'paid' }]);
		// "Confirmed" means re-read from Craftgate, not taken from the webhook body.
		expect(apiCalls('GET', `/payment/v1/card-payments/${paymentId}`)).toBe(1);
		expect(apiCalls('GET', '/payment/v1/card-payments/') - refetchesBefore).toBe(1);

		expect(await paymentStatus(link.linkId)).toEqual(
			expect.objectContaining({ linkId: link.linkId, status: 'paid', paid: true, soldCount: 1, paymentCount: 1, successfulPaymentId: paymentId, lastError: null, ambiguousMatch: false }),
		);

		// The same webhook again: the trigger answers it itself and starts no execution.
		const resent = await control('resend-last-webhook');
		expect(resent.status).toBe(200);
		expect(resent.json.webhook.meta).toMatchObject({ paymentId, resent: true });
		const [attempt] = resent.json.webhook.attempts;
		expect({ status: attempt.status, body: JSON.parse(attempt.response) }).toEqual({ status: 200, body: { received: true, duplicates: 1 } });
		expect(triggerRunsFor(paymentId)).toHaveLength(1);
	});

	it('answers 401 to a delivery with a bad signature and starts nothing, before calling Craftgate', async () => {
		const fields = { eventType: 'API_AUTH', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '987654321' };
		const body = JSON.stringify({ ...fields, eventTime: localDateTime(new Date(), 'Europe/Istanbul') });
		const signed = `${fields.eventType}${fields.eventTimestamp}${fields.status}${fields.payloadId}`;
		const wrongSignature = createHmac('sha256', 'not-the-merchant-webhook-key').update(signed).digest('base64');
		const rightSignature = createHmac('sha256', emulatorSecrets.craftgate.webhookKey).update(signed).digest('base64');
		expect(wrongSignature).not.toBe(rightSignature);
		const requestsBefore = emulator.requests.length;
		const runsBefore = n8n.executions(TRIGGER_ID, { includeData: false }).length;

		const forged = await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: { 'content-type': 'application/json', 'X-CG-SIGNATURE-V1': wrongSignature } });
		expect({ status: forged.status, json: forged.json }).toEqual({ status: 401, json: { error: 'Unauthorized' } });

		const unsigned = await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: { 'content-type': 'application/json' } });
		expect(unsigned.status).toBe(401);

		// A rejected delivery is not even looked up at Craftgate, and n8n starts nothing for it.
		expect(emulator.requests.length).toBe(requestsBefore);
		expect(n8n.executions(TRIGGER_ID, { includeData: false })).toHaveLength(runsBefore);
	});

	/** A delivery with `fields`, signed as Craftgate signs (or with `signature`), posted to the trigger. */
	async function deliver(fields: { eventType: string; eventTimestamp: number | string; status: string; payloadId: string }, signature?: string) {
		const signed = `${fields.eventType}${fields.eventTimestamp}${fields.status}${fields.payloadId}`;
		const header = signature ?? createHmac('sha256', emulatorSecrets.craftgate.webhookKey).update(signed).digest('base64');
		const body = JSON.stringify({ ...fields, eventTime: localDateTime(new Date(), 'Europe/Istanbul') });
		return await n8n.runWorkflowByWebhook(triggerUrl, body, { headers: { 'content-type': 'application/json', 'X-CG-SIGNATURE-V1': header } });
	}

	it('refuses a captured signature cut another way (re-split replay onto older payments): 401, no lookup, no execution', async () => {
		const link = await createLink();
		const { paymentId } = await pay(link.linkId);
		await triggerRunFor(paymentId);
		const captured = { eventType: 'API_AUTH', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: String(paymentId) };
		const signature = createHmac('sha256', emulatorSecrets.craftgate.webhookKey)
			.update(`${captured.eventType}${captured.eventTimestamp}${captured.status}${captured.payloadId}`)
			.digest('base64');
		const requestsBefore = emulator.requests.length;
		const runsBefore = n8n.executions(TRIGGER_ID, { includeData: false }).length;

		// "SUCCESS" + "1001" = "SUCCESS1" + "001" = "SUCCESS10" + "01" = ...: the same signed text.
		const joined = captured.status + captured.payloadId;
		for (let at = captured.status.length + 1; at < joined.length; at++) {
			const resplit = await deliver({ ...captured, status: joined.slice(0, at), payloadId: joined.slice(at) }, signature);
			expect({ at, status: resplit.status, json: resplit.json }).toEqual({ at, status: 401, json: { error: 'Unauthorized' } });
		}
		const stamp = String(captured.eventTimestamp) + captured.status;
		const shifted = await deliver({ ...captured, eventTimestamp: stamp.slice(0, -8), status: stamp.slice(-8) }, signature);
		expect(shifted.status).toBe(401);

		expect(emulator.requests.length).toBe(requestsBefore);
		expect(n8n.executions(TRIGGER_ID, { includeData: false })).toHaveLength(runsBefore);
	});

	it('answers a signed delivery for a payment Craftgate does not know with 422 and a short body (no stack trace), and starts nothing', async () => {
		const runsBefore = n8n.executions(TRIGGER_ID, { includeData: false }).length;
		const unknown = await deliver({ eventType: 'API_AUTH', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '987654321' });
		expect({ status: unknown.status, json: unknown.json }).toEqual({
			status: 422,
			json: { error: 'Unprocessable Entity', message: 'The payment provider does not know the payment this event names' },
		});
		expect(unknown.text).not.toMatch(/\bat \S+ \(|node_modules|\/dist\//);
		expect(n8n.executions(TRIGGER_ID, { includeData: false })).toHaveLength(runsBefore);
		expect(n8n.logTail(20_000)).toContain('does not know the payment of this authentic event');
	});

	it('answers 503 when Craftgate fails the lookup, so Craftgate delivers again; the redelivery runs the workflow once', async () => {
		const link = await createLink();
		const injected = await control('fail-next', { status: 503, count: 1 });
		expect(injected.status).toBe(200);
		const { paymentId, webhook } = await pay(link.linkId);
		const [attempt] = webhook.attempts;
		expect({ status: attempt.status, body: JSON.parse(attempt.response) }).toEqual({
			status: 503,
			body: { error: 'Service Unavailable', message: 'The event could not be confirmed with the payment provider now; deliver it again later' },
		});
		expect(triggerRunsFor(paymentId)).toHaveLength(0);

		const resent = await control('resend-last-webhook');
		expect(resent.json.webhook.attempts.map((a: { status: number }) => a.status)).toEqual([200]);
		const [event] = nodeOutput(await triggerRunFor(paymentId), 'Craftgate Trigger');
		expect(event).toMatchObject({ status: 'paid', transactionId: String(paymentId), details: { confirmed: true } });
		expect(triggerRunsFor(paymentId)).toHaveLength(1);
	});

	it('deletes a link (manual run) and the emulator refuses to take payment for it', async () => {
		const run = await n8n.executeManual(DELETE_ID);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [created] = nodeOutput(run, 'Create Link');
		expect(created).toMatchObject({ name: 'E2E second link', price: 25.5, currency: 'EUR', orderId: 'e2e-order-2', status: 'ACTIVE' });
		expect(nodeOutput(run, 'Delete Link')).toEqual([{ deleted: true, linkId: created.linkId }]);
		expect(emulator.state.craftgate.products[created.linkId]).toBeUndefined();

		const webhooksBefore = emulator.webhooks.length;
		const refused = await control('pay', { productId: created.linkId, outcome: 'success' });
		expect({ status: refused.status, json: refused.json }).toEqual({ status: 410, json: { error: `link ${created.linkId} was deleted` } });
		expect(emulator.webhooks.length).toBe(webhooksBefore);

		// Its status cannot be read any more either: Craftgate's own error comes through.
		const statusRunsBefore = n8n.executions(STATUS_ID, { includeData: false }).length;
		const status = await n8n.runWorkflowByWebhook(STATUS_PATH, { linkId: String(created.linkId) });
		expect(status.status).toBeGreaterThanOrEqual(500);
		const failed = (await n8n.waitForExecutions(STATUS_ID, statusRunsBefore + 1)).at(-1);
		expect(failed.status).toBe('error');
		expect(executionError(failed).message).toMatch(/5015|not found/i);
	});

	it('runs the trigger with a failed event when the card is declined', async () => {
		const link = await createLink({ title: 'E2E declined card', price: '10', currency: 'USD', minutes: 5, lang: 'tr' });
		expect(new URL(link.paymentUrl).searchParams.get('lang')).toBe('tr');

		const { paymentId, webhook } = await pay(link.linkId, 'failure');
		expect(webhook.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([200]);

		const [event] = nodeOutput(await triggerRunFor(paymentId), 'Craftgate Trigger');
		expect(event).toMatchObject({
			provider: 'craftgate',
			status: 'failed',
			reference: link.orderId,
			transactionId: String(paymentId),
			details: { linkId: link.linkId, paymentStatus: 'FAILURE', webhookStatus: 'FAILURE', paymentError: { errorCode: '10051' } },
		});
		expect(triggerRunsFor(paymentId)).toHaveLength(1);
	});

	// Craftgate payments carry no link id, so the node finds a link's payments (and the trigger a
	// payment's link) by the link's orderId. Two links with one orderId — MindBehind's own advice (docs/providers.md §1.5) to
	// use the conversation id when there is no order id gives exactly that for a second order in a
	// chat — must not be mixed up: paid comes from the link's own soldCount, and the trigger names
	// the one link with that orderId at the payment's price.
	it('a second order in the same conversation (a new link reusing a paid order ID): not paid before its payment, and its payment names the new link', async () => {
		const orderId = newOrderId();
		const earlier = await createLink({ orderId });
		await triggerRunFor((await pay(earlier.linkId)).paymentId);

		const reused = await createLink({ title: 'E2E second order, same chat', price: '20', orderId });
		expect(reused.linkId).not.toBe(earlier.linkId);
		// Get Payment Status: the older link's payment is shown, flagged as possibly another link's.
		expect(await paymentStatus(reused.linkId)).toMatchObject({
			linkId: reused.linkId,
			soldCount: 0,
			status: 'pending',
			paid: false,
			successfulPaymentId: null,
			ambiguousMatch: true,
			otherLinkIds: [earlier.linkId],
			paymentCount: 1,
		});

		const { paymentId } = await pay(reused.linkId);
		const [event] = nodeOutput(await triggerRunFor(paymentId), 'Craftgate Trigger');
		expect(event).toMatchObject({ status: 'paid', transactionId: String(paymentId) });
		// Craftgate Trigger: the payment on the new link names that link, not the older one.
		expect(event.details.linkId).toBe(reused.linkId);
		expect(event.details.candidateLinkIds).toEqual([earlier.linkId, reused.linkId]);
	});

	it('keeps the credential secrets out of the executions and the n8n log', async () => {
		const link = await createLink();
		await paymentStatus(link.linkId);
		await triggerRunFor((await pay(link.linkId)).paymentId);

		const { apiKey, secretKey, webhookKey } = emulatorSecrets.craftgate;
		const stored = JSON.stringify([CREATE_ID, STATUS_ID, TRIGGER_ID].map((id) => n8n.executions(id)));
		const log = n8n.logTail(100_000);
		for (const secret of [secretKey, webhookKey]) {
			expect(stored).not.toContain(secret);
			expect(log).not.toContain(secret);
		}
		// The API key is an identifier sent in a header, but it has no place in outputs either.
		expect(stored).not.toContain(apiKey);
	});
});
