'use strict';
// When is a freshly started n8n ready for a test? /healthz alone is too early: the webhook router
// mounts a moment later, and n8n 2.41 activates published workflows asynchronously (publication
// outbox), so each published workflow is checked in the database as well.
const fs = require('node:fs');
const { request, waitFor } = require('./net');
const db = require('./db');

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
 * Resolves with { workflowId: error text } for published workflows whose activation failed;
 * rejects on timeout or when the process exits (`exited()` returns its exit info).
 */
async function waitUntilReady({ baseUrl, logFile, logStart, dbPath, outboxStart, published, timeoutMs, exited }) {
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
	await waitFor(async () => (alive(), (await request(`${baseUrl}/healthz`, { timeoutMs: 2000 })).status === 200), {
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
			const probe = await request(`${baseUrl}/webhook/e2e-readiness-probe`, { timeoutMs: 2000 });
			return probe.status === 404 && probe.json && probe.json.code === 404;
		},
		{ timeoutMs: remaining(), what: 'the webhook router' },
	);
	let states = {};
	await waitFor(
		() => {
			alive();
			states = Object.fromEntries(published.map((id) => [id, db.publicationState(dbPath, id, outboxStart)]));
			return Object.values(states).every((state) => state.ready);
		},
		{ timeoutMs: remaining(), what: `activation of published workflows ${published.join(', ')}`, onTimeout: () => JSON.stringify(states) },
	);
	const errors = {};
	for (const id of published) if (states[id].errors.length) errors[id] = states[id].errors.join('; ');
	return errors;
}

module.exports = { waitUntilReady };
