'use strict';
// Long-running processes the queue harness starts (Redis, Postgres, five n8n processes), recorded
// in .queue/pids/ like the e2e harness records its own: one file per process with its start time
// (a recycled pid is never taken for ours) and the run that started it. Whatever a dead run left
// behind is stopped by the next one.
const fs = require('node:fs');
const path = require('node:path');
const { isSameProcess, processIdentity, killGroup, sleep } = require('../../e2e/harness/proc');
const { pidsDir } = require('./paths');

function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

const self = processIdentity();

let exitHook = false;

/** Last line of defence: groups this process started die with it, even without stop(). */
function killOwnOnExit() {
	if (exitHook) return;
	exitHook = true;
	process.once('exit', () => {
		for (const entry of entries()) {
			if (entry.owner?.pid === self.pid && entry.owner?.start === self.start && isSameProcess(entry.pid, entry.start)) killGroup(entry.pid, 'SIGKILL');
		}
	});
}

/** Records a process group (spawned `detached`) we must stop; `label` is for messages. */
function register(pid, label) {
	killOwnOnExit();
	fs.mkdirSync(pidsDir, { recursive: true });
	fs.writeFileSync(path.join(pidsDir, String(pid)), JSON.stringify({ start: startTime(pid), owner: self, label }));
}

function unregister(pid) {
	fs.rmSync(path.join(pidsDir, String(pid)), { force: true });
}

function entries() {
	let names = [];
	try {
		names = fs.readdirSync(pidsDir);
	} catch {
		return [];
	}
	return names.map((name) => {
		try {
			return { pid: Number(name), ...JSON.parse(fs.readFileSync(path.join(pidsDir, name), 'utf8')) };
		} catch {
			return { pid: Number(name) };
		}
	});
}

function ownerGoneOrSelf(owner) {
	if (!owner) return true;
	if (owner.pid === self.pid && owner.start === self.start) return true;
	return !isSameProcess(owner.pid, owner.start);
}

/**
 * Stops recorded groups still alive whose run is this one or gone (SIGTERM, then SIGKILL after
 * 10 s) and forgets dead entries. Returns the labels of the groups it had to stop.
 */
async function stopRegistered() {
	const all = entries();
	const live = all.filter((entry) => isSameProcess(entry.pid, entry.start));
	const victims = live.filter((entry) => ownerGoneOrSelf(entry.owner));
	for (const entry of victims) killGroup(entry.pid, 'SIGTERM');
	const deadline = Date.now() + 10_000;
	while (victims.some((entry) => isSameProcess(entry.pid, entry.start)) && Date.now() < deadline) await sleep(200);
	for (const entry of victims) if (isSameProcess(entry.pid, entry.start)) killGroup(entry.pid, 'SIGKILL');
	const keep = new Set(live.filter((entry) => !victims.includes(entry)).map((entry) => entry.pid));
	for (const entry of all) if (!keep.has(entry.pid)) unregister(entry.pid);
	return victims.map((entry) => entry.label ?? String(entry.pid));
}

module.exports = { register, unregister, stopRegistered, self };
