// What the queue-mode tests share: each payment trigger as the tests configure it, genuine and
// forged deliveries for a published trigger (signed as each provider signs them, built by the
// hardening suite's generators), workflows (trigger alone, the recommended once-only pattern taken
// from the shipped example, Remove Duplicates for the measurement), a counter server standing for
// the downstream step, and concurrent redelivery rounds through both webhook processes.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
	calypsoAttacks,
	calypsoDelivery,
	calypsoEventBody,
	craftgateAttacks,
	craftgateDelivery,
	dialog360Attacks,
	dialog360Delivery,
	dialog360EventBody,
	exotelAttacks,
	exotelCallbackBody,
	type Delivery,
} from '../e2e/hardening/deliveries';

const { request, PACKAGE_PREFIX } = require('../e2e/harness');
const { repoRoot } = require('../e2e/harness/paths');
const craftgateStore = require('../emulator/providers/craftgate/store');
const emulatorSecrets = require('../emulator/credentials');

export type { Delivery };

/** Name of the trigger node in every workflow of the suite. */
export const TRIGGER = 'Trigger';
export const REQUEST_TIMEOUT_MS = 60_000;

export interface TriggerSetup {
	key: 'exotel' | 'dialog360' | 'craftgate' | 'calypso';
	/** Capitalised key, for workflow ids. */
	id: string;
	label: string;
	type: string;
	/** What the trigger's event ids start with (`<provider>:`). */
	provider: string;
	credentialType?: string;
	parameters(ignoreRedeliveries: boolean): Record<string, unknown>;
}

export const TRIGGERS: TriggerSetup[] = [
	{
		key: 'exotel',
		provider: 'exotel',
		id: 'Exotel',
		label: 'Exotel Trigger',
		type: 'exotelTrigger',
		parameters: (ignoreRedeliveries) => ({
			events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'],
			options: { ignoreRedeliveries },
		}),
	},
	{
		key: 'dialog360',
		provider: '360dialog',
		id: 'Dialog360',
		label: '360dialog Trigger',
		type: 'dialog360Trigger',
		credentialType: 'dialog360Api',
		parameters: (ignoreRedeliveries) => ({
			confirmWithLookup: false,
			options: { ignoreRedeliveries, verifySignature: true, signatureEncoding: 'hex' },
		}),
	},
	{
		key: 'craftgate',
		provider: 'craftgate',
		id: 'Craftgate',
		label: 'Craftgate Trigger',
		type: 'craftgateTrigger',
		credentialType: 'craftgateApi',
		parameters: (ignoreRedeliveries) => ({
			events: ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'],
			options: { ignoreRedeliveries, matchLink: false },
		}),
	},
	{
		key: 'calypso',
		provider: 'calypso',
		id: 'Calypso',
		label: 'Calypso Pay Trigger',
		type: 'calypsoPayTrigger',
		credentialType: 'calypsoApi',
		parameters: (ignoreRedeliveries) => ({
			subscribeTo: 'allInvoiceEvents',
			options: { ignoreRedeliveries, confirmWithInvoiceLookup: false },
		}),
	},
];

// ---------------------------------------------------------------- workflows

type Node = Record<string, any>;

export function triggerNode(setup: TriggerSetup, ignoreRedeliveries: boolean): Node {
	return {
		name: TRIGGER,
		type: `${PACKAGE_PREFIX}${setup.type}`,
		typeVersion: 1,
		parameters: setup.parameters(ignoreRedeliveries),
		...(setup.credentialType ? { credentials: { [setup.credentialType]: { id: '', name: '' } } } : {}),
	};
}

function chain(...names: string[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < names.length; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}

/** The trigger alone. */
export function triggerWorkflow(id: string, setup: TriggerSetup, ignoreRedeliveries = true) {
	return { id, name: `Queue: ${setup.label} (${id})`, nodes: [triggerNode(setup, ignoreRedeliveries)], connections: {} };
}

/** The downstream step: one POST per item to the counter, naming the event. */
export function downstreamNode(counterUrl: string): Node {
	return {
		name: 'Downstream',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: counterUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ eventId: $('${TRIGGER}').item.json.eventId }) }}`,
			options: {},
		},
	};
}

export const ONCE_ONLY_EXAMPLE = path.join(repoRoot, 'examples', 'queue-once-only-craftgate.json');
export const CLAIM_NODE = 'Claim Event';
export const FIRST_DELIVERY_NODE = 'First Delivery?';

/** The shipped example (the README's recommended pattern). */
export function onceOnlyExample(): any {
	return JSON.parse(fs.readFileSync(ONCE_ONLY_EXAMPLE, 'utf8'));
}

/** The CREATE TABLE statement the example's "Claim Table" note gives. */
export function claimTableSql(): string {
	const note = onceOnlyExample().nodes.find((node: Node) => node.name === 'Claim Table');
	const match = /```sql\n([\s\S]*?)```/.exec(note?.parameters?.content ?? '');
	if (!match) throw new Error(`${ONCE_ONLY_EXAMPLE}: no sql block in the "Claim Table" note`);
	return match[1].trim();
}

/**
 * The recommended pattern with the example's own Claim Event and First Delivery? nodes (same
 * query, query parameters and condition): trigger → Claim Event → First Delivery? → true:
 * Downstream (the counter), false: Already Handled.
 */
export function onceOnlyWorkflow(id: string, setup: TriggerSetup, counterUrl: string, { ignoreRedeliveries = false } = {}) {
	const example = onceOnlyExample();
	const fromExample = (name: string): Node => {
		const node = example.nodes.find((candidate: Node) => candidate.name === name);
		if (!node) throw new Error(`${ONCE_ONLY_EXAMPLE} has no node "${name}"`);
		const copy = structuredClone(node);
		delete copy.id;
		delete copy.position;
		return copy;
	};
	const claim = fromExample(CLAIM_NODE);
	claim.credentials = { postgres: { id: '', name: '' } };
	const nodes = [
		triggerNode(setup, ignoreRedeliveries),
		claim,
		fromExample(FIRST_DELIVERY_NODE),
		downstreamNode(counterUrl),
		{ name: 'Already Handled', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
	];
	const connections = {
		...chain(TRIGGER, CLAIM_NODE, FIRST_DELIVERY_NODE),
		[FIRST_DELIVERY_NODE]: { main: [[{ node: 'Downstream', type: 'main', index: 0 }], [{ node: 'Already Handled', type: 'main', index: 0 }]] },
	};
	return { id, name: `Queue: once-only ${setup.label} (${id})`, nodes, connections };
}

/** The README's earlier advice: trigger → Remove Duplicates on eventId → Downstream. */
export function removeDuplicatesWorkflow(id: string, setup: TriggerSetup, counterUrl: string, { ignoreRedeliveries }: { ignoreRedeliveries: boolean }) {
	const nodes = [
		triggerNode(setup, ignoreRedeliveries),
		{
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: { operation: 'removeItemsSeenInPreviousExecutions', logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.eventId }}', options: {} },
		},
		downstreamNode(counterUrl),
	];
	return { id, name: `Queue: Remove Duplicates ${setup.label} (${id})`, nodes, connections: chain(TRIGGER, 'Remove Duplicates', 'Downstream') };
}

/** An n8n Postgres credential for the shop database. */
export function shopCredential(id: string, connection: { host: string; port: number; user: string; password: string; database: string }) {
	return {
		id,
		name: `Shop database (${id})`,
		type: 'postgres',
		data: { ...connection, ssl: 'disable', allowUnauthorizedCerts: false, maxConnections: 100 },
	};
}

// ---------------------------------------------------------------- deliveries

/** Genuine events (a new one per call) and forged deliveries for one published trigger. */
export interface EventSource {
	next(): Promise<Delivery>;
	/** Forged deliveries, half of them addressed to each webhook process (`url` set where the attack needs its own). */
	forged(count: number): Promise<Delivery[]>;
}

export interface SourceContext {
	cluster: any;
	emulator: any;
	workflowId: string;
	/** Makes event ids unique per test. */
	tag: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function craftgatePayment(emulator: any, name: string): Promise<string> {
	const product = craftgateStore.writeProduct(emulator, { name, price: 10, currency: 'TRY' });
	const paid = await request(`${emulator.url}/_control/craftgate/pay`, { method: 'POST', body: { productId: product.id, outcome: 'success' } });
	if (paid.status !== 200) throw new Error(`emulator refused the payment: ${paid.status} ${paid.text}`);
	return String(paid.json.payment.id);
}

/** Every webhook process gets half of the forged deliveries (a `url` of its own where the kind needs one). */
function splitBetween<T>(items: T[], urls: string[], address: (item: T, url: string) => Delivery): Delivery[] {
	return items.map((item, index) => address(item, urls[index % urls.length]));
}

export async function eventSource(setup: TriggerSetup, { cluster, emulator, workflowId, tag }: SourceContext): Promise<EventSource> {
	const urls: string[] = cluster.triggerUrls(workflowId, TRIGGER);
	let counter = 0;
	const unique = () => `${tag}-${++counter}`;
	switch (setup.key) {
		case 'exotel':
			return {
				next: async () => ({
					kind: 'genuine',
					body: exotelCallbackBody(`sid-${unique()}`, String(4_100_000_000 + counter)),
					headers: { 'content-type': 'application/json' },
					expect: [200],
				}),
				forged: async (count) => {
					const webhookId = cluster.webhookIdOf(workflowId, TRIGGER);
					// Exotel signs nothing: its secret is the URL. Wrong paths and unreadable bodies; the
					// allowlist kind needs a second workflow and is covered by the e2e hardening suite.
					const perProcess = cluster.webhookBaseUrls.map((base: string, index: number) =>
						exotelAttacks({ base, webhookId, allowlisted: urls[index] }, count * 2)
							.filter((attack) => attack.kind !== 'caller not in the allowlist')
							.map((attack) => ({ ...attack, url: attack.url ?? urls[index] })),
					);
					const mixed: Delivery[] = [];
					for (let i = 0; mixed.length < count; i++) mixed.push(perProcess[i % perProcess.length][Math.floor(i / perProcess.length)]);
					return mixed;
				},
			};
		case 'dialog360': {
			const data = await cluster.staticData(workflowId);
			const header = data?.[`node:${TRIGGER}`]?.secretToken;
			if (typeof header !== 'string') throw new Error(`360dialog Trigger of ${workflowId} kept no secret token: ${JSON.stringify(data)}`);
			const secrets = { header, partner: emulatorSecrets.dialog360.partnerWebhookSecret as string };
			return {
				next: async () => dialog360Delivery(secrets, dialog360EventBody(`wamid.${unique()}`, `pay_${tag.replace(/\W/g, '')}_${counter}`)),
				forged: async (count) => splitBetween(dialog360Attacks(secrets, count), urls, (attack, url) => ({ ...attack, url })),
			};
		}
		case 'craftgate': {
			const key = emulatorSecrets.craftgate.webhookKey as string;
			return {
				next: async () => craftgateDelivery(key, await craftgatePayment(emulator, unique()), nowSeconds()),
				forged: async (count) => {
					const captured = { eventType: 'API_AUTH', eventTimestamp: String(nowSeconds()), status: 'SUCCESS', payloadId: await craftgatePayment(emulator, unique()) };
					return splitBetween(craftgateAttacks(key, captured, nowSeconds(), count), urls, (attack, url) => ({ ...attack, url }));
				},
			};
		}
		case 'calypso': {
			const webhookId = cluster.webhookIdOf(workflowId, TRIGGER);
			const subscription = Object.values(emulator.state.calypso.subscriptions as Record<string, any>).find((entry) => String(entry.url).includes(webhookId));
			if (!subscription) throw new Error(`no Calypso subscription for ${workflowId} in the emulator`);
			// Calypso event ids are numbers; each test gets its own range.
			const base = 1_000_000 + (Number.parseInt(tag.replace(/\D/g, '').slice(-4) || '0', 10) % 1000) * 1000;
			return {
				next: async () => calypsoDelivery(subscription, calypsoEventBody(base + ++counter, subscription.requestId)),
				forged: async (count) => splitBetween(calypsoAttacks(subscription, count), urls, (attack, url) => ({ ...attack, url })),
			};
		}
	}
}

export interface Answer {
	kind: string;
	url: string;
	status: number;
	expected: number[];
	text: string;
}

export async function send(delivery: Delivery, url: string): Promise<Answer> {
	const target = delivery.url ?? url;
	const response = await request(target, { method: delivery.method ?? 'POST', headers: delivery.headers, body: delivery.body, timeoutMs: REQUEST_TIMEOUT_MS });
	return { kind: delivery.kind, url: target, status: response.status, expected: delivery.expect, text: response.text.slice(0, 300) };
}

/** Sends deliveries at most `concurrency` at a time, in list order. */
export async function sendAll(deliveries: Delivery[], concurrency = 8): Promise<Answer[]> {
	const answers: Answer[] = new Array(deliveries.length);
	let next = 0;
	async function lane() {
		while (next < deliveries.length) {
			const index = next++;
			answers[index] = await send(deliveries[index], deliveries[index].url as string);
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, lane));
	return answers;
}

export const unexpected = (answers: Answer[]) => answers.filter((answer) => !answer.expected.includes(answer.status));

// ---------------------------------------------------------------- counter

/** A tiny HTTP server standing for the downstream system: counts POSTs per path and event id. */
export interface Counter {
	url(name: string): string;
	/** event id → times it reached `name`. */
	hits(name: string): Map<string, number>;
	close(): Promise<void>;
}

export async function startCounter(): Promise<Counter> {
	const hits = new Map<string, Map<string, number>>();
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			let eventId = '(unreadable)';
			try {
				eventId = String(JSON.parse(body).eventId);
			} catch {
				// counted as unreadable
			}
			const name = decodeURIComponent((req.url ?? '/').slice(1));
			const perName = hits.get(name) ?? new Map<string, number>();
			perName.set(eventId, (perName.get(eventId) ?? 0) + 1);
			hits.set(name, perName);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
		hits: (name) => new Map(hits.get(name) ?? []),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

// ---------------------------------------------------------------- concurrent redelivery rounds

export interface RoundsResult {
	rounds: number;
	deliveries: number;
	/** Answers that were not 200. */
	refused: Answer[];
	/** Executions the rounds started. */
	executions: number;
}

/**
 * `rounds` times: a new genuine event, delivered `copies` times at once, alternating between the
 * webhook processes (the first copy goes to webhook-1 in even rounds, webhook-2 in odd ones);
 * then waits until every execution the round started has finished, so rounds do not overlap.
 */
export async function concurrentRounds({
	cluster,
	workflowId,
	source,
	rounds,
	copies = 5,
}: {
	cluster: any;
	workflowId: string;
	source: EventSource;
	rounds: number;
	copies?: number;
}): Promise<RoundsResult> {
	const urls: string[] = cluster.triggerUrls(workflowId, TRIGGER);
	const refused: Answer[] = [];
	const before = (await cluster.executionCounts(workflowId)).total;
	let total = before;
	for (let round = 0; round < rounds; round++) {
		const delivery = await source.next();
		const answers = await Promise.all(Array.from({ length: copies }, (_, copy) => send(delivery, urls[(round + copy) % urls.length])));
		refused.push(...answers.filter((answer) => answer.status !== 200));
		// Each webhook process answers once the execution is queued, so every row exists now.
		total = (await cluster.executionCounts(workflowId)).total;
		await cluster.waitForExecutions(workflowId, total, { includeData: false });
	}
	return { rounds, deliveries: rounds * copies, refused, executions: total - before };
}

/** Per event id: how often it reached the counter; doubles and lost against the expected ids. */
export function tally(expectedEventIds: string[], hits: Map<string, number>) {
	const counts = expectedEventIds.map((eventId) => hits.get(eventId) ?? 0);
	const unexpectedIds = [...hits.keys()].filter((eventId) => !expectedEventIds.includes(eventId));
	return {
		events: expectedEventIds.length,
		once: counts.filter((count) => count === 1).length,
		doubles: counts.filter((count) => count > 1).length,
		lost: counts.filter((count) => count === 0).length,
		extraRuns: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
		unexpectedIds,
	};
}
