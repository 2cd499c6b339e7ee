'use strict';
// Waiting until n8n has applied a publication or an unpublication.
//
// n8n 2.41 applies both asynchronously: publishing (CLI before start, public API after) only
// records the wish; a publication outbox worker registers the webhooks and runs each trigger's
// create() a second or more later (unpublishing, webhook removal and delete() likewise). At start
// the reconciler enqueues the workflows the CLI published, so a check made right after start or
// publish can see a row still "pending". Every place that publishes or unpublishes waits here,
// with a deadline sized for a busy machine, and fails only then, saying what it last saw.
const db = require('./db');
const { waitFor } = require('./net');
const { isWebhookNode } = require('./workflows');

const DEFAULT_TIMEOUT_MS = 3 * 60_000;

/**
 * Whether `snapshot` (db.publicationSnapshot) shows the wished state applied:
 * { settled, errors: [messages], waitingFor: text }.
 * - `webhookNodes`: node id → name of the workflow's webhook nodes, when the harness imported
 *   it, so an activated one is also checked to have its webhook registered. (n8n's trigger
 *   statuses do not tell: a Manual Trigger is "persisted" too, with no webhook.)
 * - `sinceStart`: in-memory triggers (schedule, polling) are activated again at every start, so
 *   after a start their earlier statuses prove nothing until a fresh outbox row is done.
 */
function judgePublication(snapshot, { published, webhookNodes, sinceStart }) {
	const waiting = (waitingFor) => ({ settled: false, errors: [], waitingFor });
	if (!snapshot.exists) return waiting('the workflow to exist (was it imported?)');
	if (snapshot.inFlight > 0) return waiting(`the outbox row(s) to be processed (${snapshot.inFlight} pending or in progress)`);
	const errors = [];
	const { latest } = snapshot;
	if (latest && latest.status !== 'completed') errors.push(`${latest.status}: ${latest.errorMessage ?? 'no message'}`);

	if (!published) {
		if (snapshot.activeVersionId) return waiting('the workflow to be unpublished in the database');
		// n8n marks a take-down whose trigger delete() failed completed, with the failure as message.
		if (latest && latest.status === 'completed' && latest.errorMessage) errors.push(latest.errorMessage);
		// A failed take-down is an outcome too: report it rather than wait for what will not come.
		if (errors.length) return { settled: true, errors, waitingFor: '' };
		if (snapshot.publishedVersionId) return waiting('n8n to take down the published version');
		if (snapshot.nodesWithWebhooks.length) return waiting(`the webhooks of ${snapshot.nodesWithWebhooks.join(', ')} to be removed`);
		return { settled: true, errors, waitingFor: '' };
	}

	if (!snapshot.activeVersionId) return waiting('the workflow to be published in the database');
	for (const row of snapshot.statuses) {
		if (row.status === 'failed') errors.push(row.errorMessage ?? `trigger ${row.nodeId} failed`);
	}
	if (!latest) {
		// No outbox row since the baseline: only a state applied before counts (a restart of a
		// published webhook workflow, which n8n does not activate again).
		if (snapshot.publishedVersionId !== snapshot.activeVersionId) return waiting('n8n to apply the published version');
		if (snapshot.statuses.length === 0) return waiting('trigger statuses of the published version');
		if (sinceStart && snapshot.statuses.some((row) => row.triggerKind === 'in-memory')) {
			return waiting('the in-memory triggers to be activated again after start');
		}
	}
	if (errors.length === 0 && webhookNodes) {
		const missing = snapshot.statuses
			.filter((row) => row.status === 'activated')
			.map((row) => webhookNodes.get(row.nodeId))
			.filter((name) => name !== undefined && !snapshot.nodesWithWebhooks.includes(name));
		if (missing.length) return waiting(`the webhooks of ${missing.join(', ')} to be registered`);
	}
	return { settled: true, errors, waitingFor: '' };
}

/**
 * Waits until each of `workflowIds` is published (`published: true`) or unpublished (false) as
 * far as n8n is concerned. `afterOutboxId`: db.lastOutboxId() taken before the (un)publishing, so
 * older outbox outcomes are not mistaken for this one. `alive()` throws (with `fatal`) when n8n
 * died. Resolves with { workflowId: error text } for workflows whose (un)publication failed.
 */
async function waitForPublication({
	dbPath,
	workflowIds,
	published,
	afterOutboxId = 0,
	workflows,
	sinceStart = false,
	timeoutMs = DEFAULT_TIMEOUT_MS,
	alive = () => undefined,
}) {
	const ids = [...new Set((workflowIds ?? []).map(String))];
	if (ids.length === 0) return {};
	const webhookNodesOf = (id) => {
		const workflow = workflows?.get(id);
		return workflow && new Map(workflow.nodes.filter(isWebhookNode).map((node) => [node.id, node.name]));
	};
	let verdicts = {};
	await waitFor(
		() => {
			alive();
			verdicts = Object.fromEntries(
				ids.map((id) => [
					id,
					judgePublication(db.publicationSnapshot(dbPath, id, afterOutboxId), { published, webhookNodes: webhookNodesOf(id), sinceStart }),
				]),
			);
			return Object.values(verdicts).every((verdict) => verdict.settled);
		},
		{
			timeoutMs,
			intervalMs: 500,
			what: `n8n to apply the ${published ? 'publication' : 'unpublication'} of ${ids.join(', ')}`,
			onTimeout: () =>
				Object.entries(verdicts)
					.filter(([, verdict]) => !verdict.settled)
					.map(([id, verdict]) => `${id}: still waiting for ${verdict.waitingFor}`)
					.join('\n'),
		},
	);
	const errors = {};
	for (const [id, verdict] of Object.entries(verdicts)) if (verdict.errors.length) errors[id] = [...new Set(verdict.errors)].join('; ');
	return errors;
}

module.exports = { waitForPublication, judgePublication, DEFAULT_PUBLICATION_TIMEOUT_MS: DEFAULT_TIMEOUT_MS };
