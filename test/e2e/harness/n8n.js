'use strict';
// startN8n(): one real n8n process with this package installed the way a user installs a
// community package, fixtures imported through n8n's own CLI, and helpers to drive it.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { e2eDir, stateFile, nodeBin } = require('./paths');
const { log, tail, run, killGroup, isAlive, registerPid, unregisterPid, claimFolder } = require('./proc');
const { freePort, portIsFree, request, waitFor } = require('./net');
const { ENCRYPTION_KEY, childEnv, n8nEnv } = require('./env');
const { waitUntilReady } = require('./readiness');
const { ensureN8n } = require('./install');
const { packPackage } = require('./pack');
const { prepareWorkflow, webhookIdsOf } = require('./workflows');
const { waitForPublication, DEFAULT_PUBLICATION_TIMEOUT_MS } = require('./publication');
const db = require('./db');
const { DEFAULT_OWNER, BROWSER_ID, ownerEnv, login, createApiKey } = require('./owner');

// Deadlines fit a loaded 2-core machine (a start took 40 s there, a CLI call 15 s): they bound a
// hang and are never a measure of speed.
const START_TIMEOUT_MS = 5 * 60_000;
const CLI_TIMEOUT_MS = 5 * 60_000;
const EXECUTIONS_TIMEOUT_MS = 2 * 60_000;
const WEBHOOK_CALL_TIMEOUT_MS = 2 * 60_000;

// Last line of defence when the caller exits without stop(): process groups die with us.
const live = new Set();
process.once('exit', () => {
	for (const pid of live) killGroup(pid, 'SIGKILL');
});

function readState() {
	try {
		return JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE || stateFile, 'utf8'));
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

/** The promise's value, or false after `ms` (without leaving a timer behind). */
async function within(promise, ms) {
	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

class N8nInstance {
	constructor(options, install) {
		this.n8n = install.n8n;
		this.tarball = install.tarball;
		this.host = options.host ?? '127.0.0.1';
		this.port = options.port;
		this.fixedPort = options.port !== undefined;
		this.activationErrors = {};
		this.owner = { ...DEFAULT_OWNER, ...(options.owner ?? {}) };
		this.ownerVars = ownerEnv(this.owner, this.n8n.dir);
		this.extraEnv = options.env ?? {};
		this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
		this.tolerateActivationErrors = Boolean(options.tolerateActivationErrors);
		const label = (options.name ?? 'n8n').replace(/[^\w.-]+/g, '-');
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(e2eDir, `run-${label}-`));
		claimFolder(this.userFolder);
		this.n8nFolder = path.join(this.userFolder, '.n8n');
		this.dbPath = path.join(this.n8nFolder, 'database.sqlite');
		this.logFile = path.join(this.userFolder, 'n8n.log');
		this.workflows = new Map();
		// Workflows (un)published with the CLI, which n8n applies at its next start.
		this.published = new Set();
		this.unpublished = new Set();
		this.child = undefined;
		this.apiKey = undefined;
	}

	get baseUrl() {
		return `http://${this.host}:${this.port}`;
	}

	env(extra = {}) {
		return n8nEnv({ userFolder: this.userFolder, host: this.host, port: this.port, ownerVars: this.ownerVars, extra: { ...this.extraEnv, ...extra } });
	}

	/** Runs an n8n CLI command against this instance's user folder; resolves with its stdout. */
	async cli(args, { timeoutMs = CLI_TIMEOUT_MS, allowFailure = false } = {}) {
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
		// n8n 2.41 silently skips saving static data for longer ids (isWorkflowIdValid), which
		// would lose what triggers store on activation.
		const tooLong = prepared.filter((workflow) => String(workflow.id).length > 21).map((workflow) => workflow.id);
		if (tooLong.length) throw new Error(`workflow ids must have at most 21 characters (n8n saves no static data otherwise): ${tooLong.join(', ')}`);
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(prepared, null, 2));
		const stdout = await this.cli(['import:workflow', `--input=${file}`]);
		const match = /Successfully imported (\d+) workflows?/.exec(stdout);
		if (!match || Number(match[1]) !== prepared.length) {
			throw new Error(`import:workflow imported ${match ? match[1] : 0} of ${prepared.length}:\n${stdout.slice(-2000)}`);
		}
		for (const workflow of prepared) this.workflows.set(workflow.id, workflow);
	}

	/**
	 * Publishes (2.x's word for activate) while n8n is stopped, as the CLI requires; n8n applies it
	 * at the next start(), which waits for it.
	 */
	async publishWorkflows(ids) {
		if (this.child) throw new Error('publishWorkflows() is for a stopped n8n; use publish()');
		for (const id of ids ?? []) {
			await this.cli(['publish:workflow', `--id=${id}`]);
			const row = db.withDb(this.dbPath, (d) => d.prepare('SELECT activeVersionId FROM workflow_entity WHERE id = ?').get(String(id)));
			if (!row || !row.activeVersionId) throw new Error(`publish:workflow --id=${id} did not publish it (does the workflow exist?)`);
			this.published.add(String(id));
			this.unpublished.delete(String(id));
		}
	}

	/** Unpublishes while n8n is stopped; the next start() waits until n8n has taken it down. */
	async unpublishWorkflows(ids) {
		if (this.child) throw new Error('unpublishWorkflows() is for a stopped n8n; use unpublish()');
		for (const id of ids ?? []) {
			await this.cli(['unpublish:workflow', `--id=${id}`]);
			this.published.delete(String(id));
			this.unpublished.add(String(id));
		}
	}

	/**
	 * Publishes workflows. Running: through the public API, then waits until n8n has applied it
	 * (webhooks registered, triggers' create() done); stopped: with the CLI, applied at start().
	 * Resolves with { workflowId: error } for triggers that failed to activate (also thrown
	 * unless `tolerateActivationErrors`).
	 */
	async publish(ids, { timeoutMs = DEFAULT_PUBLICATION_TIMEOUT_MS } = {}) {
		if (!this.child) return await this.publishWorkflows(ids);
		return await this.changePublication(ids, true, timeoutMs);
	}

	/** Unpublishes workflows, like publish(): running, waits until webhooks and triggers are taken down. */
	async unpublish(ids, { timeoutMs = DEFAULT_PUBLICATION_TIMEOUT_MS } = {}) {
		if (!this.child) return await this.unpublishWorkflows(ids);
		return await this.changePublication(ids, false, timeoutMs);
	}

	async changePublication(ids, published, timeoutMs) {
		const afterOutboxId = db.lastOutboxId(this.dbPath);
		const action = published ? 'publish' : 'unpublish';
		for (const id of ids ?? []) {
			const response = await this.api(`/workflows/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} });
			if (response.status !== 200) throw new Error(`${action} of workflow ${id} through the API: HTTP ${response.status} ${response.text.slice(0, 500)}`);
		}
		const child = this.child;
		const errors = await waitForPublication({
			dbPath: this.dbPath,
			workflowIds: ids,
			published,
			afterOutboxId,
			workflows: this.workflows,
			timeoutMs,
			alive: () => {
				if (child.exitInfo) throw Object.assign(new Error(`n8n exited (${JSON.stringify(child.exitInfo)})`), { fatal: true });
			},
		});
		for (const id of ids ?? []) {
			(published ? this.published : this.unpublished).add(String(id));
			(published ? this.unpublished : this.published).delete(String(id));
		}
		if (Object.keys(errors).length && !this.tolerateActivationErrors) {
			throw new Error(`${action}ing failed: ${JSON.stringify(errors)}\n--- ${this.logFile} (tail) ---\n${tail(this.logFile, 80)}`);
		}
		return errors;
	}

	async start() {
		if (this.child) throw new Error('n8n is already running');
		if (!(await portIsFree(this.port, this.host))) {
			if (this.fixedPort) throw new Error(`port ${this.host}:${this.port} is already in use`);
			this.port = await freePort(this.host);
		}
		const brokerPort = await freePort(this.host);
		const logStart = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
		const outboxStart = fs.existsSync(this.dbPath) ? db.lastOutboxId(this.dbPath) : 0;
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
		live.add(child.pid);
		child.exitInfo = undefined;
		child.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				child.exitInfo = { code, signal };
				live.delete(child.pid);
				unregisterPid(child.pid);
				resolve(child.exitInfo);
			});
		});
		child.on('error', (error) => (child.exitInfo = { error: error.message }));
		const started = Date.now();
		try {
			this.activationErrors = await waitUntilReady({
				baseUrl: this.baseUrl,
				logFile: this.logFile,
				logStart,
				dbPath: this.dbPath,
				outboxStart,
				published: [...this.published],
				unpublished: [...this.unpublished],
				workflows: this.workflows,
				timeoutMs: this.startTimeoutMs,
				exited: () => child.exitInfo,
			});
			if (Object.keys(this.activationErrors).length && !this.tolerateActivationErrors) {
				throw new Error(`published workflows failed to (de)activate: ${JSON.stringify(this.activationErrors)}`);
			}
		} catch (error) {
			await this.stop();
			error.message += `\n--- ${this.logFile} (tail) ---\n${tail(this.logFile, 80)}`;
			throw error;
		}
		log(`n8n ${this.n8n.version} ready on ${this.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s (user folder ${this.userFolder})`);
	}

	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (!child.exitInfo && isAlive(child.pid)) {
			killGroup(child.pid, 'SIGTERM');
			const exited = await within(child.exited, 20_000);
			if (!exited) killGroup(child.pid, 'SIGKILL');
			await within(child.exited, 5000);
		}
		// The task runner and other children share the group; make sure none outlive n8n.
		killGroup(child.pid, 'SIGKILL');
		live.delete(child.pid);
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
	async runWorkflowByWebhook(webhookPath, body, { method = 'POST', headers, timeoutMs = WEBHOOK_CALL_TIMEOUT_MS } = {}) {
		const url = /^https?:/.test(webhookPath) ? webhookPath : this.webhookUrl(undefined, webhookPath);
		return request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, timeoutMs });
	}

	/**
	 * `n8n execute --id=<id> --rawOutput` (Manual Trigger workflows; works beside the running
	 * server). Resolves with the run: { status, finished, mode, data: IRunExecutionData, ... }.
	 */
	async executeManual(workflowId, { timeoutMs = CLI_TIMEOUT_MS } = {}) {
		const stdout = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, allowFailure: true });
		// The run is printed as indented JSON between a "{" line and a "}" line; logs may surround it.
		const start = stdout.search(/^\{$/m);
		const end = start < 0 ? -1 : stdout.slice(start).search(/^\}$/m);
		if (end < 0) throw new Error(`n8n execute printed no run for ${workflowId}:\n${stdout.slice(-2000)}`);
		return JSON.parse(stdout.slice(start, start + end + 1));
	}

	// ---- Reading results --------------------------------------------------------------------

	executions(workflowId, options) {
		return db.readExecutions(this.dbPath, this.n8n.dir, workflowId, options);
	}

	/** Waits until `count` executions of the workflow have finished (any terminal status). */
	async waitForExecutions(workflowId, count, timeoutMs = EXECUTIONS_TIMEOUT_MS) {
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

	/** Activation result per trigger node of a published workflow: [{ nodeId, status, errorMessage }]. */
	triggerStatuses(workflowId) {
		return db.triggerStatuses(this.dbPath, workflowId);
	}

	/** Public REST API (/api/v1) as the owner, with an API key created on first use. */
	async api(route, { method = 'GET', body } = {}) {
		this.apiKey ??= await createApiKey(this.baseUrl, this.owner);
		return request(`${this.baseUrl}/api/v1${route}`, { method, body, headers: { 'X-N8N-API-KEY': this.apiKey } });
	}

	/** Node types n8n loaded (`n8n export:nodes`): [{ name, displayName, version, ... }]. */
	async nodeTypes() {
		const file = path.join(this.userFolder, `nodes-${Date.now()}.json`);
		await this.cli(['export:nodes', `--output=${file}`]);
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		return list;
	}

	/** Credential types the running server offers (/types/credentials.json as the owner). */
	async credentialTypes() {
		const cookie = await login(this.baseUrl, this.owner);
		const response = await request(`${this.baseUrl}/types/credentials.json`, { headers: { cookie, 'browser-id': BROWSER_ID } });
		if (response.status !== 200 || !Array.isArray(response.json)) throw new Error(`credential types: HTTP ${response.status}`);
		return response.json;
	}

	/** package.json of the package as installed in this instance's nodes folder. */
	installedPackageJson() {
		const file = path.join(this.n8nFolder, 'nodes', 'node_modules', 'n8n-nodes-chat-payments', 'package.json');
		return JSON.parse(fs.readFileSync(file, 'utf8'));
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
	instance.port ??= await freePort(instance.host);
	fs.mkdirSync(instance.n8nFolder, { recursive: true });
	if (instance.tarball) await instance.installPackage();
	await instance.importCredentials(options.credentials);
	await instance.importWorkflows(options.workflows);
	await instance.publishWorkflows(options.publish);
	if (options.start !== false) await instance.start();
	return instance;
}

module.exports = { startN8n, N8nInstance, ENCRYPTION_KEY };
