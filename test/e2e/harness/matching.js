'use strict';
// Executions a test caused itself: one n8n serves every test of a file, so a test counts only the
// runs that carry something it chose (an order reference, an invoice id), never "the first run".
const { isTerminal } = require('./db');
const { waitFor } = require('./net');

const TIMEOUT_MS = 2 * 60_000;

/** Finished executions of `workflowId` for which `belongs(execution)` is true, oldest first. */
function executionsWhere(n8n, workflowId, belongs) {
	return n8n.executions(workflowId).filter(isTerminal).filter(belongs);
}

/**
 * Waits until at least `count` finished executions of `workflowId` satisfy `belongs`; resolves
 * with all of them, oldest first. The timeout error lists the finished executions it saw.
 */
async function waitForExecutionsWhere(n8n, workflowId, belongs, count, { timeoutMs = TIMEOUT_MS, what = 'matching' } = {}) {
	let seen = [];
	let matching = [];
	await waitFor(
		() => {
			seen = n8n.executions(workflowId).filter(isTerminal);
			matching = seen.filter(belongs);
			return matching.length >= count;
		},
		{
			timeoutMs,
			what: `${count} finished ${what} execution(s) of workflow ${workflowId}`,
			onTimeout: () => `saw ${matching.length} of them among ${JSON.stringify(seen.map(({ id, status, mode }) => ({ id, status, mode })))}`,
		},
	);
	return matching;
}

module.exports = { executionsWhere, waitForExecutionsWhere };
