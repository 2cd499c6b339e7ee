'use strict';
// Medians, Markdown tables, the machine description and the results files of every benchmark.
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

/** Medians of every measured field over the timed runs of one workflow (sending benchmark). */
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

function machineLine(m) {
	return `Machine: ${m.os}, nproc ${m.cpus} (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}${m.n8n ? `, n8n ${m.n8n}` : ''}.`;
}

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);

/** A Markdown table: `header` cells, then rows of cells; the first column is left-aligned. */
function markdownTable(header, rows) {
	const line = (cells) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** The sending table: one row per workflow, then each node workflow's ratios to the baseline. */
function sendingTable({ rows, baseline, items }) {
	const header = ['workflow', `HTTP calls (${items} requests)`, 'wall time, median (ms)', 'n8n execution time, median (ms)', 'n8n RSS peak (MB)', 'RSS peak over idle (MB)'];
	const cells = (label, s) => [label, fixed(s.httpCalls), fixed(s.wallMs), fixed(s.n8nMs), fixed(s.rssPeakMb), fixed(s.rssGrowthMb)];
	const ratios = (label, s) => [
		`**${label} / baseline**`,
		fixed(ratio(s.httpCalls, baseline.summary.httpCalls), 3),
		fixed(ratio(s.wallMs, baseline.summary.wallMs), 3),
		fixed(ratio(s.n8nMs, baseline.summary.n8nMs), 3),
		fixed(ratio(s.rssPeakMb, baseline.summary.rssPeakMb), 3),
		fixed(ratio(s.rssGrowthMb, baseline.summary.rssGrowthMb), 3),
	];
	const nodes = rows.filter((row) => row !== baseline);
	return markdownTable(header, [
		...rows.map((row) => cells(row.label, row.summary)),
		...nodes.map((row) => ratios(row.short, row.summary)),
	]);
}

function writeResults(dir, name, results) {
	fs.mkdirSync(dir, { recursive: true });
	const stamp = results.finishedAt.replace(/[:.]/g, '-');
	const file = path.join(dir, `${name}-${stamp}.json`);
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	fs.writeFileSync(path.join(dir, `${name}-latest.json`), `${JSON.stringify(results, null, 2)}\n`);
	return file;
}

module.exports = { median, summarize, machine, machineLine, fixed, ratio, markdownTable, sendingTable, writeResults, MB };
