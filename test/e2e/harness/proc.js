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

// Pid registry: one file per live process group we started, holding the process start time so a
// recycled pid is never mistaken for ours; globalTeardown kills leftovers.
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function registerPid(pid) {
	if (!pid) return;
	fs.mkdirSync(pidsDir, { recursive: true });
	fs.writeFileSync(path.join(pidsDir, String(pid)), startTime(pid) ?? '');
}

function isOurs(name) {
	const pid = Number(name);
	if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return false;
	let recorded = '';
	try {
		recorded = fs.readFileSync(path.join(pidsDir, name), 'utf8').trim();
	} catch {
		return false;
	}
	return recorded !== '' && recorded === startTime(pid);
}

function unregisterPid(pid) {
	if (!pid) return;
	fs.rmSync(path.join(pidsDir, String(pid)), { force: true });
}

async function killRegistered() {
	let names = [];
	try {
		names = fs.readdirSync(pidsDir);
	} catch {
		return 0;
	}
	const ours = names.filter(isOurs);
	for (const name of ours) killGroup(Number(name), 'SIGTERM');
	if (ours.length) {
		await sleep(3000);
		for (const name of ours) if (isOurs(name)) killGroup(Number(name), 'SIGKILL');
	}
	for (const name of names) fs.rmSync(path.join(pidsDir, name), { force: true });
	return ours.length;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { log, tail, run, killGroup, isAlive, registerPid, unregisterPid, killRegistered, sleep };
