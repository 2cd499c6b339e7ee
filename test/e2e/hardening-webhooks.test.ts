// Webhook attacks end to end (issue 11, item 6), in a real n8n with the packed package and the
// offline emulator, for every trigger: a few hundred generated forged, unsigned, re-signed with
// another key, tampered, re-split, stale, future and malformed deliveries (Exotel, whose secret is
// its URL: wrong paths, callers outside its allowlist, unreadable bodies) sent with bounded
// concurrency to the published production URL are each answered 4xx as the trigger's contract
// says, and start no execution (counted in n8n's database). Then genuine events, each delivered
// several times in order, interleaved with others and concurrently, start one execution each
// (Ignore Redeliveries on, one n8n process).
import { randomUUID } from 'node:crypto';
import {
	calypsoAttacks,
	calypsoDelivery,
	calypsoEventBody,
	craftgateAttacks,
	craftgateDelivery,
	D360_SECRET_HEADER,
	dialog360Attacks,
	dialog360Delivery,
	dialog360EventBody,
	exotelAttacks,
	exotelCallbackBody,
	type Delivery,
} from './hardening/deliveries';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const craftgateStore = require('../emulator/providers/craftgate/store');
const emulatorSecrets = require('../emulator/credentials');

const { linearWorkflow, nodeOutput, request, PACKAGE_PREFIX } = harness;

const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 60_000;
const EXECUTIONS_TIMEOUT_MS = 180_000;

const EXOTEL_ID = 'hardenExotel';
const EXOTEL_ALLOW_ID = 'hardenExotelAllow';
const D360_ID = 'hardenDialog360';
const CRAFTGATE_ID = 'hardenCraftgate';
const CALYPSO_ID = 'hardenCalypso';

const TRIGGER = 'Trigger';

function triggerWorkflow(id: string, type: string, parameters: object, credentials?: object) {
	return linearWorkflow({
		id,
		name: `Hardening: ${type}`,
		nodes: [{ name: TRIGGER, type: `${PACKAGE_PREFIX}${type}`, typeVersion: 1, parameters, ...(credentials ? { credentials } : {}) }],
	});
}

const WORKFLOWS = [
	triggerWorkflow(EXOTEL_ID, 'exotelTrigger', {
		events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'],
		options: { ignoreRedeliveries: true },
	}),
	triggerWorkflow(EXOTEL_ALLOW_ID, 'exotelTrigger', {
		events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'],
		options: { ignoreRedeliveries: true, ipWhitelist: '203.0.113.10' },
	}),
	triggerWorkflow(
		D360_ID,
		'dialog360Trigger',
		{ confirmWithLookup: false, options: { ignoreRedeliveries: true, verifySignature: true, signatureEncoding: 'hex' } },
		{ dialog360Api: { id: '', name: '' } },
	),
	triggerWorkflow(
		CRAFTGATE_ID,
		'craftgateTrigger',
		{ events: ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'], options: { ignoreRedeliveries: true, matchLink: false } },
		{ craftgateApi: { id: '', name: '' } },
	),
	triggerWorkflow(
		CALYPSO_ID,
		'calypsoPayTrigger',
		{ subscribeTo: 'allInvoiceEvents', options: { ignoreRedeliveries: true, confirmWithInvoiceLookup: false } },
		{ calypsoApi: { id: '', name: '' } },
	),
];

interface Answer {
	kind: string;
	status: number;
	expected: number[];
	text: string;
}

/** Sends every delivery to `url` (or its own url), at most CONCURRENCY at a time, in order of the list. */
async function deliver(url: string, deliveries: Delivery[], concurrency = CONCURRENCY): Promise<Answer[]> {
	const answers: Answer[] = new Array(deliveries.length);
	let next = 0;
	async function worker() {
		while (next < deliveries.length) {
			const index = next++;
			const delivery = deliveries[index];
			const response = await request(delivery.url ?? url, {
				method: delivery.method ?? 'POST',
				headers: delivery.headers,
				body: delivery.body,
				timeoutMs: REQUEST_TIMEOUT_MS,
			});
			answers[index] = { kind: delivery.kind, status: response.status, expected: delivery.expect, text: response.text.slice(0, 300) };
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, worker));
	return answers;
}

/** The answers that broke the trigger's contract (should be none), with what was sent. */
function unexpected(answers: Answer[]): Answer[] {
	return answers.filter((answer) => !answer.expected.includes(answer.status));
}

/** Kinds sent, with how many of each: the generated mix, for the report of a failure. */
function mix(answers: Answer[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const answer of answers) counts[answer.kind] = (counts[answer.kind] ?? 0) + 1;
	return counts;
}

describe('webhook attacks and redeliveries in a real n8n (issue 11)', () => {
	let n8n: any;
	let emulator: any;
	const nowSeconds = () => Math.floor(Date.now() / 1000);

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(emulator.url);
		n8n = await harness.startN8n({
			name: 'hardening-webhooks',
			credentials,
			workflows: WORKFLOWS.map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: WORKFLOWS.map((workflow) => workflow.id),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	const executionCount = (id: string) => n8n.executions(id, { includeData: false }).length;

	/**
	 * Genuine events `events[i]`, each delivered several times: the first three times in order,
	 * the next ones interleaved, the last one 12 times at once. One execution per event.
	 */
	async function expectOneExecutionPerEvent(workflowId: string, url: string, events: Delivery[]): Promise<void> {
		expect(events).toHaveLength(4);
		const [a, b, c, d] = events;
		const answers = [
			...(await deliver(url, [a, a, a], 1)),
			...(await deliver(url, [b, c, b, c, a, b, c], 1)),
			...(await deliver(url, new Array(12).fill(d), 12)),
		];
		expect(unexpected(answers)).toEqual([]);
		const executions = await n8n.waitForExecutions(workflowId, events.length, EXECUTIONS_TIMEOUT_MS);
		// Every delivery was answered, and n8n answers once the execution exists: none is still to come.
		expect(executionCount(workflowId)).toBe(events.length);
		const eventIds = executions.map((execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.eventId);
		expect(new Set(eventIds).size).toBe(events.length);
		expect(executions.map((execution: any) => execution.status)).toEqual(new Array(events.length).fill('success'));
	}

	it('Craftgate Trigger: every forged, unsigned, re-signed, tampered, re-split, stale, future or malformed delivery is refused and starts nothing', async () => {
		const key = emulatorSecrets.craftgate.webhookKey;
		const product = craftgateStore.writeProduct(emulator, { name: 'Hardening', price: 10, currency: 'TRY' });
		const paid = await request(`${emulator.url}/_control/craftgate/pay`, { method: 'POST', body: { productId: product.id, outcome: 'success' } });
		expect(paid.status).toBe(200);
		const captured = { eventType: 'API_AUTH', eventTimestamp: String(nowSeconds()), status: 'SUCCESS', payloadId: String(paid.json.payment.id) };
		const attacks = craftgateAttacks(key, captured, nowSeconds(), 240);
		const answers = await deliver(n8n.triggerUrl(CRAFTGATE_ID, TRIGGER), attacks);
		expect({ unexpected: unexpected(answers), mix: mix(answers) }).toEqual({ unexpected: [], mix: expect.any(Object) });
		expect(mix(answers)).toEqual(expect.objectContaining({ 're-split': expect.any(Number), stale: expect.any(Number), future: expect.any(Number) }));
		expect(executionCount(CRAFTGATE_ID)).toBe(0);
	});

	it('Craftgate Trigger: a genuine event delivered many times, in order, interleaved and concurrently, runs once', async () => {
		const key = emulatorSecrets.craftgate.webhookKey;
		const events: Delivery[] = [];
		for (let i = 0; i < 4; i++) {
			const product = craftgateStore.writeProduct(emulator, { name: `Hardening ${i}`, price: 10 + i, currency: 'TRY' });
			const paid = await request(`${emulator.url}/_control/craftgate/pay`, { method: 'POST', body: { productId: product.id, outcome: 'success' } });
			expect(paid.status).toBe(200);
			events.push(craftgateDelivery(key, String(paid.json.payment.id), nowSeconds()));
		}
		await expectOneExecutionPerEvent(CRAFTGATE_ID, n8n.triggerUrl(CRAFTGATE_ID, TRIGGER), events);
	});

	it('Calypso Pay Trigger: every forged, unsigned, re-signed, tampered or malformed delivery is refused and starts nothing', async () => {
		const [subscription] = Object.values(emulator.state.calypso.subscriptions) as any[];
		expect(subscription?.url).toBe(n8n.triggerUrl(CALYPSO_ID, TRIGGER));
		const answers = await deliver(subscription.url, calypsoAttacks(subscription, 160));
		expect({ unexpected: unexpected(answers), mix: mix(answers) }).toEqual({ unexpected: [], mix: expect.any(Object) });
		expect(executionCount(CALYPSO_ID)).toBe(0);
	});

	it('Calypso Pay Trigger: a genuine event delivered many times, in order, interleaved and concurrently, runs once', async () => {
		const [subscription] = Object.values(emulator.state.calypso.subscriptions) as any[];
		const events = [101, 102, 103, 104].map((id) => calypsoDelivery(subscription, calypsoEventBody(id, subscription.requestId)));
		await expectOneExecutionPerEvent(CALYPSO_ID, subscription.url, events);
	});

	/** The secret header the trigger gave 360dialog when it was published, and the partner secret. */
	function dialog360Secrets() {
		const webhook = emulator.state.dialog360.webhook;
		expect(webhook.url).toBe(n8n.triggerUrl(D360_ID, TRIGGER));
		const header = Object.entries(webhook.headers ?? {}).find(([name]) => name.toLowerCase() === D360_SECRET_HEADER)?.[1] as string;
		expect(header).toEqual(expect.any(String));
		return { header, partner: emulatorSecrets.dialog360.partnerWebhookSecret as string };
	}

	it('360dialog Trigger: every delivery without the secret header and a valid signature, tampered or malformed, is refused and starts nothing', async () => {
		const answers = await deliver(n8n.triggerUrl(D360_ID, TRIGGER), dialog360Attacks(dialog360Secrets(), 160));
		expect({ unexpected: unexpected(answers), mix: mix(answers) }).toEqual({ unexpected: [], mix: expect.any(Object) });
		expect(executionCount(D360_ID)).toBe(0);
	});

	it('360dialog Trigger: a genuine event delivered many times, in order, interleaved and concurrently, runs once', async () => {
		const secrets = dialog360Secrets();
		const events = [1, 2, 3, 4].map((i) => dialog360Delivery(secrets, dialog360EventBody(`wamid.hardening-${i}`, `pay_hardening_${i}`)));
		await expectOneExecutionPerEvent(D360_ID, n8n.triggerUrl(D360_ID, TRIGGER), events);
	});

	it('Exotel Trigger: wrong paths, callers outside the allowlist and unreadable bodies are refused and start nothing', async () => {
		const url = n8n.triggerUrl(EXOTEL_ID, TRIGGER);
		const attacks = exotelAttacks(
			{ base: n8n.baseUrl, webhookId: n8n.webhookIdOf(EXOTEL_ID, TRIGGER), allowlisted: n8n.triggerUrl(EXOTEL_ALLOW_ID, TRIGGER) },
			200,
		);
		const answers = await deliver(url, attacks);
		expect({ unexpected: unexpected(answers), mix: mix(answers) }).toEqual({ unexpected: [], mix: expect.any(Object) });
		expect(executionCount(EXOTEL_ID)).toBe(0);
		expect(executionCount(EXOTEL_ALLOW_ID)).toBe(0);
	});

	it('Exotel Trigger: a genuine callback delivered many times, in order, interleaved and concurrently, runs once', async () => {
		const events = [1, 2, 3, 4].map((i): Delivery => ({
			kind: 'genuine',
			body: exotelCallbackBody(`sid-hardening-${i}-${randomUUID().slice(0, 8)}`, String(4_142_800_000 + i)),
			headers: { 'content-type': 'application/json' },
			expect: [200],
		}));
		await expectOneExecutionPerEvent(EXOTEL_ID, n8n.triggerUrl(EXOTEL_ID, TRIGGER), events);
	});
});
