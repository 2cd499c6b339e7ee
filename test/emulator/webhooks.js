'use strict';
// Outbound webhook delivery: POST to the receiver (n8n), record every attempt, retry on non-2xx
// or network error after each delay of the provider's schedule. Only loopback targets are allowed.
const http = require('node:http');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function postOnce(target, headers, body, timeoutMs) {
	return new Promise((resolve) => {
		const req = http.request(
			target,
			{ method: 'POST', headers: { ...headers, 'content-length': body.length }, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, response: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (err) => resolve({ status: null, error: err.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (err) => resolve({ status: null, error: err.message }));
		req.end(body);
	});
}

function createWebhookSender() {
	const deliveries = [];
	const timers = new Map(); // timer → resolve, so close() can wake sleeping retries
	let nextId = 1;
	let closed = false;

	function wait(ms) {
		return new Promise((resolve) => {
			if (closed) return resolve();
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.set(t, resolve);
		});
	}

	/**
	 * Sends one webhook. Returns the delivery record at once; `record.done` resolves to the same
	 * record after the last attempt.
	 */
	function send(url, { headers = {}, body = '', retries = [], timeoutMs = 15000, provider = null, meta } = {}) {
		const payload = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
		const record = {
			id: nextId++,
			provider,
			url,
			headers: { ...headers },
			body: payload.toString('utf8'),
			meta,
			attempts: [],
			status: 'pending',
		};
		Object.defineProperty(record, 'rawBody', { value: payload, enumerable: false });
		deliveries.push(record);

		let target;
		try {
			target = new URL(url);
		} catch {
			target = null;
		}
		if (!target || target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
			record.attempts.push({ at: new Date().toISOString(), status: null, error: 'refused: only http://127.0.0.1 (loopback) targets are allowed' });
			record.status = 'failed';
			Object.defineProperty(record, 'done', { value: Promise.resolve(record), enumerable: false });
			return record;
		}

		const run = async () => {
			for (let attempt = 0; attempt <= retries.length; attempt++) {
				if (attempt > 0) await wait(retries[attempt - 1]);
				if (closed) {
					record.status = 'aborted';
					return record;
				}
				const at = new Date().toISOString();
				const started = Date.now();
				const result = await postOnce(target, record.headers, payload, timeoutMs);
				record.attempts.push({ at, status: result.status, error: result.error, durationMs: Date.now() - started, response: result.response });
				if (result.status >= 200 && result.status < 300) {
					record.status = 'delivered';
					return record;
				}
			}
			record.status = 'failed';
			return record;
		};
		Object.defineProperty(record, 'done', { value: run(), enumerable: false });
		return record;
	}

	return {
		deliveries,
		send,
		reset() {
			deliveries.length = 0;
		},
		close() {
			closed = true;
			for (const [t, resolve] of timers) {
				clearTimeout(t);
				resolve();
			}
			timers.clear();
		},
	};
}

module.exports = { createWebhookSender };
