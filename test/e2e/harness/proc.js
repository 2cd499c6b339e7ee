'use strict';
// Small process helpers: run a command to completion with a log and a timeout, kill whole
// process groups, and keep a pid registry so a crashed test run leaves nothing behind.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pidsDir } = require('./paths');

function log(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

function tail(file, lines = 60) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Runs a command to completion. Output goes to `logFile` (appended); resolves with
 * { code, stdout } or rejects with an error carrying the log tail.
 */
function run(cmd, args, { cwd, env, logFile, timeoutMs = 10 * 60_000, captureStdout = false, heartbeat } = {}) {
	return new Promise((resolve, reject) => {
		const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
		if (logFile) fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
		const child = spawn(cmd, args, {
			cwd,
			env,
			detached: true,
			stdio: ['ignore', captureStdout ? 'pipe' : out, out],
		});
		registerPid(child.pid);
		let stdout = '';
		if (captureStdout) child.stdout.on('data', (chunk) => (stdout += chunk));
		const started = Date.now();
		const beat = heartbeat
			? setInterval(() => log(`${heartbeat} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000)
			: undefined;
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		const finish = () => {
			clearTimeout(timer);
			if (beat) clearInterval(beat);
			unregisterPid(child.pid);
			if (logFile) fs.closeSync(out);
		};
		child.on('error', (error) => {
			finish();
			reject(error);
		});
		child.on('close', (code, signal) => {
			finish();
			if (code === 0) return resolve({ code, stdout });
			const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
			const error = new Error(
				`${cmd} ${args.join(' ')} ${why}` + (logFile ? `\n--- ${logFile} (tail) ---\n${tail(logFile)}` : ''),
			);
			error.code = code;
			error.stdout = stdout;
			reject(error);
		});
	});
}

function killGroup(pid, signal = 'SIGTERM') {
	if (!pid) return false;
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

// Pid registry: one JSON file per live process group we started, holding its start time (so a
// recycled pid is never mistaken for ours) and the process that started it. Several runs may
// share the checkout (a demo, a colleague's test run): cleanup only touches groups whose owner
// is gone, or, in the owner itself, its own.
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

/** Whether `pid` is the same process that had start time `start`. */
function isSameProcess(pid, start) {
	return Number.isInteger(pid) && pid > 1 && Boolean(start) && isAlive(pid) && startTime(pid) === start;
}

const self = { pid: process.pid, start: startTime(process.pid) };

function processIdentity() {
	return { ...self };
}

function readEntry(dir, name) {
	try {
		return { pid: Number(name), ...JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) };
	} catch {
		return { pid: Number(name) };
	}
}

/** Whether this process (or a dead one) owns a process. */
function isOwnerGoneOrSelf(owner) {
	if (!owner) return true;
	if (owner.pid === self.pid && owner.start === self.start) return true;
	return !isSameProcess(owner.pid, owner.start);
}

/**
 * A pid registry in folder `dir` (the e2e harness's, the queue harness's). `register(pid, label)`
 * records a process group spawned `detached`; `stopRegistered()` stops the live groups whose owner
 * is this process or gone (SIGTERM, SIGKILL after `graceMs`), forgets dead entries and returns the
 * labels of the groups it stopped. With `killOnExit`, groups this process registered die with it.
 */
function pidRegistry(dir, { graceMs = 3000, killOnExit = false } = {}) {
	const entries = () => {
		try {
			return fs.readdirSync(dir).map((name) => readEntry(dir, name));
		} catch {
			return [];
		}
	};
	const unregister = (pid) => {
		if (pid) fs.rmSync(path.join(dir, String(pid)), { force: true });
	};
	let exitHook = false;
	const register = (pid, label) => {
		if (!pid) return;
		if (killOnExit && !exitHook) {
			exitHook = true;
			process.once('exit', () => {
				for (const entry of entries()) {
					const own = entry.owner?.pid === self.pid && entry.owner?.start === self.start;
					if (own && isSameProcess(entry.pid, entry.start)) killGroup(entry.pid, 'SIGKILL');
				}
			});
		}
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, String(pid)), JSON.stringify({ start: startTime(pid), owner: self, label }));
	};
	const stopRegistered = async () => {
		const all = entries();
		const live = all.filter((entry) => isSameProcess(entry.pid, entry.start));
		const victims = live.filter((entry) => isOwnerGoneOrSelf(entry.owner));
		for (const entry of victims) killGroup(entry.pid, 'SIGTERM');
		const deadline = Date.now() + graceMs;
		while (victims.some((entry) => isSameProcess(entry.pid, entry.start)) && Date.now() < deadline) await sleep(200);
		for (const entry of victims) if (isSameProcess(entry.pid, entry.start)) killGroup(entry.pid, 'SIGKILL');
		const keep = new Set(live.filter((entry) => !victims.includes(entry)).map((entry) => entry.pid));
		for (const entry of all) if (!keep.has(entry.pid)) unregister(entry.pid);
		return victims.map((entry) => entry.label ?? String(entry.pid));
	};
	return { register, unregister, stopRegistered };
}

const registry = pidRegistry(pidsDir);
const registerPid = (pid) => registry.register(pid);
const unregisterPid = registry.unregister;

/**
 * Kills registered process groups that are still alive and whose owner is this process or no
 * longer running; forgets entries of dead processes. Returns how many groups it killed.
 */
async function killRegistered() {
	return (await registry.stopRegistered()).length;
}

/** Marks a folder as used by this process (see folderIsUnused). */
function claimFolder(dir) {
	fs.writeFileSync(path.join(dir, '.owner.json'), JSON.stringify(self));
}

/** Whether no live process claimed the folder. */
function folderIsUnused(dir) {
	try {
		const owner = JSON.parse(fs.readFileSync(path.join(dir, '.owner.json'), 'utf8'));
		return !isSameProcess(owner.pid, owner.start);
	} catch {
		return true;
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = {
	log,
	tail,
	run,
	killGroup,
	isAlive,
	registerPid,
	unregisterPid,
	killRegistered,
	claimFolder,
	isSameProcess,
	processIdentity,
	pidRegistry,
	folderIsUnused,
	sleep,
};
