'use strict';
// The node's own work (issue #13): (1) building and validating one WhatsApp order of 1,000 items,
// in this process, many repetitions, median; (2) how long n8n takes to start with the package
// installed and without it, several alternating starts, median; (3) the size of dist/.
// Run with `npm run bench:own-work` (builds first) or `npm run bench`. See bench/README.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { groupCpuMs } = require('./lib/cpu');
const { fixed, machine, machineLine, markdownTable, median, writeResults } = require('./lib/report');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const RESULTS_DIR = path.join(__dirname, 'results');
const LINES = Number(process.env.BENCH_ORDER_LINES || 1000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS || 200);
const STARTS = Number(process.env.BENCH_STARTS || 5);
const READY_LINE = 'Editor is now accessible via';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (message) => process.stderr.write(`[bench:own-work] ${message}\n`);

// ---------------------------------------------------------------- 1. one order of 1,000 items

function orderWork() {
	const whatsapp = require(path.join(DIST, 'nodes/shared/whatsapp'));
	const { orderFromInputItem } = require(path.join(DIST, 'nodes/shared/whatsapp/nodeFields'));
	const now = new Date();
	const payment = { style: 'payment_type', paymentType: 'payment_gateway:razorpay', configurationName: 'bench-razorpay' };
	const settings = { goodsType: 'digital-goods', bodyText: 'Tap Review and Pay', shipped: false };
	const lines = Array.from({ length: LINES }, (_, i) => ({ retailer_id: `SKU-${i}`, name: `Product ${i}`, amount: `${(i % 50) + 1}.50`, quantity: (i % 3) + 1 }));
	const builderInput = {
		...settings,
		referenceId: 'BENCH-ORDER-1',
		payment,
		catalogId: 'bench-catalog',
		items: lines.map((line) => ({ retailerId: line.retailer_id, name: line.name, amount: line.amount, quantity: line.quantity })),
		tax: { amount: '10.00' },
	};
	const itemSource = { referenceId: 'BENCH-ORDER-1', order: { catalog_id: 'bench-catalog', items: lines, tax: '10.00' }, fields: { referenceId: 'referenceId', order: 'order' } };
	const built = whatsapp.buildOrderDetails(builderInput, { now });
	const wire = JSON.parse(JSON.stringify(built));
	const cases = [
		{ key: 'fields', label: 'Define Below (the fields, via buildOrderDetails)', run: () => whatsapp.buildOrderDetails(builderInput, { now }) },
		{ key: 'items', label: 'Take From Input Items (orderFromInputItem)', run: () => orderFromInputItem(itemSource, settings, payment, now) },
		{ key: 'json', label: 'Order Input: JSON (validateOrderDetails of the wire object)', run: () => whatsapp.validateOrderDetails(wire, { now }) },
	];
	const results = {};
	for (const entry of cases) {
		const check = entry.run();
		if (check.action.parameters.order.items.length !== LINES) throw new Error(`${entry.key}: the order has ${check.action.parameters.order.items.length} lines`);
		for (let i = 0; i < 20; i++) entry.run(); // warm-up: JIT, zod's caches
		const times = [];
		for (let i = 0; i < REPETITIONS; i++) {
			const started = performance.now();
			entry.run();
			times.push(performance.now() - started);
		}
		times.sort((a, b) => a - b);
		results[entry.key] = { label: entry.label, medianMs: median(times), p90Ms: times[Math.floor(times.length * 0.9)], minMs: times[0], repetitions: REPETITIONS };
		say(`${entry.key}: median ${results[entry.key].medianMs.toFixed(2)} ms, p90 ${results[entry.key].p90Ms.toFixed(2)} ms`);
	}
	return results;
}

// ---------------------------------------------------------------- 2. n8n's start

function readFrom(file, offset) {
	try {
		return fs.readFileSync(file).subarray(offset).toString('utf8');
	} catch {
		return '';
	}
}

/**
 * One start of `instance`, timed from the moment the harness spawns n8n (the marker it writes
 * into n8n.log just before) to n8n logging that its editor is accessible, polled every 20 ms.
 */
async function timedStart(instance) {
	const offset = fs.existsSync(instance.logFile) ? fs.statSync(instance.logFile).size : 0;
	let readyAt;
	let cpuMs;
	let done = false;
	const watcher = (async () => {
		while (!done) {
			if (readFrom(instance.logFile, offset).includes(READY_LINE)) {
				readyAt = Date.now();
				cpuMs = instance.child ? groupCpuMs(instance.child.pid) : NaN;
				return;
			}
			await sleep(20);
		}
	})();
	try {
		await instance.start();
	} finally {
		done = readyAt !== undefined;
		await Promise.race([watcher, sleep(2000)]);
		done = true;
	}
	const marker = /=== n8n start on \S+ at (\S+) ===/.exec(readFrom(instance.logFile, offset));
	if (!marker || readyAt === undefined) throw new Error('could not time the start (no start marker or ready line in n8n.log)');
	const ms = readyAt - Date.parse(marker[1]);
	await instance.stop();
	return { ms, cpuMs };
}

async function startTimes() {
	const harness = require('../test/e2e/harness');
	const n8nInstall = await harness.ensureN8n();
	const tarball = await harness.packPackage();
	const withPackage = await harness.startN8n({ name: 'bench-start-with', n8n: n8nInstall, tarball, start: false });
	const without = await harness.startN8n({ name: 'bench-start-without', n8n: n8nInstall, tarball: false, start: false });
	const times = { with: [], without: [] };
	const cpu = { with: [], without: [] };
	try {
		// One start each first (caches, the database's first migration), not counted.
		for (const instance of [withPackage, without]) await timedStart(instance);
		for (let round = 0; round < STARTS; round++) {
			const order = round % 2 ? [['without', without], ['with', withPackage]] : [['with', withPackage], ['without', without]];
			for (const [key, instance] of order) {
				const { ms, cpuMs } = await timedStart(instance);
				times[key].push(ms);
				cpu[key].push(cpuMs);
				say(`start ${round + 1}/${STARTS} ${key} the package: ${ms} ms (n8n CPU ${cpuMs} ms)`);
			}
		}
	} finally {
		await withPackage.stop();
		await without.stop();
	}
	const packaged = fs.statSync(tarball).size;
	return {
		withMs: median(times.with),
		withoutMs: median(times.without),
		addedMs: median(times.with) - median(times.without),
		withCpuMs: median(cpu.with),
		withoutCpuMs: median(cpu.without),
		addedCpuMs: median(cpu.with) - median(cpu.without),
		runs: times,
		cpuRuns: cpu,
		n8n: n8nInstall.version,
		tarballBytes: packaged,
	};
}

/**
 * What loading the package costs by itself: a fresh Node process loads n8n-workflow (which n8n
 * has loaded anyway), then every node and credential of package.json's `n8n` list and builds each
 * class, as n8n does at its start. Median over `runs` processes.
 */
function packageLoad(runs = 7) {
	const { execFileSync } = require('node:child_process');
	const script = `
		require('n8n-workflow');
		const { performance } = require('node:perf_hooks');
		const started = performance.now();
		const pkg = require('./package.json');
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const exported = require('./' + file);
			for (const name of Object.keys(exported)) new exported[name]();
		}
		process.stdout.write(String(performance.now() - started));`;
	const times = [];
	for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
	return { medianMs: median(times), runs: times.map((ms) => Math.round(ms)) };
}

// ---------------------------------------------------------------- 3. dist

function distSize() {
	const sizes = { js: 0, declarations: 0, sourceMaps: 0, other: 0, files: 0 };
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(file);
				continue;
			}
			const bytes = fs.statSync(file).size;
			sizes.files += 1;
			if (entry.name.endsWith('.d.ts')) sizes.declarations += bytes;
			else if (entry.name.endsWith('.js.map')) sizes.sourceMaps += bytes;
			else if (entry.name.endsWith('.js')) sizes.js += bytes;
			else sizes.other += bytes;
		}
	};
	walk(DIST);
	sizes.total = sizes.js + sizes.declarations + sizes.sourceMaps + sizes.other;
	return sizes;
}

// ---------------------------------------------------------------- report

async function main() {
	const began = Date.now();
	const loadBefore = os.loadavg().map((load) => Number(load.toFixed(2)));
	if (!fs.existsSync(DIST)) throw new Error('dist/ is missing: run npm run build first');
	const order = orderWork();
	const dist = distSize();
	const load = packageLoad();
	say(`package load: median ${load.medianMs.toFixed(0)} ms (${load.runs.join(', ')})`);
	const start = process.env.BENCH_SKIP_STARTS ? undefined : await startTimes();
	const KB = 1024;
	const targets = {
		orderAtMost5ms: Object.fromEntries(Object.entries(order).map(([key, value]) => [key, value.medianMs <= 5])),
		startAddsAtMost100ms: start ? start.addedMs <= 100 : undefined,
		distAtMost500KB: dist.total <= 500 * KB,
	};
	const results = {
		benchmark: 'own-work',
		finishedAt: new Date().toISOString(),
		durationS: Math.round((Date.now() - began) / 1000),
		machine: machine(start?.n8n),
		loadAverage: { before: loadBefore, after: os.loadavg().map((load) => Number(load.toFixed(2))) },
		order,
		start,
		packageLoad: load,
		dist,
		targets,
	};
	const file = writeResults(RESULTS_DIR, 'own-work', results);
	const met = (value) => (value === undefined ? 'not measured' : value ? 'met' : 'MISSED');
	console.log(`\n## The node's own work\n`);
	const rows = Object.values(order).map((entry) => [
		`one order of ${LINES} items: ${entry.label}`,
		`${fixed(entry.medianMs, 2)} ms (p90 ${fixed(entry.p90Ms, 2)} ms, ${entry.repetitions} runs)`,
		'≤ 5 ms',
		met(entry.medianMs <= 5),
	]);
	if (start) {
		rows.push([
			`n8n start, with / without the package (median of ${STARTS} alternating starts each)`,
			`${fixed(start.withMs)} / ${fixed(start.withoutMs)} ms: **${start.addedMs >= 0 ? '+' : ''}${fixed(start.addedMs)} ms** ` +
				`(n8n's CPU time until ready: ${fixed(start.withCpuMs)} / ${fixed(start.withoutCpuMs)} ms, ${start.addedCpuMs >= 0 ? '+' : ''}${fixed(start.addedCpuMs)} ms)`,
			'≤ 100 ms added',
			met(targets.startAddsAtMost100ms),
		]);
	}
	rows.push([
		'loading the package in a fresh Node process (every node and credential, as n8n does at its start)',
		`${fixed(load.medianMs)} ms (median of ${load.runs.length}: ${load.runs.join(', ')} ms)`,
		'(part of the start)',
		'',
	]);
	rows.push([
		`size of dist/ (${dist.files} files)`,
		`${fixed(dist.total / KB)} KB: .js ${fixed(dist.js / KB)} KB, .d.ts ${fixed(dist.declarations / KB)} KB, .js.map ${fixed(dist.sourceMaps / KB)} KB, icons and codex ${fixed(dist.other / KB)} KB` +
			(start ? `; npm pack tarball ${fixed(start.tarballBytes / KB)} KB` : ''),
		'≤ 500 KB',
		met(targets.distAtMost500KB),
	]);
	console.log(markdownTable(['what', 'measured', 'target', ''], rows));
	console.log(`\n${machineLine(results.machine)} Date: ${results.finishedAt.slice(0, 10)}. KB = 1,024 bytes.`);
	console.log(`Load average (1, 5, 15 min) before: ${results.loadAverage.before.join(', ')}; after: ${results.loadAverage.after.join(', ')}.`);
	console.log(`Results: ${path.relative(process.cwd(), file)} (took ${results.durationS} s)`);
}

main().catch((error) => {
	process.exitCode = 1;
	say(`failed: ${error.stack ?? error.message}`);
});
