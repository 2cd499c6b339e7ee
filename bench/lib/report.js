'use strict';
// Medians, the Markdown results table, the machine description and the results file.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MB = 1024 * 1024;

function median(values) {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians of every measured field over the timed runs of one workflow. */
function summarize(runs) {
	const of = (key) => median(runs.map((run) => run[key]));
	return {
		runs: runs.length,
		httpCalls: of('httpCalls'),
		wallMs: of('wallMs'),
		n8nMs: of('n8nMs'),
		rssPeakMb: of('rssPeakBytes') / MB,
		rssGrowthMb: of('rssGrowthBytes') / MB,
		hwmPeakMb: of('hwmPeakBytes') / MB,
	};
}

function machine(n8nVersion) {
	const cpus = os.cpus();
	return {
		os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
		cpus: cpus.length,
		cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		node: process.version,
		n8n: n8nVersion,
	};
}

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);

function table({ node, baseline, items }) {
	const rows = [
		['workflow', `HTTP calls (${items} requests)`, 'wall time, median (ms)', 'n8n execution time, median (ms)', 'n8n RSS peak (MB)', 'RSS peak over idle (MB)'],
		['Exotel WhatsApp Payment node', fixed(node.httpCalls), fixed(node.wallMs), fixed(node.n8nMs), fixed(node.rssPeakMb), fixed(node.rssGrowthMb)],
		['Code + HTTP Request (baseline)', fixed(baseline.httpCalls), fixed(baseline.wallMs), fixed(baseline.n8nMs), fixed(baseline.rssPeakMb), fixed(baseline.rssGrowthMb)],
		[
			'**node / baseline**',
			fixed(ratio(node.httpCalls, baseline.httpCalls), 3),
			fixed(ratio(node.wallMs, baseline.wallMs), 3),
			fixed(ratio(node.n8nMs, baseline.n8nMs), 3),
			fixed(ratio(node.rssPeakMb, baseline.rssPeakMb), 3),
			fixed(ratio(node.rssGrowthMb, baseline.rssGrowthMb), 3),
		],
	];
	const line = (cells) => `| ${cells.join(' | ')} |`;
	return [line(rows[0]), line(rows[0].map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

function targets({ node, baseline }) {
	const wallRatio = ratio(node.wallMs, baseline.wallMs);
	return {
		callsAtMost10: node.httpCalls <= 10,
		wallAtMostOneFifth: wallRatio <= 0.2,
		wallRatio,
	};
}

function writeResults(dir, results) {
	fs.mkdirSync(dir, { recursive: true });
	const stamp = results.finishedAt.replace(/[:.]/g, '-');
	const file = path.join(dir, `exotel-bulk-${stamp}.json`);
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	fs.writeFileSync(path.join(dir, 'exotel-bulk-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
	return file;
}

module.exports = { median, summarize, machine, table, targets, writeResults, MB };
