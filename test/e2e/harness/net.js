'use strict';
// HTTP and port helpers (global fetch, Node 18+).
const net = require('node:net');
const { sleep } = require('./proc');

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/**
 * fetch with a timeout; resolves { status, headers, text, json } and never throws on HTTP
 * status (json is undefined when the body is not JSON). Network errors reject.
 */
async function request(url, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) {
	const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' };
	if (body !== undefined) {
		if (typeof body === 'string' || Buffer.isBuffer(body)) {
			init.body = body;
		} else {
			init.body = JSON.stringify(body);
			if (!Object.keys(init.headers).some((key) => key.toLowerCase() === 'content-type')) {
				init.headers['content-type'] = 'application/json';
			}
		}
	}
	const response = await fetch(url, init);
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: Object.fromEntries(response.headers), text, json };
}

/** Polls `check` (async, returns a truthy value when done) until it succeeds or time runs out. */
async function waitFor(check, { timeoutMs = 60_000, intervalMs = 250, what = 'condition', onTimeout } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const result = await check();
			if (result) return result;
		} catch (error) {
			if (error && error.fatal) throw error;
			lastError = error;
		}
		if (Date.now() > deadline) {
			const detail = lastError ? ` (last error: ${lastError.message})` : '';
			const extra = onTimeout ? `\n${onTimeout()}` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}${extra}`);
		}
		await sleep(intervalMs);
	}
}

module.exports = { freePort, portIsFree, request, waitFor };
