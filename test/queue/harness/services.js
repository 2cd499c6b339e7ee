'use strict';
// Redis and PostgreSQL for the queue-mode cluster: Debian's packages (installed with apt-get when
// missing, root only), each run as a process of our own on a free 127.0.0.1 port with its data in
// the run's folder, and stopped with the run. Nothing is left listening on other addresses:
// Redis binds 127.0.0.1 only, Postgres listens on 127.0.0.1 and has no Unix socket.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const os = require('node:os');
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { run, tail, killGroup, isAlive } = require('../../e2e/harness/proc');
const { freePort, waitFor } = require('../../e2e/harness/net');
const { log, servicesInstallLog } = require('./paths');
const registry = require('./registry');

const PACKAGES = { redis: 'redis-server', postgres: 'postgresql' };

function onPath(command) {
	try {
		return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** The newest Debian PostgreSQL's bin folder (initdb and postgres live there, not on PATH). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length) return path.join(root, versions[0], 'bin');
	const initdb = onPath('initdb');
	return initdb && fs.existsSync(path.join(path.dirname(initdb), 'postgres')) ? path.dirname(initdb) : undefined;
}

function missingPackages() {
	const missing = [];
	if (!onPath('redis-server')) missing.push(PACKAGES.redis);
	if (!postgresBinDir()) missing.push(PACKAGES.postgres);
	return missing;
}

/**
 * Installs redis-server and postgresql from the Debian mirror when they are missing. Debian's
 * packages start no service where policy-rc.d forbids it (containers); either way we never use a
 * system service: every process the harness needs it starts itself, on its own port.
 */
async function ensureServices() {
	let missing = missingPackages();
	if (missing.length) {
		if (process.getuid?.() !== 0) {
			throw new Error(`missing ${missing.join(', ')}: install them (sudo apt-get install -y ${missing.join(' ')}) or run as root`);
		}
		fs.mkdirSync(path.dirname(servicesInstallLog), { recursive: true });
		log(`installing ${missing.join(', ')} with apt-get (log: ${servicesInstallLog})`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const install = () =>
			run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, logFile: servicesInstallLog, timeoutMs: 15 * 60_000 });
		try {
			await install();
		} catch {
			// A fresh machine has no package lists yet.
			await run('apt-get', ['update'], { env, logFile: servicesInstallLog, timeoutMs: 10 * 60_000 });
			await install();
		}
		missing = missingPackages();
		if (missing.length) throw new Error(`apt-get did not install ${missing.join(', ')}; see ${servicesInstallLog}`);
	}
	return { redisServer: onPath('redis-server'), postgresBin: postgresBinDir() };
}

/** uid/gid to run Postgres as: the `postgres` user when we are root (initdb refuses root). */
function postgresUser() {
	if (process.getuid?.() !== 0) return { user: os.userInfo().username };
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { user: 'postgres', uid, gid };
}

/** Starts a long-running service in its own process group, recorded for cleanup. */
function startDaemon(label, command, args, { logFile, uid, gid, env }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], uid, gid, env: env ?? process.env });
	fs.closeSync(out);
	registry.register(child.pid, label);
	child.exitInfo = undefined;
	child.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			child.exitInfo = { code, signal };
			registry.unregister(child.pid);
			resolve(child.exitInfo);
		}),
	);
	child.on('error', (error) => (child.exitInfo = { error: error.message }));
	return child;
}

/** Stops a daemon's group with `signal`, then SIGKILL if it is still there after `graceMs`. */
async function stopDaemon(child, signal = 'SIGTERM', graceMs = 20_000) {
	if (!child) return;
	if (!child.exitInfo && isAlive(child.pid)) {
		killGroup(child.pid, signal);
		let timer;
		await Promise.race([child.exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
		clearTimeout(timer);
	}
	killGroup(child.pid, 'SIGKILL');
	registry.unregister(child.pid);
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(3000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis({ redisServer, dir }) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const child = startDaemon('redis-server', redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], { logFile });
	await waitFor(
		async () => {
			if (child.exitInfo) throw Object.assign(new Error(`redis-server exited ${JSON.stringify(child.exitInfo)}\n${tail(logFile)}`), { fatal: true });
			return redisPing(port);
		},
		{ timeoutMs: 60_000, what: `redis-server on 127.0.0.1:${port}` },
	);
	return { port, child, logFile, stop: () => stopDaemon(child, 'SIGTERM') };
}

/**
 * initdb (trust, user `postgres`) and `postgres` in the foreground of its own process group, as
 * the postgres user, on 127.0.0.1 only. Test settings: no fsync (a crash loses the run anyway).
 */
/** Whether `owner` can write into `dir` (every folder above it must let the postgres user through). */
function writableBy(owner, dir) {
	if (owner.uid === undefined) return true;
	return spawnSync('sh', ['-c', 'test -w "$0"', dir], { uid: owner.uid, gid: owner.gid }).status === 0;
}

async function startPostgres({ postgresBin, dir: wanted, pgModule }) {
	const owner = postgresUser();
	let dir = wanted;
	fs.mkdirSync(dir, { recursive: true });
	if (owner.uid !== undefined) fs.chownSync(dir, owner.uid, owner.gid);
	// A checkout under a private home (/root is 0700) keeps the postgres user out of .queue/:
	// then the database lives in a temporary folder, removed by stop().
	const temporary = !writableBy(owner, dir);
	if (temporary) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-postgres-'));
		fs.chownSync(dir, owner.uid, owner.gid);
		log(`the ${owner.user} user cannot reach ${wanted}; Postgres data goes to ${dir}`);
	}
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	if (owner.uid !== undefined) fs.chownSync(logFile, owner.uid, owner.gid);
	const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir };
	const initLog = fs.openSync(logFile, 'a');
	try {
		await new Promise((resolve, reject) => {
			const child = spawn(path.join(postgresBin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], {
				uid: owner.uid,
				gid: owner.gid,
				env,
				stdio: ['ignore', initLog, initLog],
			});
			child.on('error', reject);
			child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb exited ${code}\n${tail(logFile)}`))));
		});
	} finally {
		fs.closeSync(initLog);
	}
	const port = await freePort();
	const settings = {
		listen_addresses: '127.0.0.1',
		unix_socket_directories: '',
		max_connections: '200',
		fsync: 'off',
		synchronous_commit: 'off',
		full_page_writes: 'off',
	};
	const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
	const child = startDaemon('postgres', path.join(postgresBin, 'postgres'), args, { logFile, uid: owner.uid, gid: owner.gid, env });
	const connection = { host: '127.0.0.1', port, user: 'postgres', password: '' };
	await waitFor(
		async () => {
			if (child.exitInfo) throw Object.assign(new Error(`postgres exited ${JSON.stringify(child.exitInfo)}\n${tail(logFile)}`), { fatal: true });
			const client = new pgModule.Client({ ...connection, database: 'postgres' });
			try {
				await client.connect();
				await client.query('SELECT 1');
				return true;
			} finally {
				await client.end().catch(() => undefined);
			}
		},
		{ timeoutMs: 120_000, intervalMs: 500, what: `postgres on 127.0.0.1:${port}` },
	);
	// SIGINT is Postgres's "fast" shutdown: clients are disconnected, no waiting for them.
	const stop = async () => {
		await stopDaemon(child, 'SIGINT');
		if (temporary) fs.rmSync(dir, { recursive: true, force: true });
	};
	return { port, connection, child, logFile, user: owner.user, stop };
}

async function createDatabases(pgModule, connection, names) {
	const client = new pgModule.Client({ ...connection, database: 'postgres' });
	await client.connect();
	try {
		for (const name of names) await client.query(`CREATE DATABASE "${name}"`);
	} finally {
		await client.end();
	}
}

module.exports = { ensureServices, startRedis, startPostgres, createDatabases, startDaemon, stopDaemon };
