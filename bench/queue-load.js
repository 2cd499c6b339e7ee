'use strict';
// Benchmark (issue 14): 2,000 signed Calypso Pay webhooks at 50 concurrent through the two webhook
// processes of an n8n 2.41.1 queue-mode cluster (Redis, Postgres, main, 2 webhook processes,
// 2 workers × 5; test/queue/harness) into one published Calypso Pay Trigger, against n8n's bare
// Webhook node in the same cluster, in the same run. Every delivery is accounted for in Postgres
// (one successful execution per delivery, each event id once). Prints a table; not run by tests.
//
//   npm run build && node_modules/.bin/node bench/queue-load.js
//
// Knobs: BENCH_DELIVERIES (2000), BENCH_CONCURRENCY (50), BENCH_WARMUP (50 per workflow),
// BENCH_DEADLINE_MS (1200000). Results: bench/results/queue-load-<time>.json and
// queue-load-latest.json (git-ignored).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const harness = require('../test/e2e/harness');
const { startCluster, ClusterClient } = require('../test/queue/harness');
const { createEmulator } = require('../test/emulator/server');
const { machine } = require('./lib/report');

const DELIVERIES = Number(process.env.BENCH_DELIVERIES || 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50);
const WARMUP = Number(process.env.BENCH_WARMUP || 50);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS || 20 * 60_000);
const RESULTS_DIR = path.join(__dirname, 'results');

const TRIGGER_ID = 'benchQueueCalypso';
const BARE_ID = 'benchQueueWebhook';
const BARE_PATH = 'bench-queue-bare';
const TRIGGER = 'Calypso Pay Trigger';

const say = (message) => process.stderr.write(`[bench] ${message}\n`);

function workflows() {
	const trigger = {
		id: TRIGGER_ID,
		name: 'Bench: Calypso Pay Trigger (queue mode)',
		nodes: [
			{
				name: TRIGGER,
				type: `${harness.PACKAGE_PREFIX}calypsoPayTrigger`,
				typeVersion: 1,
				credentials: { calypsoApi: { id: '', name: '' } },
				parameters: { subscribeTo: 'allInvoiceEvents', options: { confirmWithInvoiceLookup: false } },
			},
		],
		connections: {},
	};
	const bare = {
		id: BARE_ID,
		name: 'Bench: bare Webhook node (queue mode)',
		nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { httpMethod: 'POST', path: BARE_PATH, responseMode: 'onReceived', options: {} } }],
		connections: {},
	};
	return [trigger, bare];
}

/** A genuine Calypso invoice event (docs/providers.md §4.6), signed with the subscription's keys. */
function calypsoDelivery(subscription, id) {
	const body = JSON.stringify({
		requestId: subscription.requestId,
		id,
		createdDate: new Date().toISOString().replace('Z', '000').slice(0, 26),
		level: 'SUCCESS',
		service: 'INVOICE',
		eventType: 'INVOICE_PAID',
		data: { externalId: `order-${id}`, amount: 0.5, currency: 'ETH', idempotencyKey: crypto.randomUUID(), type: 'INVOICE_PAID' },
	});
	const sign = crypto.createHmac('sha512', subscription.secretKey).update(body, 'utf8').digest('hex');
	return { body, headers: { 'content-type': 'application/json', key: subscription.publicKey, sign } };
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Sends `count` deliveries, `CONCURRENCY` at a time, request i to webhook process i % 2. */
async function blast(urls, count, make) {
	const latencies = [];
	const statuses = {};
	let next = 0;
	async function lane() {
		while (next < count) {
			const index = next++;
			const { body, headers } = make(index);
			const started = performance.now();
			let status;
			try {
				status = (await harness.request(urls[index % urls.length], { method: 'POST', headers, body, timeoutMs: 120_000 })).status;
			} catch (error) {
				status = `network error: ${error.message}`;
			}
			latencies.push(performance.now() - started);
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	}
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, lane));
	return { latencies, statuses };
}

/**
 * One measured run of a workflow: the deliveries, then waiting until as many executions have
 * finished. Returns times, answers, and the accounting read back from Postgres.
 */
async function measure(client, { workflowId, urls, count, make, keyOf, before }) {
	const started = performance.now();
	const { latencies, statuses } = await blast(urls, count, make);
	const answeredMs = performance.now() - started;
	await client.waitForExecutions(workflowId, before + count, { timeoutMs: 15 * 60_000, includeData: false });
	const doneMs = performance.now() - started;
	const executions = (await client.executions(workflowId)).slice(before);
	const keys = executions.map(keyOf);
	const workerOf = client.workerOfExecutions();
	const workers = {};
	for (const execution of executions) {
		const worker = workerOf.get(execution.id) ?? 'no worker';
		workers[worker] = (workers[worker] ?? 0) + 1;
	}
	const byStatus = {};
	for (const execution of executions) byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
	const distinct = new Set(keys.filter((key) => key !== undefined)).size;
	return {
		deliveries: count,
		answers: statuses,
		executions: executions.length,
		executionStatuses: byStatus,
		distinctEvents: distinct,
		accounted: statuses[200] === count && executions.length === count && byStatus.success === count && distinct === count,
		workers,
		answeredMs: Math.round(answeredMs),
		doneMs: Math.round(doneMs),
		throughputPerSecond: count / (doneMs / 1000),
		answerP50Ms: Math.round(percentile(latencies, 50)),
		answerP95Ms: Math.round(percentile(latencies, 95)),
	};
}

function table(rows) {
	const head = ['workflow', 'deliveries', 'answered 200', 'executions (success)', 'each event once', 'all done (s)', 'executions / s', 'answer p50 / p95 (ms)', 'workers'];
	const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
	const line = (cells) => `| ${cells.join(' | ')} |`;
	const body = rows.map(({ label, result }) =>
		line([
			label,
			result.deliveries,
			result.answers[200] ?? 0,
			`${result.executions} (${result.executionStatuses.success ?? 0})`,
			result.accounted ? 'yes' : 'NO',
			fixed(result.doneMs / 1000),
			fixed(result.throughputPerSecond),
			`${result.answerP50Ms} / ${result.answerP95Ms}`,
			Object.entries(result.workers).map(([name, n]) => `${name} ${n}`).join(', '),
		]),
	);
	const [trigger, bare] = rows.map((row) => row.result);
	const ratio = line(['**trigger / bare**', '', '', '', '', fixed(trigger.doneMs / bare.doneMs, 2), fixed(trigger.throughputPerSecond / bare.throughputPerSecond, 2), `${fixed(trigger.answerP50Ms / bare.answerP50Ms, 2)} / ${fixed(trigger.answerP95Ms / bare.answerP95Ms, 2)}`, '']);
	return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...body, ratio].join('\n');
}

async function main() {
	let cluster;
	let client;
	let emulator;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await client?.close().catch(() => undefined);
		await emulator?.close().catch(() => undefined);
		await cluster?.stop().catch(() => undefined);
	};
	const abort = (why) => {
		say(why);
		stop().finally(() => process.exit(1));
	};
	process.once('SIGINT', () => abort('interrupted; stopping the cluster'));
	process.once('SIGTERM', () => abort('terminated; stopping the cluster'));
	const deadline = setTimeout(() => abort(`gave up after ${DEADLINE_MS / 60_000} minutes`), DEADLINE_MS);
	try {
		cluster = await startCluster();
		client = new ClusterClient(cluster.state);
		emulator = await createEmulator({ port: 0, config: { calypso: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(emulator.url, { idPrefix: 'bench-' });
		const prepared = workflows().map((workflow) => harness.bindCredentials(workflow, credentials));
		await client.importCredentials(credentials);
		await client.importWorkflows(prepared);
		await client.publish(prepared.map((workflow) => workflow.id));

		const webhookId = client.webhookIdOf(TRIGGER_ID, TRIGGER);
		const subscription = Object.values(emulator.state.calypso.subscriptions).find((entry) => String(entry.url).includes(webhookId));
		if (!subscription) throw new Error('the Calypso Pay Trigger did not subscribe at the emulator');
		const triggerUrls = client.triggerUrls(TRIGGER_ID, TRIGGER);
		const bareUrls = client.webhookBaseUrls.map((base) => `${base}/webhook/${BARE_PATH}`);

		let eventId = 5_000_000;
		const runs = {
			trigger: {
				label: 'Calypso Pay Trigger (signed, verified)',
				workflowId: TRIGGER_ID,
				urls: triggerUrls,
				make: () => calypsoDelivery(subscription, ++eventId),
				keyOf: (execution) => harness.nodeOutput(execution, TRIGGER)?.[0]?.eventId,
			},
			bare: {
				label: "n8n's bare Webhook node",
				workflowId: BARE_ID,
				urls: bareUrls,
				make: (index) => ({ body: JSON.stringify({ n: index, nonce: crypto.randomUUID() }), headers: { 'content-type': 'application/json' } }),
				keyOf: (execution) => harness.nodeOutput(execution, 'Webhook')?.[0]?.body?.nonce,
			},
		};
		const results = {};
		for (const [name, run] of Object.entries(runs)) {
			say(`warm-up: ${WARMUP} deliveries to ${name}`);
			const before = (await client.executionCounts(run.workflowId)).total;
			await blast(run.urls, WARMUP, run.make);
			await client.waitForExecutions(run.workflowId, before + WARMUP, { includeData: false });
		}
		// Bare first, then the trigger, each on a quiet cluster.
		for (const name of ['bare', 'trigger']) {
			const run = runs[name];
			const before = (await client.executionCounts(run.workflowId)).total;
			say(`${DELIVERIES} deliveries at ${CONCURRENCY} concurrent to ${run.label}`);
			results[name] = await measure(client, { ...run, count: DELIVERIES, before });
			say(`${name}: ${JSON.stringify(results[name])}`);
		}
		const output = {
			finishedAt: new Date().toISOString(),
			deliveries: DELIVERIES,
			concurrency: CONCURRENCY,
			warmup: WARMUP,
			cluster: { webhookProcesses: client.state.webhooks.length, workers: client.state.workers.length, concurrency: client.state.workers[0]?.concurrency },
			machine: machine(client.state.n8n.version),
			loadAverage: require('node:os').loadavg(),
			results,
		};
		fs.mkdirSync(RESULTS_DIR, { recursive: true });
		const stamp = output.finishedAt.replace(/[:.]/g, '-');
		fs.writeFileSync(path.join(RESULTS_DIR, `queue-load-${stamp}.json`), `${JSON.stringify(output, null, 2)}\n`);
		fs.writeFileSync(path.join(RESULTS_DIR, 'queue-load-latest.json'), `${JSON.stringify(output, null, 2)}\n`);
		process.stdout.write(`\n${table([{ label: runs.trigger.label, result: results.trigger }, { label: runs.bare.label, result: results.bare }])}\n\n`);
		if (!results.trigger.accounted || !results.bare.accounted) {
			process.exitCode = 1;
			say('NOT every delivery is accounted for; see the results file');
		}
	} finally {
		clearTimeout(deadline);
		await stop();
	}
}

main().catch((error) => {
	say(error.stack || error.message);
	process.exitCode = 1;
});
