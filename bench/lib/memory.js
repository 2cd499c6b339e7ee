'use strict';
// Memory of a process group (n8n and its task runner share one: the harness starts n8n
// detached). A worker thread samples the summed VmRSS every `intervalMs`, so a busy main
// thread (the emulator answers n8n there) does not delay the samples. Around a run, the
// kernel's own per-process peak (VmHWM, reset through /proc/<pid>/clear_refs) is read too.
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');

function groupPids(pgid) {
	const pids = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			// Fields after "(comm)": state ppid pgrp ...
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) pids.push(Number(name));
		} catch {
			// the process ended while we looked
		}
	}
	return pids;
}

/** { rss, hwm } in bytes from /proc/<pid>/status, or undefined when the process is gone. */
function statusOf(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return undefined;
	}
}

function groupRss(pgid) {
	return groupPids(pgid).reduce((sum, pid) => sum + (statusOf(pid)?.rss ?? 0), 0);
}

/** Resets the kernel's peak-RSS mark of every process in the group (false if not allowed). */
function resetPeaks(pgid) {
	let ok = true;
	for (const pid of groupPids(pgid)) {
		try {
			fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		} catch {
			ok = false;
		}
	}
	return ok;
}

/** Sum over the group of each process's VmHWM since resetPeaks (an upper bound of the group's peak). */
function groupPeak(pgid) {
	return groupPids(pgid).reduce((sum, pid) => sum + (statusOf(pid)?.hwm ?? 0), 0);
}

const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { groupPids, statusOf } = require(workerData.self);
let pids = groupPids(workerData.pgid);
let peak = 0, samples = 0, tick = 0;
const timer = setInterval(() => {
  if (++tick % 20 === 0) pids = groupPids(workerData.pgid); // the runner may come and go
  let sum = 0;
  for (const pid of pids) sum += statusOf(pid)?.rss ?? 0;
  samples++;
  if (sum > peak) peak = sum;
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  parentPort.postMessage({ peak, samples });
});
`;

/** Starts sampling; `stop()` resolves { peakBytes, samples }. */
function sampleGroupRss(pgid, { intervalMs = 50 } = {}) {
	const worker = new Worker(SAMPLER, { eval: true, workerData: { pgid, intervalMs, self: __filename } });
	const ready = new Promise((resolve) => worker.once('online', resolve));
	return {
		ready,
		async stop() {
			const result = new Promise((resolve, reject) => {
				worker.once('message', resolve);
				worker.once('error', reject);
			});
			worker.postMessage('stop');
			const { peak, samples } = await result;
			await worker.terminate();
			return { peakBytes: peak, samples };
		},
	};
}

module.exports = { groupPids, statusOf, groupRss, resetPeaks, groupPeak, sampleGroupRss };
