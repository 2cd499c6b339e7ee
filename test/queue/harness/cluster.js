'use strict';
// startCluster(): n8n 2.41.1 in queue mode on one machine, every port on 127.0.0.1 — Redis and
// PostgreSQL (services.js), one `n8n start` (main: editor, API, activation of triggers), two
// `n8n webhook` (production webhooks) and two `n8n worker --concurrency=5` (executions). Each n8n
// process has its own user folder with the packed package installed as a community package, as
// a user installs it. stop() stops all of it; so does the next run when this one dies.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { nodeBin } = require('../../e2e/harness/paths');
const { run, tail, claimFolder, folderIsUnused, killGroup, isAlive } = require('../../e2e/harness/proc');
const { freePort, request, waitFor } = require('../../e2e/harness/net');
const { childEnv, n8nEnv } = require('../../e2e/harness/env');
const { ensureN8n } = require('../../e2e/harness/install');
const { packPackage } = require('../../e2e/harness/pack');
const { DEFAULT_OWNER, ownerEnv } = require('../../e2e/harness/owner');
const { log, queueDir, stateFile } = require('./paths');
const { ensureServices, startRedis, startPostgres, createDatabases } = require('./services');
const registry = require('./registry');

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 5 * 60_000;
const N8N_DATABASE = 'n8n';
// The shop's own database, where the once-only claim table lives (not n8n's).
const SHOP_DATABASE = 'shop';

// Log lines each kind of process prints once it is through its start-up.
const READY_LINES = {
	main: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests.',
	worker: 'n8n worker is now ready',
};

function pgModuleOf(n8nDir) {
	return require(path.join(n8nDir, 'node_modules', 'pg'));
}

/** Environment every process of the cluster shares (database, queue, public webhook address). */
function sharedEnv({ postgresPort, redisPort, webhookBaseUrl }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: HOST,
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: N8N_DATABASE,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: HOST,
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		N8N_WORKER_SERVER_ADDRESS: HOST,
		// What a load balancer in front of the webhook processes would be: the URL n8n gives
		// providers (trigger registrations, resume URLs). Here: the first webhook process.
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
	};
}

function readFrom(file, offset) {
	try {
		return fs.readFileSync(file).subarray(offset).toString('utf8');
	} catch {
		return '';
	}
}

class QueueProcess {
	constructor({ role, name, args, userFolder, port, healthPort, env }) {
		Object.assign(this, { role, name, args, userFolder, port, healthPort, env });
		this.logFile = path.join(userFolder, 'n8n.log');
		this.child = undefined;
	}

	get baseUrl() {
		return `http://${HOST}:${this.port}`;
	}

	start(n8nBin) {
		const logStart = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n=== n8n ${this.args.join(' ')} (${this.name}) at ${new Date().toISOString()} ===\n`);
		const child = spawn(nodeBin, [n8nBin, ...this.args], { cwd: this.userFolder, env: this.env, detached: true, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		registry.register(child.pid, `n8n ${this.name}`);
		child.exitInfo = undefined;
		child.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				child.exitInfo = { code, signal };
				registry.unregister(child.pid);
				resolve(child.exitInfo);
			}),
		);
		child.on('error', (error) => (child.exitInfo = { error: error.message }));
		this.child = child;
		this.logStart = logStart;
	}

	async waitReady(timeoutMs = START_TIMEOUT_MS) {
		const deadline = Date.now() + timeoutMs;
		const remaining = () => Math.max(1000, deadline - Date.now());
		const alive = () => {
			if (this.child.exitInfo) {
				throw Object.assign(new Error(`n8n ${this.name} exited during start-up (${JSON.stringify(this.child.exitInfo)})\n${tail(this.logFile, 60)}`), { fatal: true });
			}
		};
		const line = READY_LINES[this.role];
		await waitFor(() => (alive(), readFrom(this.logFile, this.logStart).includes(line)), { timeoutMs: remaining(), intervalMs: 500, what: `"${line}" in ${this.logFile}` });
		const health = this.role === 'worker' ? `http://${HOST}:${this.healthPort}/healthz` : `${this.baseUrl}/healthz`;
		await waitFor(async () => (alive(), (await request(health, { timeoutMs: 5000 })).status === 200), { timeoutMs: remaining(), what: `${this.name} ${health}` });
		if (this.role !== 'worker') {
			// The webhook router answers n8n's JSON 404 once it is mounted.
			await waitFor(
				async () => {
					alive();
					const probe = await request(`${this.baseUrl}/webhook/queue-readiness-probe`, { method: 'POST', timeoutMs: 5000 });
					return probe.status === 404 && probe.json && probe.json.code === 404;
				},
				{ timeoutMs: remaining(), what: `the webhook router of ${this.name}` },
			);
		}
	}

	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (!child.exitInfo && isAlive(child.pid)) {
			killGroup(child.pid, 'SIGTERM');
			let timer;
			await Promise.race([child.exited, new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
			clearTimeout(timer);
		}
		// Task runners share the group; none may outlive n8n.
		killGroup(child.pid, 'SIGKILL');
		registry.unregister(child.pid);
	}
}

/** Installs the tarball into one user folder as a community package, then copies that install. */
async function installPackage(tarball, userFolders, logFile) {
	const [first, ...rest] = userFolders.map((folder) => path.join(folder, '.n8n', 'nodes'));
	fs.mkdirSync(first, { recursive: true });
	await run(
		'npm',
		['install', '--prefix', first, tarball, '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'],
		{ cwd: first, env: { ...childEnv(), npm_config_loglevel: 'error' }, logFile, timeoutMs: 5 * 60_000 },
	);
	for (const nodesDir of rest) fs.cpSync(first, nodesDir, { recursive: true });
}

/** Removes run folders of earlier runs that no live process uses. */
function removeOldRuns() {
	if (!fs.existsSync(queueDir)) return;
	for (const name of fs.readdirSync(queueDir)) {
		const dir = path.join(queueDir, name);
		if (name.startsWith('run-') && folderIsUnused(dir)) fs.rmSync(dir, { recursive: true, force: true });
	}
}

class Cluster {
	constructor() {
		this.processes = [];
		this.redis = undefined;
		this.postgres = undefined;
		this.state = undefined;
	}

	async start({ webhooks = 2, workers = 2, concurrency = 5, env = {} } = {}) {
		const started = Date.now();
		fs.mkdirSync(queueDir, { recursive: true });
		const leftovers = await registry.stopRegistered();
		if (leftovers.length) log(`stopped ${leftovers.join(', ')} left over from a queue run that died`);
		removeOldRuns();
		const services = await ensureServices();
		const n8n = await ensureN8n();
		const tarball = await packPackage();
		const pg = pgModuleOf(n8n.dir);
		this.runDir = fs.mkdtempSync(path.join(queueDir, 'run-'));
		// mkdtemp makes it 0700; the postgres user must reach its data folder inside.
		fs.chmodSync(this.runDir, 0o755);
		claimFolder(this.runDir);
		const setupLog = path.join(this.runDir, 'setup.log');

		this.redis = await startRedis({ redisServer: services.redisServer, dir: path.join(this.runDir, 'redis') });
		this.postgres = await startPostgres({ postgresBin: services.postgresBin, dir: path.join(this.runDir, 'postgres'), pgModule: pg });
		await createDatabases(pg, this.postgres.connection, [N8N_DATABASE, SHOP_DATABASE]);
		log(`redis on ${HOST}:${this.redis.port}, postgres on ${HOST}:${this.postgres.port} (as ${this.postgres.user})`);

		const ports = async () => ({ port: await freePort(), healthPort: await freePort(), brokerPort: await freePort() });
		const specs = [{ role: 'main', name: 'main', args: ['start'] }];
		for (let i = 1; i <= webhooks; i++) specs.push({ role: 'webhook', name: `webhook-${i}`, args: ['webhook'] });
		for (let i = 1; i <= workers; i++) specs.push({ role: 'worker', name: `worker-${i}`, args: ['worker', `--concurrency=${concurrency}`] });
		for (const spec of specs) Object.assign(spec, await ports(), { userFolder: path.join(this.runDir, spec.name) });
		const firstWebhook = specs.find((spec) => spec.role === 'webhook');
		const shared = sharedEnv({ postgresPort: this.postgres.port, redisPort: this.redis.port, webhookBaseUrl: `http://${HOST}:${firstWebhook.port}` });
		const owner = { ...DEFAULT_OWNER };
		const ownerVars = ownerEnv(owner, n8n.dir);
		for (const spec of specs) {
			fs.mkdirSync(path.join(spec.userFolder, '.n8n'), { recursive: true });
			const extra = { ...shared, N8N_RUNNERS_BROKER_PORT: String(spec.brokerPort), ...env };
			if (spec.role === 'worker') Object.assign(extra, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(spec.healthPort) });
			spec.env = n8nEnv({ userFolder: spec.userFolder, host: HOST, port: spec.port, ownerVars: spec.role === 'main' ? ownerVars : {}, extra });
			this.processes.push(new QueueProcess(spec));
		}
		await installPackage(tarball, specs.map((spec) => spec.userFolder), setupLog);

		// Main first: it creates n8n's tables and the owner; the others start on a ready database.
		const [main, ...others] = this.processes;
		main.start(n8n.bin);
		await main.waitReady();
		for (const proc of others) proc.start(n8n.bin);
		await Promise.all(others.map((proc) => proc.waitReady()));

		this.state = {
			runDir: this.runDir,
			startedBy: registry.self,
			n8n,
			tarball,
			owner,
			postgres: { ...this.postgres.connection, n8nDatabase: N8N_DATABASE, shopDatabase: SHOP_DATABASE, logFile: this.postgres.logFile },
			redis: { host: HOST, port: this.redis.port, logFile: this.redis.logFile },
			main: { url: main.baseUrl, userFolder: main.userFolder, logFile: main.logFile },
			webhooks: this.processes.filter((proc) => proc.role === 'webhook').map((proc) => ({ name: proc.name, url: proc.baseUrl, logFile: proc.logFile })),
			workers: this.processes
				.filter((proc) => proc.role === 'worker')
				.map((proc) => ({ name: proc.name, healthUrl: `http://${HOST}:${proc.healthPort}/healthz`, logFile: proc.logFile, concurrency })),
			// For CLI commands against the cluster's database (import:workflow, ...).
			cliEnv: { ...shared, ...env },
			publicWebhookUrl: shared.N8N_WEBHOOK_URL,
		};
		fs.writeFileSync(stateFile, JSON.stringify(this.state, null, 2));
		log(`queue-mode cluster ready in ${Math.round((Date.now() - started) / 1000)} s: main ${main.baseUrl}, ${this.state.webhooks.map((w) => `${w.name} ${w.url}`).join(', ')}, ${workers} workers × ${concurrency} (run folder ${this.runDir})`);
		return this.state;
	}

	async stop() {
		// Webhook processes first (no new executions), then workers, main, the services.
		const order = ['webhook', 'worker', 'main'];
		for (const role of order) await Promise.all(this.processes.filter((proc) => proc.role === role).map((proc) => proc.stop()));
		await this.postgres?.stop();
		await this.redis?.stop();
		this.postgres = undefined;
		this.redis = undefined;
		fs.rmSync(stateFile, { force: true });
	}
}

/** Starts the whole cluster; on failure stops whatever it had started and rethrows. */
async function startCluster(options) {
	const cluster = new Cluster();
	try {
		await cluster.start(options);
		return cluster;
	} catch (error) {
		await cluster.stop().catch(() => undefined);
		throw error;
	}
}

module.exports = { startCluster, Cluster, pgModuleOf, HOST, SHOP_DATABASE, N8N_DATABASE };

// `node test/queue/harness/cluster.js` (Node 24, after `npm run build`): starts the cluster and
// keeps it until Ctrl-C, for trying the package in queue mode by hand.
if (require.main === module) {
	startCluster().then(
		(cluster) => {
			process.stdout.write(`${JSON.stringify({ main: cluster.state.main.url, webhooks: cluster.state.webhooks.map((w) => w.url), owner: cluster.state.owner }, null, 2)}\nCtrl-C stops everything.\n`);
			const stop = () => cluster.stop().then(() => process.exit(0));
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
		},
		(error) => {
			process.stderr.write(`${error.stack || error.message}\n`);
			process.exit(1);
		},
	);
}
