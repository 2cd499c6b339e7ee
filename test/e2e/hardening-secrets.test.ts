// No credential value leaks (issue 11, item 6): in a real n8n with the packed package and the
// offline emulator, every action node runs against the emulator once as it should, once with a
// provider error that echoes the credential's own values back, and once with a connection lost
// after the provider took the request; every trigger gets genuine and forged deliveries. Then every
// credential value used (test/emulator/credentials.js, and the secrets the triggers made when they
// were published) is searched for in every execution's data (the execution_data table), every
// error, every HTTP answer and the n8n log: none is found.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
	calypsoAttacks,
	craftgateAttacks,
	craftgateDelivery,
	D360_SECRET_HEADER,
	dialog360Attacks,
	type Delivery,
} from './hardening/deliveries';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const craftgateStore = require('../emulator/providers/craftgate/store');
const secrets = require('../emulator/credentials');

const { linearWorkflow, webhookNode, request, PACKAGE_PREFIX } = harness;

const TRIGGER = 'Trigger';
const ACTION = 'Action';

/** A webhook-started workflow running one action node (then more, chained). */
function actionWorkflow(id: string, path: string, nodes: object[]) {
	return linearWorkflow({ id, name: `Secrets: ${id}`, nodes: [webhookNode(path), ...nodes] });
}

const order = (extra: object) => ({
	orderInput: 'fields',
	referenceId: '={{ $json.body.ref }}',
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
	...extra,
});

const ACTIONS = {
	exotel: actionWorkflow('secretsExotel', 'secrets-exotel', [
		{
			name: ACTION,
			type: `${PACKAGE_PREFIX}exotel`,
			typeVersion: 1,
			credentials: { exotelApi: { id: '', name: '' } },
			parameters: order({ resource: 'paymentRequest', operation: 'send', from: '+918012345678', to: '+919876543210', paymentType: 'payment_gateway:razorpay', options: {} }),
		},
	]),
	dialog360: actionWorkflow('secretsDialog360', 'secrets-dialog360', [
		{
			name: ACTION,
			type: `${PACKAGE_PREFIX}dialog360`,
			typeVersion: 1,
			credentials: { dialog360Api: { id: '', name: '' } },
			parameters: order({ resource: 'paymentRequest', operation: 'send', to: '+91 98765 43210', paymentGateway: 'razorpay', options: {} }),
		},
	]),
	craftgate: actionWorkflow('secretsCraftgate', 'secrets-craftgate', [
		{
			name: ACTION,
			type: `${PACKAGE_PREFIX}craftgate`,
			typeVersion: 1,
			credentials: { craftgateApi: { id: '', name: '' } },
			parameters: { resource: 'link', operation: 'create', name: 'Secrets', price: '10.00', currency: 'TRY', additionalFields: { orderId: '={{ $json.body.ref }}' }, options: {} },
		},
		{
			name: 'Get',
			type: `${PACKAGE_PREFIX}craftgate`,
			typeVersion: 1,
			credentials: { craftgateApi: { id: '', name: '' } },
			parameters: { resource: 'link', operation: 'get', linkId: '={{ $json.linkId }}', options: {} },
		},
	]),
	calypso: actionWorkflow('secretsCalypso', 'secrets-calypso', [
		{
			name: ACTION,
			type: `${PACKAGE_PREFIX}calypsoPay`,
			typeVersion: 1,
			credentials: { calypsoApi: { id: '', name: '' } },
			parameters: { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '25.5', currency: 'USDT_TRX', description: '={{ "Order " + $json.body.ref }}', additionalFields: {} },
		},
	]),
};

const triggerWorkflow = (id: string, type: string, parameters: object, credentials?: object) =>
	linearWorkflow({ id, name: `Secrets: ${type}`, nodes: [{ name: TRIGGER, type: `${PACKAGE_PREFIX}${type}`, typeVersion: 1, parameters, ...(credentials ? { credentials } : {}) }] });

const TRIGGERS = {
	exotel: triggerWorkflow('secretsExotelHook', 'exotelTrigger', { events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'], options: {} }),
	dialog360: triggerWorkflow(
		'secretsD360Hook',
		'dialog360Trigger',
		{ confirmWithLookup: true, paymentConfiguration: 'cfg-emu', options: { verifySignature: true } },
		{ dialog360Api: { id: '', name: '' } },
	),
	craftgate: triggerWorkflow('secretsCraftgateHook', 'craftgateTrigger', { events: ['API_AUTH'], options: { matchLink: false } }, { craftgateApi: { id: '', name: '' } }),
	calypso: triggerWorkflow('secretsCalypsoHook', 'calypsoPayTrigger', { subscribeTo: 'allInvoiceEvents', options: {} }, { calypsoApi: { id: '', name: '' } }),
};

const WORKFLOWS = [...Object.values(ACTIONS), ...Object.values(TRIGGERS)];

/** Provider error answers that echo the credential's values back, in each provider's shape. */
function echoingErrors(): Record<keyof typeof ACTIONS, { path: string; status: number; body: object }> {
	const { exotel, dialog360, craftgate, calypso } = secrets;
	const basic = Buffer.from(`${exotel.apiKey}:${exotel.apiToken}`).toString('base64');
	return {
		exotel: {
			path: '/v2/accounts/:sid/messages',
			status: 400,
			body: {
				request_id: 'echo',
				method: 'POST',
				http_code: 400,
				response: {
					code: 400,
					error_data: { code: 1002, message: `Invalid parameter for ${exotel.apiKey}`, description: `key ${exotel.apiKey} token ${exotel.apiToken} Basic ${basic}` },
					status: 'failure',
					data: null,
				},
			},
		},
		dialog360: {
			path: '/messages',
			status: 401,
			body: { error: { message: `Invalid D360-API-KEY ${dialog360.apiKey}`, type: 'OAuthException', code: 0, error_data: { details: `key ${dialog360.apiKey}` } } },
		},
		craftgate: {
			path: '/craftlink/v1/products',
			status: 400,
			body: { errors: { errorCode: '4', errorDescription: `signature for ${craftgate.apiKey} with ${craftgate.secretKey} is not valid`, errorGroup: craftgate.secretKey } },
		},
		calypso: {
			path: '/api/v1/invoice/single/create',
			status: 401,
			body: { errorCode: '003', message: `Sign does not match for Key ${calypso.publicKey} and secret ${calypso.secretKey}` },
		},
	};
}

describe('no credential value in executions, errors, answers or the log (issue 11)', () => {
	let n8n: any;
	let emulator: any;
	const answers: string[] = [];

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(emulator.url);
		n8n = await harness.startN8n({
			name: 'hardening-secrets',
			credentials,
			workflows: WORKFLOWS.map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: WORKFLOWS.map((workflow) => workflow.id),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	async function send(url: string, delivery: Pick<Delivery, 'body' | 'headers'>) {
		const response = await request(url, { method: 'POST', headers: delivery.headers, body: delivery.body, timeoutMs: 120_000 });
		answers.push(response.text);
		return response;
	}

	const runAction = async (name: keyof typeof ACTIONS) =>
		await send(n8n.webhookUrl(undefined, `secrets-${name}`), {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ref: `SEC-${randomUUID().slice(0, 8)}` }),
		});

	it.each(Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>)('%s: runs as it should, against an echoing error, and after a lost connection', async (name) => {
		const before = n8n.executions(ACTIONS[name].id, { includeData: false }).length;
		expect((await runAction(name)).status).toBe(200);
		const echo = echoingErrors()[name];
		emulator.faults.add({ kind: 'status', method: 'POST', path: echo.path, status: echo.status, body: echo.body });
		expect((await runAction(name)).status).toBeGreaterThanOrEqual(400);
		// The provider took the request, its answer was lost (Calypso may retry it with its key).
		emulator.faults.add({ kind: 'reset', processed: true, method: 'POST', path: echo.path });
		await runAction(name);
		await n8n.waitForExecutions(ACTIONS[name].id, before + 3, 180_000);
	});

	it('the triggers take genuine deliveries (from the emulator, for what the actions made) and forged ones', async () => {
		const now = Math.floor(Date.now() / 1000);
		const control = async (path: string, body: object) => {
			const response = await request(`${emulator.url}/_control/${path}`, { method: 'POST', body, timeoutMs: 120_000 });
			expect([path, response.status]).toEqual([path, 200]);
			return response.json;
		};

		// Craftgate: a payment whose event the trigger confirms by reading it back; forged events.
		const product = craftgateStore.writeProduct(emulator, { name: 'Secrets', price: 10, currency: 'TRY' });
		const paid = await control('craftgate/pay', { productId: product.id });
		const captured = { eventType: 'API_AUTH', eventTimestamp: String(now), status: 'SUCCESS', payloadId: String(paid.payment.id) };
		const craftgateUrl = n8n.triggerUrl(TRIGGERS.craftgate.id, TRIGGER);
		expect((await send(craftgateUrl, craftgateDelivery(secrets.craftgate.webhookKey, captured.payloadId, now))).status).toBe(200);
		for (const attack of craftgateAttacks(secrets.craftgate.webhookKey, captured, now, 20)) await send(craftgateUrl, attack);

		// Calypso: the invoice the action made is paid; the emulator signs and delivers its events.
		const [invoice] = Object.values(emulator.state.calypso.invoices) as any[];
		await control('calypso/pay', { invoiceId: invoice.id });
		const [subscription] = Object.values(emulator.state.calypso.subscriptions) as any[];
		for (const attack of calypsoAttacks(subscription, 20)) await send(subscription.url, attack);

		// 360dialog: the order the action sent is paid; the emulator delivers with the secret header and signature.
		const [d360Reference] = Object.keys(emulator.state.dialog360.orders);
		await control('dialog360/pay', { reference_id: d360Reference });
		const webhook = emulator.state.dialog360.webhook;
		const header = Object.entries(webhook.headers ?? {}).find(([key]) => key.toLowerCase() === D360_SECRET_HEADER)?.[1] as string;
		for (const attack of dialog360Attacks({ header, partner: secrets.dialog360.partnerWebhookSecret }, 20)) await send(webhook.url, attack);

		// Exotel: the order the action sent is paid; the callback goes to the trigger.
		emulator.config.exotel.defaultStatusCallback = n8n.triggerUrl(TRIGGERS.exotel.id, TRIGGER);
		const [exotelReference] = Object.keys(emulator.state.exotel.orders);
		await control('exotel/pay', { reference_id: exotelReference });

		for (const workflow of Object.values(TRIGGERS)) await n8n.waitForExecutions(workflow.id, 1, 180_000);
	});

	it('no credential value is in any execution, error, answer or the log', async () => {
		const [subscription] = Object.values(emulator.state.calypso.subscriptions) as any[];
		const d360Header = Object.entries(emulator.state.dialog360.webhook.headers ?? {}).find(([key]) => key.toLowerCase() === D360_SECRET_HEADER)?.[1];
		// Every value of a credential used, and the secrets the triggers made; not the account
		// identifiers (Exotel's SID, Calypso's account address), which go in request URLs and bodies.
		const values: Record<string, string> = {
			'exotel apiKey': secrets.exotel.apiKey,
			'exotel apiToken': secrets.exotel.apiToken,
			'exotel Basic authorization': Buffer.from(`${secrets.exotel.apiKey}:${secrets.exotel.apiToken}`).toString('base64'),
			'craftgate apiKey': secrets.craftgate.apiKey,
			'craftgate secretKey': secrets.craftgate.secretKey,
			'craftgate webhookKey': secrets.craftgate.webhookKey,
			'dialog360 apiKey': secrets.dialog360.apiKey,
			'dialog360 partnerWebhookSecret': secrets.dialog360.partnerWebhookSecret,
			'dialog360 trigger secret header': String(d360Header),
			'calypso publicKey': secrets.calypso.publicKey,
			'calypso secretKey': secrets.calypso.secretKey,
			'calypso subscription publicKey': subscription.publicKey,
			'calypso subscription secretKey': subscription.secretKey,
		};
		for (const [name, value] of Object.entries(values)) expect([name, typeof value === 'string' && value.length >= 8]).toEqual([name, true]);

		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(n8n.dbPath, { readOnly: true });
		let rows: Array<{ executionId: string; data: string; workflowData: string }>;
		let executionCount: number;
		try {
			rows = db.prepare('SELECT executionId, data, workflowData FROM execution_data').all();
			executionCount = db.prepare('SELECT COUNT(*) AS n FROM execution_entity').get().n;
		} finally {
			db.close();
		}
		// 4 actions × 3 runs, and each trigger at least once.
		expect(rows.length).toBe(executionCount);
		expect(executionCount).toBeGreaterThanOrEqual(16);
		const errors = WORKFLOWS.flatMap((workflow) =>
			n8n
				.executions(workflow.id)
				.map((execution: any) => harness.executionError(execution))
				.filter(Boolean)
				.map((error: unknown) => JSON.stringify(error)),
		);
		// The four echoing errors and the lost connections failed their executions (Calypso may recover
		// from its lost connection by reading the invoice back with its idempotency key).
		expect(errors.length).toBeGreaterThanOrEqual(7);
		const log = readFileSync(n8n.logFile, 'utf8');

		const places: Record<string, string[]> = {
			'execution data': rows.map((row) => `${row.data}\n${row.workflowData}`),
			errors,
			'HTTP answers': answers,
			'n8n log': [log],
		};
		const found: string[] = [];
		for (const [name, value] of Object.entries(values)) {
			for (const [place, texts] of Object.entries(places)) {
				const count = texts.filter((text) => text.includes(value)).length;
				if (count > 0) found.push(`${name} in ${place} (${count})`);
			}
		}
		expect(found).toEqual([]);
	});
});
