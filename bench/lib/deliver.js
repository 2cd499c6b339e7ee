'use strict';
// Sends HTTP deliveries with a fixed number in flight, and times them.
const { performance } = require('node:perf_hooks');
const { request } = require('../../test/e2e/harness');

/**
 * Sends every delivery ({ url, body, headers }) at most `concurrency` at a time, in list order.
 * Resolves { statuses: { status: count }, firstSentAt, lastAnsweredAt (Date.now() ms), wallMs, failures }.
 */
async function deliverAll(deliveries, { concurrency = 50, timeoutMs = 120_000 } = {}) {
	const statuses = {};
	const failures = [];
	let next = 0;
	const firstSentAt = Date.now();
	const started = performance.now();
	async function worker() {
		while (next < deliveries.length) {
			const delivery = deliveries[next++];
			try {
				const response = await request(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body, timeoutMs });
				statuses[response.status] = (statuses[response.status] ?? 0) + 1;
			} catch (error) {
				failures.push(error.message);
				statuses.failed = (statuses.failed ?? 0) + 1;
			}
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, worker));
	return { statuses, failures: failures.slice(0, 5), firstSentAt, lastAnsweredAt: Date.now(), wallMs: performance.now() - started };
}

module.exports = { deliverAll };
