'use strict';
// What a test (or the benchmark) uses to drive the running queue-mode cluster described by
// .queue/state.json: imports through n8n's CLI, publication through the public API on main,
// executions and static data read from n8n's Postgres database, the shop database, and which
// worker ran what (the workers' logs).
const fs = require('node:fs');
const path = require('node:path');
const { nodeBin } = require('../../e2e/harness/paths');
const { executionFromRow } = require('../../e2e/harness/db');
const { run } = require('../../e2e/harness/proc');
const { freePort, request, waitFor } = require('../../e2e/harness/net');
const { n8nEnv } = require('../../e2e/harness/env');
const { createApiKey } = require('../../e2e/harness/owner');
const { prepareWorkflow, webhookIdsOf, isWebhookNode } = require('../../e2e/harness/workflows');
const { stateFile } = require('./paths');
const { pgModuleOf } = require('./cluster');

const CLI_TIMEOUT_MS = 5 * 60_000;
const PUBLICATION_TIMEOUT_MS = 3 * 60_000;
const EXECUTIONS_TIMEOUT_MS = 5 * 60_000;
const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled', 'waiting']);
const WORKER_STARTED = /Worker started execution (\d+) \(job/g;

function readState(file = process.env.QUEUE_STATE_FILE || stateFile) {
	if (!fs.existsSync(file)) throw new Error(`${file} is missing: the queue-mode cluster is not running (run the suite with \`npm run test:queue\`)`);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

class ClusterClient {
	constructor(state = readState()) {
		this.state = state;
		const pg = pgModuleOf(state.n8n.dir);
		const connection = { host: state.postgres.host, port: state.postgres.port, user: state.postgres.user, password: state.postgres.password };
		this.n8nDb = new pg.Pool({ ...connection, database: state.postgres.n8nDatabase, max: 4 });
		this.shopDb = new pg.Pool({ ...connection, database: state.postgres.shopDatabase, max: 4 });
		this.flatted = require(path.join(state.n8n.dir, 'node_modules', 'flatted'));
		this.workflows = new Map();
		this.apiKey = undefined;
	}

	/** Base URLs of the webhook processes, in order (`webhook-1`, `webhook-2`). */
	get webhookBaseUrls() {
		return this.state.webhooks.map((webhook) => webhook.url);
	}

	get mainUrl() {
		return this.state.main.url;
	}

	/** Connection settings of the shop database (for an n8n Postgres credential). */
	get shopConnection() {
		const { host, port, user, password, shopDatabase } = this.state.postgres;
		return { host, port, user, password, database: shopDatabase };
	}

	async close() {
		await Promise.all([this.n8nDb.end(), this.shopDb.end()]);
	}

	// ---- n8n's CLI and API ------------------------------------------------------------------

	async cli(args, { timeoutMs = CLI_TIMEOUT_MS } = {}) {
		const { main } = this.state;
		const env = n8nEnv({
			userFolder: main.userFolder,
			host: '127.0.0.1',
			port: await freePort(),
			extra: { ...this.state.cliEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
		const logFile = path.join(main.userFolder, 'cli.log');
		const { stdout } = await run(nodeBin, [this.state.n8n.bin, ...args], { cwd: main.userFolder, env, logFile, captureStdout: true, timeoutMs });
		return stdout;
	}

	/** n8n import:credentials ([{ id, name, type, data }], data in clear). */
	async importCredentials(credentials) {
		if (!credentials.length) return;
		const file = path.join(this.state.main.userFolder, `credentials-${process.pid}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials));
		try {
			const stdout = await this.cli(['import:credentials', `--input=${file}`]);
			if (!/Successfully imported/.test(stdout)) throw new Error(`import:credentials failed:\n${stdout.slice(-2000)}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/**
	 * n8n import:workflow. Workflows need a fixed `id` (at most 21 characters, else n8n saves no
	 * static data); webhook nodes get a fixed webhookId as in the e2e harness.
	 */
	async importWorkflows(workflows) {
		const prepared = workflows.map(prepareWorkflow);
		const tooLong = prepared.filter((workflow) => workflow.id.length > 21).map((workflow) => workflow.id);
		if (tooLong.length) throw new Error(`workflow ids must have at most 21 characters: ${tooLong.join(', ')}`);
		const file = path.join(this.state.main.userFolder, `workflows-${process.pid}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(prepared));
		try {
			const stdout = await this.cli(['import:workflow', `--input=${file}`]);
			const match = /Successfully imported (\d+) workflows?/.exec(stdout);
			if (!match || Number(match[1]) !== prepared.length) throw new Error(`import:workflow imported ${match ? match[1] : 0} of ${prepared.length}:\n${stdout.slice(-2000)}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
		for (const workflow of prepared) this.workflows.set(workflow.id, workflow);
		return prepared;
	}

	/** Public REST API on main (/api/v1), as the owner, with a key created on first use. */
	async api(route, { method = 'GET', body } = {}) {
		this.apiKey ??= await createApiKey(this.mainUrl, this.state.owner);
		return request(`${this.mainUrl}/api/v1${route}`, { method, body, headers: { 'X-N8N-API-KEY': this.apiKey } });
	}

	/**
	 * Publishes through main's API and waits until n8n has applied it (n8n 2.41 does so
	 * asynchronously): no outbox row in flight, the last one completed, every trigger activated,
	 * and the webhooks of the workflow's webhook nodes registered. Throws with what it saw.
	 */
	async publish(ids, { timeoutMs = PUBLICATION_TIMEOUT_MS } = {}) {
		for (const id of ids) {
			const response = await this.api(`/workflows/${encodeURIComponent(id)}/publish`, { method: 'POST', body: {} });
			if (response.status !== 200) throw new Error(`publishing ${id}: HTTP ${response.status} ${response.text.slice(0, 500)}`);
		}
		let seen = {};
		await waitFor(
			async () => {
				seen = {};
				for (const id of ids) seen[id] = await this.publicationState(id);
				const failed = Object.entries(seen).filter(([, state]) => state.failure);
				if (failed.length) throw Object.assign(new Error(`publication failed: ${JSON.stringify(Object.fromEntries(failed))}`), { fatal: true });
				return Object.values(seen).every((state) => state.done);
			},
			{ timeoutMs, intervalMs: 500, what: `n8n to apply the publication of ${ids.join(', ')}`, onTimeout: () => JSON.stringify(seen) },
		);
	}

	async publicationState(id) {
		const q = (sql) => this.n8nDb.query(sql, [id]).then((result) => result.rows);
		const [workflow] = await q('SELECT "activeVersionId" FROM workflow_entity WHERE id = $1');
		const outbox = await q('SELECT id, status, "errorMessage" FROM workflow_publication_outbox WHERE "workflowId" = $1 ORDER BY id');
		const statuses = workflow?.activeVersionId
			? await this.n8nDb
					.query('SELECT "nodeId", status, "errorMessage" FROM workflow_publication_trigger_status WHERE "workflowId" = $1 AND "versionId" = $2', [id, workflow.activeVersionId])
					.then((result) => result.rows)
			: [];
		const hooked = (await q('SELECT DISTINCT node FROM webhook_entity WHERE "workflowId" = $1')).map((row) => row.node);
		const inFlight = outbox.filter((row) => row.status === 'pending' || row.status === 'in_progress').length;
		const last = outbox[outbox.length - 1];
		const failedTriggers = statuses.filter((row) => row.status === 'failed');
		const failure =
			(last && !inFlight && last.status !== 'completed' ? `${last.status}: ${last.errorMessage}` : undefined) ??
			(failedTriggers.length ? failedTriggers.map((row) => row.errorMessage).join('; ') : undefined);
		const webhookNodes = (this.workflows.get(id)?.nodes ?? []).filter(isWebhookNode).map((node) => node.name);
		const done =
			Boolean(workflow?.activeVersionId) &&
			inFlight === 0 &&
			last?.status === 'completed' &&
			statuses.length > 0 &&
			statuses.every((row) => row.status === 'activated') &&
			webhookNodes.every((name) => hooked.includes(name));
		return { done, failure, inFlight, last, statuses, hooked };
	}

	// ---- URLs ---------------------------------------------------------------------------------

	webhookIdOf(workflowId, nodeName) {
		const workflow = this.workflows.get(String(workflowId));
		const id = workflow && webhookIdsOf(workflow)[nodeName];
		if (!id) throw new Error(`no webhook node "${nodeName}" in imported workflow ${workflowId}`);
		return id;
	}

	/** The production URL of a package trigger on each webhook process: [webhook-1, webhook-2]. */
	triggerUrls(workflowId, nodeName, webhookPath = 'webhook') {
		const id = this.webhookIdOf(workflowId, nodeName);
		return this.webhookBaseUrls.map((base) => `${base}/webhook/${id}/${webhookPath}`);
	}

	/** The URL n8n itself gives for a trigger (N8N_WEBHOOK_URL: the first webhook process). */
	publicTriggerUrl(workflowId, nodeName, webhookPath = 'webhook') {
		return `${this.state.publicWebhookUrl}webhook/${this.webhookIdOf(workflowId, nodeName)}/${webhookPath}`;
	}

	// ---- n8n's database -------------------------------------------------------------------------

	/** Executions of a workflow, oldest first, with `data` (parsed run data) unless includeData is false. */
	async executions(workflowId, { includeData = true } = {}) {
		const sql = includeData
			? `SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt", e."waitTill", d.data
				 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
				 WHERE e."workflowId" = $1 AND e."deletedAt" IS NULL ORDER BY e.id`
			: `SELECT id, "workflowId", status, mode, finished, "startedAt", "stoppedAt", "waitTill"
				 FROM execution_entity WHERE "workflowId" = $1 AND "deletedAt" IS NULL ORDER BY id`;
		const { rows } = await this.n8nDb.query(sql, [String(workflowId)]);
		return rows.map((row) => executionFromRow(row, includeData ? this.flatted : undefined));
	}

	/** Counts of a workflow's executions: { total, finished } (finished = any terminal status). */
	async executionCounts(workflowId) {
		const { rows } = await this.n8nDb.query(
			`SELECT COUNT(*)::int AS total, COUNT(*) FILTER (WHERE status = ANY($2))::int AS finished
			 FROM execution_entity WHERE "workflowId" = $1 AND "deletedAt" IS NULL`,
			[String(workflowId), [...TERMINAL]],
		);
		return rows[0];
	}

	/** Waits until the workflow has at least `count` finished executions; returns them all. */
	async waitForExecutions(workflowId, count, { timeoutMs = EXECUTIONS_TIMEOUT_MS, includeData = true } = {}) {
		let last = { total: 0, finished: 0 };
		await waitFor(
			async () => {
				last = await this.executionCounts(workflowId);
				return last.finished >= count;
			},
			{ timeoutMs, intervalMs: 200, what: `${count} finished execution(s) of ${workflowId}`, onTimeout: () => `saw ${JSON.stringify(last)}` },
		);
		return this.executions(workflowId, { includeData });
	}

	async staticData(workflowId) {
		const { rows } = await this.n8nDb.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [String(workflowId)]);
		const value = rows[0]?.staticData;
		return typeof value === 'string' ? JSON.parse(value) : (value ?? undefined);
	}

	/** Runs SQL in the shop database (where the once-only claim table lives). */
	async shopQuery(sql, params = []) {
		return (await this.shopDb.query(sql, params)).rows;
	}

	// ---- Logs ---------------------------------------------------------------------------------

	/** Execution id → name of the worker whose log says it started it ("Worker started execution"). */
	workerOfExecutions() {
		const byExecution = new Map();
		for (const worker of this.state.workers) {
			const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
			for (const match of text.matchAll(WORKER_STARTED)) {
				const previous = byExecution.get(match[1]);
				byExecution.set(match[1], previous && previous !== worker.name ? `${previous}+${worker.name}` : worker.name);
			}
		}
		return byExecution;
	}
}

module.exports = { ClusterClient, readState };
