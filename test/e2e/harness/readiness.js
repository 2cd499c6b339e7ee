'use strict';
// When is a freshly started n8n ready for a test? /healthz alone is too early: the webhook router
// mounts a moment later, and n8n 2.41 applies publications asynchronously (see publication.js),
// so every workflow published or unpublished while n8n was stopped is waited for as well.
const fs = require('node:fs');
const { request, waitFor } = require('./net');
const { waitForPublication } = require('./publication');

// Logged by `n8n start` once its startup sequence is through.
const READY_LINE = 'Editor is now accessible via';

function readFrom(file, offset) {
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const buffer = Buffer.alloc(Math.max(0, size - offset));
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			return buffer.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

/**
 * Resolves with { workflowId: error text } for workflows whose (un)publication failed; rejects on
 * timeout or when the process exits (`exited()` returns its exit info).
 */
async function waitUntilReady({ baseUrl, logFile, logStart, dbPath, outboxStart, published, unpublished, workflows, timeoutMs, exited }) {
	const deadline = Date.now() + timeoutMs;
	const remaining = () => Math.max(1000, deadline - Date.now());
	const alive = () => {
		const info = exited();
		if (info) {
			const error = new Error(`n8n exited during startup (${JSON.stringify(info)})`);
			error.fatal = true;
			throw error;
		}
	};
	await waitFor(async () => (alive(), (await request(`${baseUrl}/healthz`, { timeoutMs: 5000 })).status === 200), {
		timeoutMs: remaining(),
		what: 'n8n /healthz',
	});
	await waitFor(() => (alive(), readFrom(logFile, logStart).includes(READY_LINE)), {
		timeoutMs: remaining(),
		what: `"${READY_LINE}" in the n8n log`,
	});
	// The webhook router answers n8n's JSON 404 once mounted (before that, an HTML error page).
	await waitFor(
		async () => {
			alive();
			const probe = await request(`${baseUrl}/webhook/e2e-readiness-probe`, { timeoutMs: 5000 });
			return probe.status === 404 && probe.json && probe.json.code === 404;
		},
		{ timeoutMs: remaining(), what: 'the webhook router' },
	);
	const common = { dbPath, afterOutboxId: outboxStart, workflows, sinceStart: true, alive };
	const unpublishErrors = await waitForPublication({ ...common, workflowIds: unpublished, published: false, timeoutMs: remaining() });
	const publishErrors = await waitForPublication({ ...common, workflowIds: published, published: true, timeoutMs: remaining() });
	const errors = { ...publishErrors };
	for (const [id, message] of Object.entries(unpublishErrors)) errors[id] = `unpublishing: ${message}`;
	return errors;
}

module.exports = { waitUntilReady };
