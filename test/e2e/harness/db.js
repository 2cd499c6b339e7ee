'use strict';
// Reads n8n's SQLite database directly (Node 24's built-in node:sqlite, read-only, WAL mode),
// so tests need neither an API key nor a native module inside jest.
const path = require('node:path');

function openDb(dbPath) {
	let DatabaseSync;
	try {
		({ DatabaseSync } = require('node:sqlite'));
	} catch {
		throw new Error(`node:sqlite is unavailable on Node ${process.versions.node}; run the e2e tests through npm (Node 24)`);
	}
	const db = new DatabaseSync(dbPath, { readOnly: true });
	db.exec('PRAGMA busy_timeout = 5000');
	return db;
}

function withDb(dbPath, fn) {
	const db = openDb(dbPath);
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

function flattedFrom(n8nDir) {
	return require(path.join(n8nDir, 'node_modules', 'flatted'));
}

const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled', 'waiting']);

/**
 * Executions of one workflow, oldest first: { id, workflowId, status, mode, finished,
 * startedAt, stoppedAt, waitTill, data? } where data is the parsed run data (IRunExecutionData).
 */
function readExecutions(dbPath, n8nDir, workflowId, { includeData = true } = {}) {
	const rows = withDb(dbPath, (db) => {
		const sql = includeData
			? `SELECT e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, e.waitTill, e.storedAt, d.data
				 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
				 WHERE e.workflowId = ? AND e.deletedAt IS NULL ORDER BY e.id`
			: `SELECT id, workflowId, status, mode, finished, startedAt, stoppedAt, waitTill, storedAt
				 FROM execution_entity WHERE workflowId = ? AND deletedAt IS NULL ORDER BY id`;
		return db.prepare(sql).all(String(workflowId));
	});
	const flatted = includeData ? flattedFrom(n8nDir) : undefined;
	return rows.map((row) => executionFromRow(row, flatted));
}

/** An execution_entity row (joined with execution_data's `data` when `flatted` is given) as the tests read it. */
function executionFromRow(row, flatted) {
	const execution = {
		id: String(row.id),
		workflowId: row.workflowId,
		status: row.status,
		mode: row.mode,
		finished: Boolean(row.finished),
		startedAt: row.startedAt,
		stoppedAt: row.stoppedAt,
		waitTill: row.waitTill,
	};
	if (flatted && typeof row.data === 'string' && row.data) execution.data = flatted.parse(row.data);
	return execution;
}

function isTerminal(execution) {
	return TERMINAL.has(execution.status);
}

/** Registered production webhooks: [{ workflowId, webhookPath, method, node, webhookId }]. */
function readWebhooks(dbPath) {
	return withDb(dbPath, (db) =>
		db.prepare('SELECT workflowId, webhookPath, method, node, webhookId FROM webhook_entity').all().map((row) => ({ ...row })),
	);
}

/** Highest id in n8n's publication outbox (0 when empty or not created yet). */
function lastOutboxId(dbPath) {
	try {
		return withDb(dbPath, (db) => db.prepare('SELECT MAX(id) AS id FROM workflow_publication_outbox').get()?.id ?? 0);
	} catch {
		return 0;
	}
}

/**
 * What the database says about one workflow's publication, read in one transaction so that every
 * part comes from the same moment (n8n writes the outbox, the published version and the trigger
 * statuses at different times): { activeVersionId, publishedVersionId, inFlight, latest,
 * statuses, nodesWithWebhooks }. `latest` is the newest outbox row with an id above `afterOutboxId`.
 */
function publicationSnapshot(dbPath, workflowId, afterOutboxId) {
	return withDb(dbPath, (db) => {
		const id = String(workflowId);
		db.exec('BEGIN');
		try {
			const workflow = db.prepare('SELECT activeVersionId FROM workflow_entity WHERE id = ?').get(id);
			const published = db.prepare('SELECT publishedVersionId FROM workflow_published_version WHERE workflowId = ?').get(id);
			const inFlight = db
				.prepare("SELECT COUNT(*) AS n FROM workflow_publication_outbox WHERE workflowId = ? AND status IN ('pending', 'in_progress')")
				.get(id).n;
			const latest = db
				.prepare('SELECT id, status, errorMessage FROM workflow_publication_outbox WHERE workflowId = ? AND id > ? ORDER BY id DESC LIMIT 1')
				.get(id, afterOutboxId);
			const statuses = workflow?.activeVersionId
				? db
						.prepare('SELECT nodeId, status, errorMessage, triggerKind FROM workflow_publication_trigger_status WHERE workflowId = ? AND versionId = ?')
						.all(id, workflow.activeVersionId)
				: [];
			const nodesWithWebhooks = db.prepare('SELECT DISTINCT node FROM webhook_entity WHERE workflowId = ?').all(id).map((row) => row.node);
			return {
				exists: Boolean(workflow),
				activeVersionId: workflow?.activeVersionId ?? null,
				publishedVersionId: published?.publishedVersionId ?? null,
				inFlight,
				latest: latest ? { ...latest } : undefined,
				statuses: statuses.map((row) => ({ ...row })),
				nodesWithWebhooks,
			};
		} finally {
			db.exec('COMMIT');
		}
	});
}

/** Per-trigger activation status: [{ workflowId, nodeId, status, errorMessage }]. */
function triggerStatuses(dbPath, workflowId) {
	return withDb(dbPath, (db) =>
		db
			.prepare('SELECT workflowId, nodeId, status, errorMessage FROM workflow_publication_trigger_status WHERE workflowId = ?')
			.all(String(workflowId))
			.map((row) => ({ ...row })),
	);
}

/** Workflow static data (what triggers store in create/checkExists/delete), parsed. */
function readStaticData(dbPath, workflowId) {
	const row = withDb(dbPath, (db) => db.prepare('SELECT staticData FROM workflow_entity WHERE id = ?').get(String(workflowId)));
	if (!row || !row.staticData) return undefined;
	return typeof row.staticData === 'string' ? JSON.parse(row.staticData) : row.staticData;
}

/**
 * Output items of one node in an execution: runData[node][run].data.main[output] → json objects.
 * Returns undefined when the node did not run.
 */
function nodeOutput(execution, nodeName, { run = 0, output = 0, full = false } = {}) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs || !runs[run]) return undefined;
	const items = runs[run].data?.main?.[output] ?? [];
	return full ? items : items.map((item) => item.json);
}

/** The error recorded for an execution (resultData.error), if any. */
function executionError(execution) {
	return execution?.data?.resultData?.error;
}

module.exports = {
	readExecutions,
	executionFromRow,
	readWebhooks,
	readStaticData,
	lastOutboxId,
	publicationSnapshot,
	triggerStatuses,
	nodeOutput,
	executionError,
	isTerminal,
	withDb,
};
