'use strict';
// Sending benchmark (issues #3, #13): 1,000 payment requests from one execution through the Exotel
// node, with Input Data Mode "Define Below" (fields mapped by expressions) and "Take From Input
// Items", against the workflow a user would otherwise build (Code node + HTTP Request, one call per
// item), all in one real n8n against the offline emulator, in the same run.
// Run with `npm run bench:sending` (builds first) or `npm run bench`. See bench/README.md.
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const harness = require('../test/e2e/harness');
const { createEmulator } = require('../test/emulator/server');
const { groupRss, resetPeaks, groupPeak, sampleGroupRss } = require('./lib/memory');
const { summarize, machine, machineLine, ratio, sendingTable, writeResults } = require('./lib/report');
const { fingerprint } = require('./lib/messages');
const {
	nodeWorkflow,
	itemsWorkflow,
	baselineWorkflow,
	NODE_WORKFLOW_ID,
	ITEMS_WORKFLOW_ID,
	BASELINE_WORKFLOW_ID,
} = require('./lib/workflows');

const ITEMS = Number(process.env.BENCH_ITEMS || 1000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const WARMUPS = Number(process.env.BENCH_WARMUPS || 1);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS || 20 * 60_000);

/** The workflows in their measuring order; `short` names a node workflow in the ratio rows. */
const WORKFLOWS = [
	{ id: NODE_WORKFLOW_ID, key: 'fields', label: 'Exotel node, Define Below (6 expressions per item)', short: 'Define Below' },
	{ id: ITEMS_WORKFLOW_ID, key: 'items', label: 'Exotel node, Take From Input Items', short: 'Take From Input Items' },
	{ id: BASELINE_WORKFLOW_ID, key: 'baseline', label: 'Code + HTTP Request (baseline)', short: 'baseline' },
];
const RESULTS_DIR = path.join(__dirname, 'results');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (message) => process.stderr.write(`[bench] ${message}\n`);

/** n8n stores "YYYY-MM-DD HH:MM:SS.SSS" (UTC) in SQLite; ISO strings parse as they are. */
function parseDbTime(value) {
	if (value === null || value === undefined) return NaN;
	if (typeof value === 'number') return value;
	const text = String(value);
	return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

async function idleRss(pgid) {
	const samples = [];
	for (let index = 0; index < 5; index++) {
		samples.push(groupRss(pgid));
		await sleep(50);
	}
	return samples.sort((a, b) => a - b)[2];
}

class Bench {
	constructor() {
		this.emulator = undefined;
		this.n8n = undefined;
		this.seen = Object.fromEntries(WORKFLOWS.map((workflow) => [workflow.id, 0]));
	}

	async setUp() {
		const n8nInstall = await harness.ensureN8n();
		const tarball = await harness.packPackage();
		this.emulator = await createEmulator({ port: 0, providers: ['exotel'] });
		const exotelKeys = this.emulator.config.credentials.exotel;
		// Only the Exotel credential: the bench must not depend on other providers' emulator values.
		const exotel = {
			id: 'bench-exotel-api',
			name: 'Exotel (emulator)',
			type: 'exotelApi',
			data: { ...exotelKeys, apiHost: 'custom', customApiHost: this.emulator.url },
		};
		const basicAuth = {
			id: 'bench-exotel-basic-auth',
			name: 'Exotel key and token (emulator)',
			type: 'httpBasicAuth',
			data: { user: exotelKeys.apiKey, password: exotelKeys.apiToken },
		};
		const workflows = [
			nodeWorkflow({ id: exotel.id, name: exotel.name }),
			itemsWorkflow({ id: exotel.id, name: exotel.name }),
			baselineWorkflow(this.emulator.url, exotelKeys.accountSid, { id: basicAuth.id, name: basicAuth.name }),
		];
		this.paths = Object.fromEntries(workflows.map((workflow) => [workflow.id, workflow.nodes[0].parameters.path]));
		say(`emulator on ${this.emulator.url}; starting n8n ${n8nInstall.version} with the ${workflows.length} workflows`);
		this.n8n = await harness.startN8n({
			name: 'bench',
			n8n: n8nInstall,
			tarball,
			credentials: [exotel, basicAuth],
			workflows,
			publish: workflows.map((workflow) => workflow.id),
		});
		this.pgid = this.n8n.child.pid;
	}

	/** One execution of a workflow through its production webhook, measured from outside. */
	async runOnce(workflowId, tag) {
		const emu = this.emulator;
		emu.reset();
		const peaksReset = resetPeaks(this.pgid);
		const idleBytes = await idleRss(this.pgid);
		const sampler = sampleGroupRss(this.pgid, { intervalMs: 50 });
		await sampler.ready;

		const started = performance.now();
		const response = await this.n8n.runWorkflowByWebhook(this.paths[workflowId], { run: tag, count: ITEMS }, { timeoutMs: 5 * 60_000 });
		const wallMs = performance.now() - started;
		const { peakBytes, samples } = await sampler.stop();
		const hwmPeakBytes = peaksReset ? groupPeak(this.pgid) : NaN;
		if (response.status !== 200) throw new Error(`${tag}: webhook answered ${response.status}: ${response.text.slice(0, 500)}`);

		this.seen[workflowId] += 1;
		const executions = await this.n8n.waitForExecutions(workflowId, this.seen[workflowId], 120_000);
		const execution = executions[executions.length - 1];
		if (execution.status !== 'success') {
			const full = this.n8n.executions(workflowId).find((entry) => entry.id === execution.id);
			throw new Error(`${tag}: execution ${execution.id} ended ${execution.status}: ${JSON.stringify(harness.executionError(full) ?? {}).slice(0, 800)}`);
		}
		const runData = this.n8n.executions(workflowId).find((entry) => entry.id === execution.id)?.data?.resultData?.runData ?? {};
		const nodeTimesMs = Object.fromEntries(Object.entries(runData).map(([name, runs]) => [name, runs[0]?.executionTime]));
		const accepted = emu.state.exotel.messages;
		const statuses = [...new Set(emu.requests.map((request) => request.status))];
		if (accepted.length !== ITEMS) throw new Error(`${tag}: the emulator accepted ${accepted.length} of ${ITEMS} messages (HTTP ${statuses.join(', ')})`);
		return {
			tag,
			workflowId,
			executionId: execution.id,
			httpCalls: emu.countRequests('exotel'),
			httpStatuses: statuses,
			acceptedMessages: accepted.length,
			messagesFingerprint: fingerprint(accepted, tag),
			wallMs: Math.round(wallMs),
			n8nMs: parseDbTime(execution.stoppedAt) - parseDbTime(execution.startedAt),
			nodeTimesMs,
			startedAt: execution.startedAt,
			stoppedAt: execution.stoppedAt,
			idleRssBytes: idleBytes,
			rssPeakBytes: peakBytes,
			rssGrowthBytes: peakBytes - idleBytes,
			hwmPeakBytes,
			rssSamples: samples,
		};
	}

	async measure() {
		const warmups = [];
		const timed = Object.fromEntries(WORKFLOWS.map((workflow) => [workflow.id, []]));
		say('letting n8n settle after its start');
		await sleep(5000);
		for (let round = 0; round < WARMUPS + RUNS; round++) {
			// A I B, I B A, B A I, ...: n8n's resident memory only grows over a session, so no
			// workflow may always come last.
			const order = WORKFLOWS.map((_, index) => WORKFLOWS[(index + round) % WORKFLOWS.length]);
			for (const workflow of order) {
				const warm = round < WARMUPS;
				const tag = `${warm ? 'w' : 'r'}${round}${workflow.key[0]}`;
				const result = await this.runOnce(workflow.id, tag);
				say(
					`${warm ? 'warm-up' : `run ${round - WARMUPS + 1}/${RUNS}`} ${workflow.key}: ${result.httpCalls} calls, ` +
						`${result.wallMs} ms wall, ${result.n8nMs} ms in n8n, RSS peak ${(result.rssPeakBytes / 2 ** 20).toFixed(0)} MB ` +
						`(+${(result.rssGrowthBytes / 2 ** 20).toFixed(0)} MB over idle); per node (ms): ${JSON.stringify(result.nodeTimesMs)}`,
				);
				(warm ? warmups : timed[workflow.id]).push(result);
				await sleep(2000); // let n8n finish saving and settle before the next run
			}
		}
		return { warmups, timed };
	}

	async tearDown() {
		await this.n8n?.stop();
		await this.emulator?.close();
	}
}

async function main() {
	const bench = new Bench();
	const abort = async (why) => {
		say(why);
		await bench.tearDown().catch(() => {});
		process.exit(1);
	};
	process.once('SIGINT', () => abort('interrupted; stopping n8n and the emulator'));
	process.once('SIGTERM', () => abort('terminated; stopping n8n and the emulator'));
	const deadline = setTimeout(() => abort(`gave up after ${DEADLINE_MS / 60_000} minutes`), DEADLINE_MS);
	const began = Date.now();
	const loadBefore = os.loadavg().map((load) => Number(load.toFixed(2)));
	try {
		await bench.setUp();
		const { warmups, timed } = await bench.measure();
		const rows = WORKFLOWS.map((workflow) => ({ ...workflow, summary: summarize(timed[workflow.id]) }));
		const [fields, items, baseline] = rows;
		const fingerprints = new Set([...warmups, ...Object.values(timed).flat()].map((run) => run.messagesFingerprint));
		const targets = {
			callsAtMost10: fields.summary.httpCalls <= 10 && items.summary.httpCalls <= 10,
			itemsWallRatio: ratio(items.summary.wallMs, baseline.summary.wallMs),
			fieldsWallRatio: ratio(fields.summary.wallMs, baseline.summary.wallMs),
		};
		targets.itemsWallAtMostOneFifth = targets.itemsWallRatio <= 0.2;
		const results = {
			benchmark: 'exotel-bulk',
			items: ITEMS,
			runsPerWorkflow: RUNS,
			warmupsPerWorkflow: WARMUPS,
			finishedAt: new Date().toISOString(),
			durationS: Math.round((Date.now() - began) / 1000),
			machine: machine(bench.n8n.n8n.version),
			loadAverage: { before: loadBefore, after: os.loadavg().map((load) => Number(load.toFixed(2))) },
			expressionEngine: process.env.N8N_EXPRESSION_ENGINE || 'vm (n8n 2.41 default)',
			summary: Object.fromEntries(rows.map((row) => [row.key, row.summary])),
			targets,
			sameMessagesInEveryRun: fingerprints.size === 1,
			runs: { warmups, ...Object.fromEntries(rows.map((row) => [row.key, timed[row.id]])) },
		};
		const file = writeResults(RESULTS_DIR, 'exotel-bulk', results);
		console.log(`\n## Sending: ${ITEMS} payment requests from one execution\n`);
		console.log(`${sendingTable({ rows, baseline, items: ITEMS })}\n`);
		console.log(`Medians of ${RUNS} runs per workflow (after ${WARMUPS} warm-up each), order rotated every round; ${ITEMS} payment requests per run.`);
		console.log(`All workflows sent the same ${ITEMS} orders in every run: ${results.sameMessagesInEveryRun ? 'yes' : 'NO'}.`);
		console.log(
			`Targets: ≤ 10 calls ${targets.callsAtMost10 ? 'met' : 'MISSED'}; ` +
				`Take From Input Items ≤ 0.2 × the baseline's wall time ${targets.itemsWallAtMostOneFifth ? 'met' : 'MISSED'} (${targets.itemsWallRatio.toFixed(3)}; Define Below ${targets.fieldsWallRatio.toFixed(3)}).`,
		);
		console.log(`${machineLine(results.machine)} Date: ${results.finishedAt.slice(0, 10)}.`);
		console.log(`Load average (1, 5, 15 min) before: ${results.loadAverage.before.join(', ')}; after: ${results.loadAverage.after.join(', ')}. Expression engine: ${results.expressionEngine}.`);
		console.log(`Results: ${path.relative(process.cwd(), file)} (took ${results.durationS} s)`);
	} catch (error) {
		process.exitCode = 1;
		say(`failed: ${error.stack ?? error.message}`);
		if (bench.n8n) say(`n8n log tail:\n${bench.n8n.logTail(40)}`);
	} finally {
		clearTimeout(deadline);
		await bench.tearDown();
	}
}

main();
