'use strict';
// startN8n(): one real n8n process with this package installed the way a user installs a
// community package, fixtures imported through n8n's own CLI, and helpers to drive it.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { e2eDir, stateFile, nodeBin, node24Env } = require('./paths');
const { log, tail, run, killGroup, isAlive, registerPid, unregisterPid, sleep } = require('./proc');
const { freePort, portIsFree, request, waitFor } = require('./net');
const { ensureN8n } = require('./install');
const { packPackage } = require('./pack');
const { prepareWorkflow, webhookIdsOf } = require('./workflows');
const db = require('./db');
const { DEFAULT_OWNER, ownerEnv, createApiKey } = require('./owner');

// Fixed so credentials imported in one run decrypt in the next; only ever used for local tests.
const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-local-tests-only';
const READY_LINE = 'Editor is now accessible via';

function readState() {
	try {
		return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		return {};
	}
}

async function resolveInstall(options) {
	const state = readState();
	const n8n = options.n8n ?? (state.n8n && fs.existsSync(state.n8n.bin) ? state.n8n : await ensureN8n());
	let tarball = options.tarball;
	if (tarball === undefined) tarball = state.tarball && fs.existsSync(state.tarball) ? state.tarball : await packPackage();
	return { n8n, tarball };
}

function childEnv() {
	const env = node24Env();
	// Jest's NODE_ENV=test changes n8n's behaviour; npm's and jest's own variables are noise.
	for (const key of Object.keys(env)) {
		if (key === 'NODE_ENV' || key === 'NODE_OPTIONS' || key.startsWith('JEST_') || key.startsWith('npm_')) delete env[key];
	}
	env.npm_config_nodedir = node24Env().npm_config_nodedir;
	return env;
}

class N8nInstance {
	constructor(options, install) {
		this.n8n = install.n8n;
		this.tarball = install.tarball;
		this.host = options.host ?? '127.0.0.1';
		this.port = options.port;
		this.owner = { ...DEFAULT_OWNER, ...(options.owner ?? {}) };
		this.extraEnv = options.env ?? {};
		this.startTimeoutMs = options.startTimeoutMs ?? 180_000;
		this.tolerateActivationErrors = Boolean(options.tolerateActivationErrors);
		const label = (options.name ?? 'n8n').replace(/[^\w.-]+/g, '-');
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(e2eDir, `run-${label}-`));
		this.n8nFolder = path.join(this.userFolder, '.n8n');
		this.dbPath = path.join(this.n8nFolder, 'database.sqlite');
		this.logFile = path.join(this.userFolder, 'n8n.log');
		this.workflows = new Map();
		this.published = new Set();
		this.child = undefined;
		this.apiKey = undefined;
	}

	get baseUrl() {
		return `http://${this.host}:${this.port}`;
	}

	env(extra = {}) {
		return {
			...childEnv(),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: this.host,
			N8N_HOST: this.host,
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_PUBLIC_API_DISABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'sqlite',
			EXECUTIONS_MODE: 'regular',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			EXECUTIONS_DATA_PRUNE: 'false',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...ownerEnv(this.owner, this.n8n.dir),
			...this.extraEnv,
			...extra,
		};
	}

	/** Runs an n8n CLI command against this instance's user folder; resolves with its stdout. */
	async cli(args, { timeoutMs = 180_000, allowFailure = false } = {}) {
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort(this.host)) });
		try {
			const { stdout } = await run(nodeBin, [this.n8n.bin, ...args], {
				cwd: this.userFolder,
				env,
				logFile: this.logFile,
				captureStdout: true,
				timeoutMs,
			});
			return stdout;
		} catch (error) {
			if (allowFailure && error.stdout) return error.stdout;
			throw error;
		}
	}

	async installPackage() {
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		// Like a user's community-package install: no peers (n8n provides n8n-workflow), no scripts.
		await run(
			'npm',
			['install', '--prefix', nodesDir, this.tarball, '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'],
			{ cwd: nodesDir, env: { ...childEnv(), npm_config_loglevel: 'error' }, logFile: this.logFile, timeoutMs: 5 * 60_000 },
		);
	}

	async importCredentials(credentials) {
		if (!credentials?.length) return;
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		const stdout = await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file, { force: true });
		if (!/Successfully imported/.test(stdout)) throw new Error(`import:credentials failed:\n${stdout.slice(-2000)}`);
	}

	async importWorkflows(workflows) {
		if (!workflows?.length) return;
		const prepared = workflows.map(prepareWorkflow);
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(prepared, null, 2));
		const stdout = await this.cli(['import:workflow', `--input=${file}`]);
		const match = /Successfully imported (\d+) workflows?/.exec(stdout);
		if (!match || Number(match[1]) !== prepared.length) {
			throw new Error(`import:workflow imported ${match ? match[1] : 0} of ${prepared.length}:\n${stdout.slice(-2000)}`);
		}
		for (const workflow of prepared) this.workflows.set(workflow.id, workflow);
	}

	/** Publishes (2.x's word for activate) while n8n is stopped, as the CLI requires. */
	async publishWorkflows(ids) {
		for (const id of ids ?? []) {
			await this.cli(['publish:workflow', `--id=${id}`]);
			const row = db.withDb(this.dbPath, (d) => d.prepare('SELECT activeVersionId FROM workflow_entity WHERE id = ?').get(String(id)));
			if (!row || !row.activeVersionId) throw new Error(`publish:workflow --id=${id} did not publish it (does the workflow exist?)`);
			this.published.add(String(id));
		}
	}

	async unpublishWorkflows(ids) {
		for (const id of ids ?? []) {
			await this.cli(['unpublish:workflow', `--id=${id}`]);
			this.published.delete(String(id));
		}
	}

	async start() {
		if (this.child) throw new Error('n8n is already running');
		if (this.port === undefined) this.port = await freePort(this.host);
		else if (!(await portIsFree(this.port, this.host))) throw new Error(`port ${this.host}:${this.port} is already in use`);
		const brokerPort = await freePort(this.host);
		const logStart = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n=== n8n start on ${this.baseUrl} at ${new Date().toISOString()} ===\n`);
		const child = spawn(nodeBin, [this.n8n.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			detached: true,
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		this.child = child;
		registerPid(child.pid);
		child.exitInfo = undefined;
		child.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				child.exitInfo = { code, signal };
				unregisterPid(child.pid);
				resolve(child.exitInfo);
			});
		});
		child.on('error', (error) => (child.exitInfo = { error }));
		const started = Date.now();
		try {
			await this.waitUntilReady(logStart);
		} catch (error) {
			await this.stop();
			error.message += `\n--- ${this.logFile} (tail) ---\n${tail(this.logFile, 80)}`;
			throw error;
		}
		log(`n8n ${this.n8n.version} ready on ${this.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s (user folder ${this.userFolder})`);
	}

	async waitUntilReady(logStart) {
		const deadline = Date.now() + this.startTimeoutMs;
		const remaining = () => Math.max(1000, deadline - Date.now());
		const alive = () => {
			if (this.child?.exitInfo) {
				const error = new Error(`n8n exited during startup (${JSON.stringify(this.child.exitInfo)})`);
				error.fatal = true;
				throw error;
			}
		};
		const logSince = () => {
			try {
				const fd = fs.openSync(this.logFile, 'r');
				const size = fs.fstatSync(fd).size;
				const buffer = Buffer.alloc(Math.max(0, size - logStart));
				fs.readSync(fd, buffer, 0, buffer.length, logStart);
				fs.closeSync(fd);
				return buffer.toString('utf8');
			} catch {
				return '';
			}
		};
		await waitFor(async () => (alive(), (await request(`${this.baseUrl}/healthz`, { timeoutMs: 2000 })).status === 200), {
			timeoutMs: remaining(),
			what: 'n8n /healthz',
		});
		// Logged after published workflows are activated (ActiveWorkflowManager.init).
		await waitFor(() => (alive(), logSince().includes(READY_LINE)), { timeoutMs: remaining(), what: `"${READY_LINE}" in the n8n log` });
		// The webhook router answers n8n's JSON 404 once mounted (before that, an HTML error page).
		await waitFor(
			async () => {
				alive();
				const probe = await request(`${this.baseUrl}/webhook/e2e-readiness-probe`, { timeoutMs: 2000 });
				return probe.status === 404 && probe.json && probe.json.code === 404;
			},
			{ timeoutMs: remaining(), what: 'the webhook router' },
		);
		const failures = this.activationFailures();
		if (failures.length && !this.tolerateActivationErrors) {
			const lines = logSince().split('\n').filter((line) => /activation|activate/i.test(line)).slice(-10);
			throw new Error(`published workflows without registered webhooks: ${failures.join(', ')}\n${lines.join('\n')}`);
		}
	}

	/** Published workflows that have webhook nodes but no rows in webhook_entity. */
	activationFailures() {
		const registered = new Set(db.readWebhooks(this.dbPath).map((row) => row.workflowId));
		return [...this.published].filter((id) => {
			const workflow = this.workflows.get(id);
			const hasWebhooks = workflow && Object.keys(webhookIdsOf(workflow)).length > 0;
			return hasWebhooks && !registered.has(id);
		});
	}

	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (!child.exitInfo && isAlive(child.pid)) {
			killGroup(child.pid, 'SIGTERM');
			const exited = await Promise.race([child.exited, sleep(20_000).then(() => false)]);
			if (!exited) killGroup(child.pid, 'SIGKILL');
			await Promise.race([child.exited, sleep(5000)]);
		}
		// The task runner and other children share the group; make sure none outlive n8n.
		killGroup(child.pid, 'SIGKILL');
		unregisterPid(child.pid);
	}

	async restart() {
		await this.stop();
		await this.start();
	}

	/** Imports more fixtures and (un)publishes; stops n8n around it when it is running. */
	async reconfigure({ credentials, workflows, publish, unpublish } = {}) {
		const wasRunning = Boolean(this.child);
		await this.stop();
		await this.importCredentials(credentials);
		await this.importWorkflows(workflows);
		await this.unpublishWorkflows(unpublish);
		await this.publishWorkflows(publish);
		if (wasRunning) await this.start();
	}

	// ---- URLs -------------------------------------------------------------------------------

	/** Production webhook URL: <base>/webhook/<webhookId>/<path> (either part may be omitted). */
	webhookUrl(webhookId, webhookPath) {
		const parts = [webhookId, webhookPath].filter(Boolean).map((part) => String(part).replace(/^\/+|\/+$/g, ''));
		return `${this.baseUrl}/webhook/${parts.join('/')}`;
	}

	/** The fixed webhookId the harness gave (or kept for) a node of an imported workflow. */
	webhookIdOf(workflowId, nodeName) {
		const workflow = this.workflows.get(String(workflowId));
		const id = workflow && webhookIdsOf(workflow)[nodeName];
		if (!id) throw new Error(`no webhook node "${nodeName}" in imported workflow ${workflowId}`);
		return id;
	}

	/** URL of a package trigger node: <base>/webhook/<webhookId>/<path, default "webhook">. */
	triggerUrl(workflowId, nodeName, webhookPath = 'webhook') {
		return this.webhookUrl(this.webhookIdOf(workflowId, nodeName), webhookPath);
	}

	// ---- Running workflows ----------------------------------------------------------------

	/** Calls a production webhook: path relative to /webhook/ (or a full URL). */
	async runWorkflowByWebhook(webhookPath, body, { method = 'POST', headers, timeoutMs = 60_000 } = {}) {
		const url = /^https?:/.test(webhookPath) ? webhookPath : this.webhookUrl(undefined, webhookPath);
		return request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, timeoutMs });
	}

	/**
	 * `n8n execute --id=<id> --rawOutput` (Manual Trigger workflows; works beside the running
	 * server). Resolves with the run: { status, finished, mode, data: IRunExecutionData, ... }.
	 */
	async executeManual(workflowId, { timeoutMs = 180_000 } = {}) {
		const stdout = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, allowFailure: true });
		const start = stdout.search(/^\{$/m);
		if (start < 0) throw new Error(`n8n execute printed no run for ${workflowId}:\n${stdout.slice(-2000)}`);
		return JSON.parse(stdout.slice(start));
	}

	// ---- Reading results --------------------------------------------------------------------

	executions(workflowId, options) {
		return db.readExecutions(this.dbPath, this.n8n.dir, workflowId, options);
	}

	/** Waits until `count` executions of the workflow have finished (any terminal status). */
	async waitForExecutions(workflowId, count, timeoutMs = 60_000) {
		let last = [];
		return waitFor(
			() => {
				last = this.executions(workflowId).filter(db.isTerminal);
				return last.length >= count ? last : undefined;
			},
			{
				timeoutMs,
				what: `${count} finished execution(s) of workflow ${workflowId}`,
				onTimeout: () => `saw ${last.length}: ${JSON.stringify(last.map(({ id, status, mode }) => ({ id, status, mode })))}`,
			},
		);
	}

	webhooks() {
		return db.readWebhooks(this.dbPath);
	}

	staticData(workflowId) {
		return db.readStaticData(this.dbPath, workflowId);
	}

	/** Public REST API (/api/v1) as the owner, with an API key created on first use. */
	async api(route, { method = 'GET', body } = {}) {
		this.apiKey ??= await createApiKey(this.baseUrl, this.owner);
		return request(`${this.baseUrl}/api/v1${route}`, { method, body, headers: { 'X-N8N-API-KEY': this.apiKey } });
	}

	logTail(lines = 80) {
		return tail(this.logFile, lines);
	}
}

/**
 * Starts n8n with the packed package installed. Options: workflows, credentials, publish (ids),
 * env, port, host, owner, name, n8n, tarball (false: no package), userFolder, startTimeoutMs,
 * tolerateActivationErrors, start (false: prepare only).
 */
async function startN8n(options = {}) {
	const install = await resolveInstall(options);
	fs.mkdirSync(e2eDir, { recursive: true });
	const instance = new N8nInstance(options, install);
	fs.mkdirSync(instance.n8nFolder, { recursive: true });
	if (instance.tarball) await instance.installPackage();
	await instance.importCredentials(options.credentials);
	await instance.importWorkflows(options.workflows);
	await instance.publishWorkflows(options.publish);
	if (options.start !== false) await instance.start();
	return instance;
}

module.exports = { startN8n, N8nInstance, ENCRYPTION_KEY };
