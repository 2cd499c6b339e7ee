// What the journey suites (journeys.test.ts, journeys-links.test.ts) share: the journey examples
// (examples/journey-*.json) loaded as `npm run demo` loads them, their short-time-limit copies, the
// trigger workflows that wake a waiting check, order ids and phone numbers no other test uses,
// the emulator's control API and what it recorded, and orders opened at the emulator directly
// (signed as each provider documents, independently of the package) for the scheduled sweep.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import * as path from 'node:path';

const harness = require('./harness');
const secrets = require('../emulator/credentials');
const { loadExamples } = require('../demo/examples');
const { repoRoot } = require('./harness/paths');

const { nodeOutput, waitForExecutionsWhere, request, PACKAGE_PREFIX } = harness;

export const JOURNEY_FILES = {
	exotel: 'journey-exotel-payment.json',
	dialog360: 'journey-360dialog-payment.json',
	craftgate: 'journey-craftgate-link.json',
	calypso: 'journey-calypso-widget.json',
	sweep: 'journey-scheduled-sweep.json',
} as const;

/** The payment configuration the 360dialog journey and the sweep's sample use. */
export const CONFIGURATION = 'my-razorpay-config';

/** Seconds: the only change made to the journeys, in their copies that test the Timed Out path. */
export const SHORT_LIMIT_SECONDS = 5;

/** How long a step of a journey may take on a loaded machine (n8n checks timed waits once a minute). */
export const STEP_TIMEOUT_MS = 4 * 60_000;

export interface Journey {
	file: string;
	workflow: any;
	/** The Production URL path of its New Order webhook. */
	path: string;
}

function webhookOf(workflow: any): any {
	const node = workflow.nodes.find((candidate: any) => candidate.type === 'n8n-nodes-base.webhook');
	if (!node) throw new Error(`${workflow.name} has no Webhook node`);
	return node;
}

/** The journey in examples/`file`, as the demo loads it (an id of at most 21 characters, a random webhook id). */
export function loadJourney(file: string): Journey {
	const example = loadExamples(path.join(repoRoot, 'examples')).find((candidate: any) => path.basename(candidate.file) === file);
	if (!example) throw new Error(`examples/${file} must load`);
	if (!example.publish) throw new Error(`examples/${file} must start with a trigger`);
	return { file, workflow: example.workflow, path: webhookOf(example.workflow).parameters.path };
}

/** Seconds: the time limit of the copies that wait across an n8n restart: n8n must be stopped before it, also on a loaded machine. */
export const RESTART_LIMIT_SECONDS = 90;

/**
 * The journey with its time limit shortened to `seconds` (and, when given, its check interval
 * set). So that several can be published at once, the copy also gets its own id, name and New
 * Order path (`<path>-<tag>`) and webhook id.
 */
export function withShortTimeLimit(journey: Journey, seconds = SHORT_LIMIT_SECONDS, { tag = 'Short', checkInterval }: { tag?: string; checkInterval?: number } = {}): Journey {
	const workflow = structuredClone(journey.workflow);
	workflow.id = `${String(journey.workflow.id).slice(0, 21 - tag.length)}${tag}`;
	workflow.name = `${journey.workflow.name} (time limit ${seconds} s)`;
	const wait = workflow.nodes.find((node: any) => node.type === `${PACKAGE_PREFIX}waitForPayment`);
	wait.parameters = { ...wait.parameters, limitAmount: seconds, limitUnit: 'seconds', ...(checkInterval === undefined ? {} : { checkInterval }) };
	const webhook = webhookOf(workflow);
	webhook.parameters = { ...webhook.parameters, path: `${journey.path}-${tag.toLowerCase()}` };
	webhook.webhookId = randomUUID();
	return { file: journey.file, workflow, path: webhook.parameters.path };
}

/** The copy of a journey that is left waiting while n8n restarts: the shortest check interval, so n8n's own timer ends it a minute after its time limit. */
export const forRestart = (journey: Journey): Journey => withShortTimeLimit(journey, RESTART_LIMIT_SECONDS, { tag: 'Rstrt', checkInterval: 30 });

/** A workflow holding only a provider's trigger: what the journeys' notes suggest publishing to wake a wait at once. */
export function wakeWorkflow(id: string, type: string, credential: string, parameters: object): any {
	return {
		id,
		name: `E2E wake: ${type}`,
		nodes: [{ name: 'Trigger', type: `${PACKAGE_PREFIX}${type}`, typeVersion: 1, position: [0, 0], credentials: { [credential]: { id: '', name: '' } }, parameters }],
		connections: {},
	};
}

let orders = 0;
const run = Date.now().toString(36).toUpperCase();

/** An order id no other test (or earlier run against the same emulator) uses: letters, digits and dashes, at most 35 characters. */
export function newOrderId(prefix: string): string {
	return `${prefix}-${run}-${++orders}`;
}

/** A phone number of the order's own, so the texts sent to it are this test's alone. */
export function phoneFor(countryPrefix: string): string {
	return `${countryPrefix}${String(Date.now() % 1e5).padStart(5, '0')}${String(++orders % 1e3).padStart(3, '0')}`;
}

/** The finished runs (or waiting ones) of `workflowId` that New Order started for `orderId`. */
export const startedFor = (orderId: string) => (execution: any) => nodeOutput(execution, 'New Order')?.[0]?.body?.orderId === orderId;

/** Waits until the journey's run for `orderId` has one of `statuses`; resolves with it. */
export async function journeyRun(n8n: any, workflowId: string, orderId: string, statuses: string[]): Promise<any> {
	const [execution] = await waitForExecutionsWhere(
		n8n,
		workflowId,
		(candidate: any) => startedFor(orderId)(candidate) && statuses.includes(candidate.status),
		1,
		{ timeoutMs: STEP_TIMEOUT_MS, what: `${statuses.join('/')} runs for order ${orderId}` },
	);
	return execution;
}

/** The nodes the lookup journeys run when Wait for Payment ended unchecked (after an n8n restart). */
export const RECHECK = ['Checked at the Time Limit?', 'Check Payment Again'];

/** Which of `names` ran in the execution. */
export const ran = (execution: any, names: string[]) => names.filter((name) => nodeOutput(execution, name) !== undefined);

/** The output of Wait for Payment that fired, with its item. */
export function waitOutcome(execution: any): { output: string; item: any } {
	const outputs = ['Paid', 'Failed', 'Timed Out'];
	for (let output = 0; output < outputs.length; output++) {
		const items = nodeOutput(execution, 'Wait for Payment', { output });
		if (items?.length) return { output: outputs[output], item: items[0] };
	}
	return { output: 'none', item: undefined };
}

/** POSTs to an emulator control route; fails the test with the answer when it is not 200. */
export async function control(emulator: any, route: string, body: object = {}): Promise<any> {
	const response = await request(`${emulator.url}/_control/${route}`, { method: 'POST', body });
	if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
	return response.json;
}

/** What the emulator recorded: GET /_control/<provider>/messages?<query>. */
export async function messages(emulator: any, provider: 'exotel' | 'dialog360', query: Record<string, string>): Promise<any[]> {
	const response = await request(`${emulator.url}/_control/${provider}/messages?${new URLSearchParams(query)}`);
	if (response.status !== 200) throw new Error(`emulator ${provider} messages answered ${response.status}: ${response.text}`);
	return response.json.messages;
}

/** The texts the emulator received for `to`, as [text] in the order sent. */
export async function textsTo(emulator: any, provider: 'exotel' | 'dialog360', to: string): Promise<string[]> {
	return (await messages(emulator, provider, { type: 'text', to })).map((message) => message.text);
}

/** The order_status messages for an order, as [status] in the order sent. */
export async function orderStatuses(emulator: any, provider: 'exotel' | 'dialog360', referenceId: string): Promise<string[]> {
	return (await messages(emulator, provider, { reference_id: referenceId }))
		.filter((message) => message.order_status)
		.map((message) => message.order_status);
}

// ---- Orders opened at the emulator directly (for the sweep) ---------------------------------

const money = (rupees: number) => ({ value: Math.round(rupees * 100), offset: 100 });

async function expectOk(response: { status: number; text: string; json: any }, what: string): Promise<any> {
	if (response.status !== 200) throw new Error(`${what}: the emulator answered ${response.status} ${response.text}`);
	return response.json;
}

/** A 360dialog payment request (order_details) sent through the emulator's Cloud API. */
export async function openDialog360Order(emulatorUrl: string, referenceId: string, to: string): Promise<void> {
	const body = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: to.replace(/\D/g, ''),
		type: 'interactive',
		interactive: {
			type: 'order_details',
			body: { text: 'Tap Review and Pay to complete your order' },
			action: {
				name: 'review_and_pay',
				parameters: {
					reference_id: referenceId,
					type: 'digital-goods',
					payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: CONFIGURATION } }],
					currency: 'INR',
					total_amount: money(500),
					order: {
						status: 'pending',
						catalog_id: 'chai-corner',
						items: [{ retailer_id: 'GIFT-500', name: 'Gift card 500', amount: money(500), quantity: 1 }],
						subtotal: money(500),
						tax: { ...money(0), description: 'No tax' },
					},
				},
			},
		},
	};
	await expectOk(await request(`${emulatorUrl}/messages`, { method: 'POST', headers: { 'D360-API-KEY': secrets.dialog360.apiKey }, body }), '360dialog order');
}

/** A Craftgate link carrying `orderId`, signed as Craftgate documents (docs/providers.md §1.2); its id. */
export async function openCraftgateLink(emulatorUrl: string, orderId: string): Promise<number> {
	const url = `${emulatorUrl}/craftlink/v1/products`;
	const body = JSON.stringify({ name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId, stock: 1 });
	const { apiKey, secretKey } = secrets.craftgate;
	const rnd = randomUUID();
	const signature = createHash('sha256').update(decodeURIComponent(url) + apiKey + secretKey + rnd + body, 'utf8').digest('base64');
	const headers = { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature };
	return (await expectOk(await request(url, { method: 'POST', headers, body }), 'Craftgate link')).data.id;
}

/** A Calypso payment widget for `externalId` in Calypso's 2.0 envelope, signed (docs/providers.md §4.2); its key. */
export async function openCalypsoWidget(emulatorUrl: string, externalId: string): Promise<string> {
	const { publicKey, secretKey, accountId } = secrets.calypso;
	const widgetKey = randomUUID();
	const payload = { cryptoCurrencies: ['USDT_TRX'], description: `Order ${externalId}`, idempotencyKey: widgetKey, externalId };
	const body = JSON.stringify({ timestamp: Date.now(), account: accountId, payload });
	const sign = createHmac('sha512', secretKey).update(body, 'utf8').digest('hex');
	const headers = { 'content-type': 'application/json', Key: publicKey, Sign: sign };
	await expectOk(await request(`${emulatorUrl}/api/v1/payment-widget/unlimited-linked/create`, { method: 'POST', headers, body }), 'Calypso widget');
	return widgetKey;
}
