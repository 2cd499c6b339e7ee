'use strict';
// Receiving benchmark (issue #13): 2,000 valid signed payment webhooks, 50 in flight, into each of
// the four triggers (published, production URL) against n8n's bare Webhook node receiving the same
// number of POSTs, in one real n8n against the offline emulator; then 2,000 forged deliveries per
// trigger. Executions are counted in n8n's SQLite database: every valid delivery must have started
// exactly one, every forged one none. Valid deliveries are built as test/e2e/hardening-webhooks
// builds them (test/e2e/hardening/deliveries.ts, loaded by Node 24's type stripping).
// Run with `npm run bench:receiving` (builds first) or `npm run bench`. See bench/README.md.
const crypto = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const harness = require('../test/e2e/harness');
const { createEmulator } = require('../test/emulator/server');
const craftgateStore = require('../test/emulator/providers/craftgate/store');
const emulatorSecrets = require('../test/emulator/credentials');
const deliveries = require('../test/e2e/hardening/deliveries.ts');
const { groupCpuMs } = require('./lib/cpu');
const { deliverAll } = require('./lib/deliver');
const { fixed, machine, machineLine, markdownTable, ratio, writeResults } = require('./lib/report');

const COUNT = Number(process.env.BENCH_DELIVERIES || 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50);
const WARMUP = Number(process.env.BENCH_WARMUP_DELIVERIES || 100);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS || 40 * 60_000);
const RESULTS_DIR = path.join(__dirname, 'results');

const TRIGGER = 'Trigger';
const BARE = { id: 'benchRecvBare', path: 'bench-receive-bare', label: "n8n's Webhook node (bare)" };
const JSON_HEADERS = { 'content-type': 'application/json' };
const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled', 'waiting']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (message) => process.stderr.write(`[bench:receiving] ${message}\n`);
const parseDbTime = (value) => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? String(value) : `${String(value).replace(' ', 'T')}Z`);

// The triggers' version a new node gets (1.1); BENCH_TRIGGER_VERSION=1 measures version 1, on which
// n8n evaluates an expression for every delivery (see bench/README.md).
const TRIGGER_VERSION = Number(process.env.BENCH_TRIGGER_VERSION || 1.1);

function triggerWorkflow(id, type, parameters, credentials) {
	return harness.linearWorkflow({
		id,
		name: `Bench receive: ${type}`,
		nodes: [{ name: TRIGGER, type: `${harness.PACKAGE_PREFIX}${type}`, typeVersion: TRIGGER_VERSION, parameters, ...(credentials ? { credentials } : {}) }],
	});
}

/** The four triggers as the hardening suite configures them (see bench/README.md for the lookups). */
const TRIGGERS = [
	{
		key: 'exotel',
		label: 'Exotel Trigger',
		workflow: triggerWorkflow('benchRecvExotel', 'exotelTrigger', {
			events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'],
			options: { ignoreRedeliveries: true },
		}),
	},
	{
		key: 'dialog360',
		label: '360dialog Trigger',
		workflow: triggerWorkflow(
			'benchRecvDialog360',
			'dialog360Trigger',
			{ confirmWithLookup: false, options: { ignoreRedeliveries: true, verifySignature: true, signatureEncoding: 'hex' } },
			{ dialog360Api: { id: '', name: '' } },
		),
	},
	{
		key: 'craftgate',
		label: 'Craftgate Trigger',
		workflow: triggerWorkflow(
			'benchRecvCraftgate',
			'craftgateTrigger',
			{ events: ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'], options: { ignoreRedeliveries: true, matchLink: false } },
			{ craftgateApi: { id: '', name: '' } },
		),
	},
	{
		key: 'calypso',
		label: 'Calypso Pay Trigger',
		workflow: triggerWorkflow(
			'benchRecvCalypso',
			'calypsoPayTrigger',
			{ subscribeTo: 'allInvoiceEvents', options: { ignoreRedeliveries: true, confirmWithInvoiceLookup: false } },
			{ calypsoApi: { id: '', name: '' } },
		),
	},
];

// BENCH_TRIGGERS=exotel,calypso: only those triggers (with the bare node), e.g. for a profile.
const ONLY = process.env.BENCH_TRIGGERS ? process.env.BENCH_TRIGGERS.split(',').map((key) => key.trim()) : undefined;
const MEASURED = TRIGGERS.filter((trigger) => !ONLY || ONLY.includes(trigger.key));

const bareWorkflow = harness.linearWorkflow({
	id: BARE.id,
	name: 'Bench receive: bare Webhook node',
	nodes: [
		{
			name: TRIGGER,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path: BARE.path, responseMode: 'onReceived', options: {} },
		},
	],
});

class ReceiveBench {
	async setUp() {
		const n8nInstall = await harness.ensureN8n();
		const tarball = await harness.packPackage();
		// No retry delays: the emulator never redelivers on its own during the bench.
		this.emulator = await createEmulator({ port: 0, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(this.emulator.url);
		const workflows = [bareWorkflow, ...TRIGGERS.map((trigger) => harness.bindCredentials(trigger.workflow, credentials))];
		say(`emulator on ${this.emulator.url}; starting n8n ${n8nInstall.version} with ${workflows.length} published workflows`);
		this.n8n = await harness.startN8n({
			name: 'bench-receive',
			n8n: n8nInstall,
			tarball,
			credentials,
			workflows,
			publish: workflows.map((workflow) => workflow.id),
			// Keep every execution: the bench counts them (n8n prunes beyond 10,000 by default).
			env: {
				EXECUTIONS_DATA_PRUNE: 'false',
				// BENCH_CPU_PROF_DIR=<dir>: n8n writes a V8 CPU profile there when it stops (for a missed target).
				...(process.env.BENCH_CPU_PROF_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}` } : {}),
			},
		});
		this.pgid = this.n8n.child.pid;
		this.craftgateProduct = craftgateStore.writeProduct(this.emulator, { name: 'Bench link', price: 10, currency: 'TRY' });
	}

	/** `count` valid deliveries for `key` ('bare' or a trigger), each a distinct event; `tag` keeps runs apart. */
	valid(key, count, tag) {
		const n8n = this.n8n;
		const list = [];
		const nowSeconds = Math.floor(Date.now() / 1000);
		for (let i = 0; i < count; i++) {
			const id = `${tag}-${i}`;
			if (key === 'bare' || key === 'exotel') {
				const url = key === 'bare' ? n8n.webhookUrl(undefined, BARE.path) : n8n.triggerUrl(TRIGGERS[0].workflow.id, TRIGGER);
				list.push({ url, headers: JSON_HEADERS, body: deliveries.exotelCallbackBody(`sid-${id}`, String(5_000_000_000 + this.serial())) });
			} else if (key === 'dialog360') {
				const delivery = deliveries.dialog360Delivery(this.dialog360Secrets(), deliveries.dialog360EventBody(`wamid.${id}`, `pay_${id.replace(/-/g, '_')}`));
				list.push({ url: n8n.triggerUrl(TRIGGERS[1].workflow.id, TRIGGER), headers: delivery.headers, body: delivery.body });
			} else if (key === 'craftgate') {
				const { payment } = craftgateStore.makePayment(this.emulator, this.craftgateProduct, { outcome: 'success' });
				const delivery = deliveries.craftgateDelivery(emulatorSecrets.craftgate.webhookKey, String(payment.id), nowSeconds);
				list.push({ url: n8n.triggerUrl(TRIGGERS[2].workflow.id, TRIGGER), headers: delivery.headers, body: delivery.body });
			} else if (key === 'calypso') {
				const subscription = this.calypsoSubscription();
				const delivery = deliveries.calypsoDelivery(subscription, deliveries.calypsoEventBody(this.serial(), subscription.requestId));
				list.push({ url: subscription.url, headers: delivery.headers, body: delivery.body });
			}
		}
		return list;
	}

	/** `count` forged deliveries for a trigger: what someone without its secret can send. */
	forged(key, count) {
		const n8n = this.n8n;
		const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex');
		const list = [];
		for (let i = 0; i < count; i++) {
			if (key === 'exotel') {
				// Exotel signs nothing: the secret is the URL's webhook id, so a forger guesses one.
				const body = deliveries.exotelCallbackBody(`sid-forged-${i}`, String(7_000_000_000 + i));
				list.push({ url: `${n8n.baseUrl}/webhook/${crypto.randomUUID()}/webhook`, headers: JSON_HEADERS, body });
			} else if (key === 'dialog360') {
				const body = deliveries.dialog360EventBody(`wamid.forged-${i}`, `pay_forged_${i}`);
				const headers = { ...JSON_HEADERS, [deliveries.D360_SECRET_HEADER]: randomHex(16), [deliveries.D360_SIGNATURE_HEADER]: randomHex(32) };
				list.push({ url: n8n.triggerUrl(TRIGGERS[1].workflow.id, TRIGGER), headers, body });
			} else if (key === 'craftgate') {
				const fields = { eventType: 'API_AUTH', eventTimestamp: String(Math.floor(Date.now() / 1000)), status: 'SUCCESS', payloadId: String(900000 + i) };
				const headers = { ...JSON_HEADERS, 'x-cg-signature-v1': crypto.randomBytes(32).toString('base64') };
				list.push({ url: n8n.triggerUrl(TRIGGERS[2].workflow.id, TRIGGER), headers, body: JSON.stringify(fields) });
			} else if (key === 'calypso') {
				const subscription = this.calypsoSubscription();
				const body = deliveries.calypsoEventBody(8_000_000 + i, subscription.requestId);
				list.push({ url: subscription.url, headers: { ...JSON_HEADERS, key: subscription.publicKey, sign: randomHex(64) }, body });
			}
		}
		return list;
	}

	serial() {
		this.counter = (this.counter ?? 1_000_000) + 1;
		return this.counter;
	}

	dialog360Secrets() {
		const webhook = this.emulator.state.dialog360.webhook;
		const header = Object.entries(webhook.headers ?? {}).find(([name]) => name.toLowerCase() === deliveries.D360_SECRET_HEADER)?.[1];
		if (!header) throw new Error('the 360dialog Trigger did not register its secret header with the emulator');
		return { header, partner: emulatorSecrets.dialog360.partnerWebhookSecret };
	}

	calypsoSubscription() {
		const [subscription] = Object.values(this.emulator.state.calypso.subscriptions);
		if (!subscription) throw new Error('the Calypso Pay Trigger did not subscribe with the emulator');
		return subscription;
	}

	/** Waits until `count` executions have ended, reading only their rows (no run data: cheap to poll). */
	async waitForStored(workflowId, count, timeoutMs = 15 * 60_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ended = this.n8n.executions(workflowId, { includeData: false }).filter((execution) => TERMINAL.has(execution.status)).length;
			if (ended >= count) return;
			if (Date.now() > deadline) throw new Error(`only ${ended} of ${count} executions of ${workflowId} ended within ${timeoutMs / 1000} s`);
			await sleep(500);
		}
	}

	executionCount(workflowId) {
		return this.n8n.executions(workflowId, { includeData: false }).length;
	}

	/**
	 * Sends `list` and, for valid deliveries, waits until their executions are stored; returns the
	 * HTTP answers, the executions the phase stored, when the last one stopped and n8n's CPU time.
	 */
	async phase(workflowId, list, { valid }) {
		const before = this.executionCount(workflowId);
		const cpuBefore = groupCpuMs(this.pgid);
		const sent = await deliverAll(list, { concurrency: CONCURRENCY });
		if (valid) await this.waitForStored(workflowId, before + list.length);
		// Anything still to come (a doubled execution) would show up by now.
		await sleep(3000);
		const cpuMs = groupCpuMs(this.pgid) - cpuBefore;
		const executions = this.n8n.executions(workflowId).slice(before);
		const lastStoppedAt = executions.reduce((latest, execution) => Math.max(latest, parseDbTime(execution.stoppedAt)), sent.lastAnsweredAt);
		return { sent, executions, lastStoppedAt, cpuMs };
	}

	/** Every valid delivery accounted for: one successful execution each, none doubled, none missing. */
	accounting(key, list, executions) {
		const expectedIds = new Set(list.map((delivery) => (key === 'bare' ? JSON.parse(delivery.body).whatsapp.messages[0].sid : null)));
		const ids = executions.map((execution) => {
			const [item] = harness.nodeOutput(execution, TRIGGER) ?? [];
			return key === 'bare' ? item?.body?.whatsapp?.messages?.[0]?.sid : item?.eventId;
		});
		const distinct = new Set(ids.filter(Boolean));
		const succeeded = executions.filter((execution) => execution.status === 'success').length;
		const missingBare = key === 'bare' ? [...expectedIds].filter((id) => !distinct.has(id)).length : undefined;
		return {
			stored: executions.length,
			succeeded,
			distinctEvents: distinct.size,
			doubled: executions.length - distinct.size,
			missing: key === 'bare' ? missingBare : Math.max(0, list.length - distinct.size),
		};
	}

	async measureValid(key, workflowId, tag) {
		const list = this.valid(key, COUNT, tag);
		const { sent, executions, lastStoppedAt, cpuMs } = await this.phase(workflowId, list, { valid: true });
		const accounted = this.accounting(key, list, executions);
		const seconds = (lastStoppedAt - sent.firstSentAt) / 1000;
		const result = {
			key,
			deliveries: list.length,
			statuses: sent.statuses,
			failures: sent.failures,
			answeredPerSecond: list.length / (sent.wallMs / 1000),
			storedPerSecond: list.length / seconds,
			secondsUntilAllStored: seconds,
			cpuMsPerDelivery: cpuMs / list.length,
			...accounted,
		};
		say(`${key} valid: ${JSON.stringify(result)}`);
		return result;
	}

	async measureForged(key, workflowId) {
		const list = this.forged(key, COUNT);
		const { sent, executions, cpuMs } = await this.phase(workflowId, list, { valid: false });
		const result = {
			key,
			deliveries: list.length,
			statuses: sent.statuses,
			answeredPerSecond: list.length / (sent.wallMs / 1000),
			cpuMsPerDelivery: cpuMs / list.length,
			executionsStored: executions.length,
		};
		say(`${key} forged: ${JSON.stringify(result)}`);
		return result;
	}

	async measure() {
		say('letting n8n settle after its start, then warming up every workflow');
		await sleep(5000);
		for (const key of ['bare', ...MEASURED.map((trigger) => trigger.key)]) {
			const workflowId = key === 'bare' ? BARE.id : TRIGGERS.find((trigger) => trigger.key === key).workflow.id;
			await this.phase(workflowId, this.valid(key, WARMUP, `warm-${key}`), { valid: true });
		}
		// The bare node first and last, so the triggers are compared with its mean over the session.
		const valid = { bare: [await this.measureValid('bare', BARE.id, 'bare-1')] };
		for (const trigger of MEASURED) valid[trigger.key] = await this.measureValid(trigger.key, trigger.workflow.id, `run-${trigger.key}`);
		valid.bare.push(await this.measureValid('bare', BARE.id, 'bare-2'));
		const forged = {};
		for (const trigger of MEASURED) forged[trigger.key] = await this.measureForged(trigger.key, trigger.workflow.id);
		return { valid, forged };
	}

	async tearDown() {
		await this.n8n?.stop();
		await this.emulator?.close();
	}
}

function report({ valid, forged }) {
	const bareRate = (valid.bare[0].storedPerSecond + valid.bare[1].storedPerSecond) / 2;
	const bareCpu = (valid.bare[0].cpuMsPerDelivery + valid.bare[1].cpuMsPerDelivery) / 2;
	const rows = MEASURED.map((trigger) => {
		const v = valid[trigger.key];
		const f = forged[trigger.key];
		const accounted = v.stored === COUNT && v.succeeded === COUNT && v.doubled === 0 && v.missing === 0;
		return {
			trigger,
			v,
			f,
			rateRatio: ratio(v.storedPerSecond, bareRate),
			accounted,
			forgedCheaper: f.cpuMsPerDelivery < v.cpuMsPerDelivery && f.executionsStored === 0,
		};
	});
	const header = [
		'workflow',
		`valid: stored / ${COUNT}`,
		'doubled',
		'valid deliveries/s (until all stored)',
		'vs bare',
		'n8n CPU ms / valid delivery',
		'forged: answers',
		'forged: executions stored',
		'forged deliveries/s',
		'n8n CPU ms / forged delivery',
	];
	const bareCells = (label, v) => [label, String(v.stored), String(v.doubled), fixed(v.storedPerSecond, 1), '1 (reference)', fixed(v.cpuMsPerDelivery, 2), '–', '–', '–', '–'];
	const table = markdownTable(header, [
		bareCells(`${BARE.label}, first`, valid.bare[0]),
		bareCells(`${BARE.label}, last`, valid.bare[1]),
		...rows.map((row) => [
			row.trigger.label,
			String(row.v.stored),
			String(row.v.doubled),
			fixed(row.v.storedPerSecond, 1),
			`**${fixed(row.rateRatio, 2)}**`,
			fixed(row.v.cpuMsPerDelivery, 2),
			Object.entries(row.f.statuses).map(([status, count]) => `${count} × ${status}`).join(', '),
			String(row.f.executionsStored),
			fixed(row.f.answeredPerSecond, 1),
			fixed(row.f.cpuMsPerDelivery, 2),
		]),
	]);
	const targets = {
		everyDeliveryAccounted: rows.every((row) => row.accounted) && valid.bare.every((v) => v.stored === COUNT && v.doubled === 0 && v.missing === 0),
		atLeast09OfBare: Object.fromEntries(rows.map((row) => [row.trigger.key, row.rateRatio >= 0.9])),
		forgedCheaperAndNotStored: Object.fromEntries(rows.map((row) => [row.trigger.key, row.forgedCheaper])),
	};
	return { table, targets, bareRate, bareCpu, ratios: Object.fromEntries(rows.map((row) => [row.trigger.key, row.rateRatio])) };
}

async function main() {
	const bench = new ReceiveBench();
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
		const measured = await bench.measure();
		const { table, targets, ratios } = report(measured);
		const results = {
			benchmark: 'webhooks-receive',
			deliveries: COUNT,
			concurrency: CONCURRENCY,
			triggerVersion: TRIGGER_VERSION,
			finishedAt: new Date().toISOString(),
			durationS: Math.round((Date.now() - began) / 1000),
			machine: machine(bench.n8n.n8n.version),
			loadAverage: { before: loadBefore, after: os.loadavg().map((load) => Number(load.toFixed(2))) },
			expressionEngine:
				(process.env.N8N_EXPRESSION_ENGINE || 'vm (n8n 2.41 default)') +
				(process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE === 'true' ? ', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' : ''),
			ratios,
			targets,
			measured,
		};
		// A diagnosis run (another expression engine, a profiled n8n) keeps the latest result apart.
		const variant = [
			process.env.N8N_EXPRESSION_ENGINE,
			process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE === 'true' ? 'lazy-acquire' : '',
			TRIGGER_VERSION === 1.1 ? '' : `v${TRIGGER_VERSION}`,
			process.env.BENCH_CPU_PROF_DIR ? 'profiled' : '',
		]
			.filter(Boolean)
			.join('-');
		const file = writeResults(RESULTS_DIR, variant ? `webhooks-receive-${variant}` : 'webhooks-receive', results);
		console.log(`\n## Receiving: ${COUNT} valid signed payment webhooks per trigger (node version ${TRIGGER_VERSION}), ${CONCURRENCY} in flight, then ${COUNT} forged\n`);
		console.log(`${table}\n`);
		console.log(
			`Targets: every valid delivery stored once, none doubled: ${targets.everyDeliveryAccounted ? 'met' : 'MISSED'}; ` +
				`≥ 0.9 × the bare node's deliveries/s: ${Object.entries(targets.atLeast09OfBare).map(([key, met]) => `${key} ${met ? 'met' : 'MISSED'} (${ratios[key].toFixed(2)})`).join(', ')}; ` +
				`forged cheaper than valid and stored as no execution: ${Object.entries(targets.forgedCheaperAndNotStored).map(([key, met]) => `${key} ${met ? 'met' : 'MISSED'}`).join(', ')}.`,
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
