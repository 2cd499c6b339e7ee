'use strict';
// The offline provider emulator: one local HTTP server that plays the payment providers.
// See README.md in this folder for the API.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { createRouter } = require('./router');
const { createWebhookSender } = require('./webhooks');
const { createFaults, applyFault, registerFaultRoutes } = require('./faults');
const defaultCredentials = require('./credentials');

const PROVIDERS_DIR = path.join(__dirname, 'providers');
const CONTROL_PREFIX = '/_control';

/** Provider names with a module in providers/<name>.js (sub-folders hold their helpers). */
function availableProviders() {
	return fs
		.readdirSync(PROVIDERS_DIR, { withFileTypes: true })
		.filter((e) => e.isFile() && e.name.endsWith('.js'))
		.map((e) => e.name.slice(0, -3))
		.sort();
}

function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Merges patch into target in place: objects merge, everything else (arrays too) replaces. */
function deepMerge(target, patch) {
	if (!isPlainObject(patch)) return target;
	for (const [key, value] of Object.entries(patch)) {
		if (isPlainObject(value) && isPlainObject(target[key])) deepMerge(target[key], value);
		else target[key] = isPlainObject(value) ? deepMerge({}, value) : value;
	}
	return target;
}

function parseBody(rawBody, contentType = '') {
	if (rawBody.length === 0) return { body: undefined };
	const text = rawBody.toString('utf8');
	if (/json/i.test(contentType)) {
		try {
			return { body: JSON.parse(text) };
		} catch (err) {
			return { body: undefined, parseError: `invalid JSON: ${err.message}` };
		}
	}
	if (/application\/x-www-form-urlencoded/i.test(contentType)) {
		return { body: Object.fromEntries(new URLSearchParams(text)) };
	}
	return { body: undefined };
}

/** A control request's JSON object whatever its content type (curl -d sends it as form-urlencoded). */
function jsonBody(ctx) {
	try {
		const parsed = JSON.parse(ctx.rawBody.toString('utf8'));
		return isPlainObject(parsed) ? parsed : undefined;
	} catch {
		return isPlainObject(ctx.body) ? ctx.body : undefined; // form fields: curl -d reference_id=…
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function json(res, status, obj, headers = {}) {
	const body = Buffer.from(JSON.stringify(obj), 'utf8');
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...headers });
	res.end(body);
}

function text(res, status, body, headers = {}) {
	const buf = Buffer.from(String(body), 'utf8');
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': buf.length, ...headers });
	res.end(buf);
}

function byProvider(list, provider) {
	return provider ? list.filter((e) => e.provider === provider) : list;
}

function removeWhere(list, predicate) {
	for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i])) list.splice(i, 1);
}

function registerControlRoutes(emu, reset) {
	const r = (m, p, h) => emu.route(m, CONTROL_PREFIX + p, h, { provider: null });
	r('GET', '/health', (req, res) => json(res, 200, { ok: true, providers: emu.providers }));
	r('GET', '/routes', (req, res) => json(res, 200, { routes: emu.router.list() }));
	r('GET', '/requests', (req, res, { query }) => {
		const requests = byProvider(emu.requests, query.provider);
		json(res, 200, { count: requests.length, requests });
	});
	r('DELETE', '/requests', (req, res, { query }) => {
		removeWhere(emu.requests, (e) => !query.provider || e.provider === query.provider);
		json(res, 200, { count: 0 });
	});
	r('GET', '/webhooks', (req, res, { query }) => {
		const webhooks = byProvider(emu.webhooks, query.provider);
		json(res, 200, { count: webhooks.length, webhooks });
	});
	r('DELETE', '/webhooks', (req, res, { query }) => {
		removeWhere(emu.webhooks, (e) => !query.provider || e.provider === query.provider);
		json(res, 200, { count: 0 });
	});
	r('GET', '/config', (req, res) => json(res, 200, emu.config));
	const patchConfig = (req, res, ctx) => {
		const body = jsonBody(ctx);
		if (!body) return json(res, 400, { error: 'send a JSON object to merge into the config' });
		deepMerge(emu.config, body);
		json(res, 200, emu.config);
	};
	r('POST', '/config', patchConfig);
	r('PATCH', '/config', patchConfig);
	r('POST', '/reset', (req, res) => {
		reset();
		json(res, 200, { ok: true });
	});
}

/** What a provider's register() gets: emu, with route()/sendWebhook()/credentials() tagged with its name. */
function providerView(emu, sender, name) {
	const view = Object.create(emu);
	view.provider = name;
	view.route = (method, pattern, handler, { provider = name } = {}) => emu.router.add(method, pattern, handler, provider);
	view.sendWebhook = (url, options = {}) => sender.send(url, { provider: name, ...options });
	view.credentials = (other = name) => emu.config.credentials[other];
	return view;
}

/**
 * Starts the emulator.
 * @param {{ port?: number, host?: string, providers?: string[], config?: object, quiet?: boolean }} [options]
 * @returns {Promise<object>} the emulator: { url, port, close(), state, requests, webhooks, config, ... }
 */
async function createEmulator({ port = 0, host = '127.0.0.1', providers, config = {}, quiet = true } = {}) {
	if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('the emulator binds to 127.0.0.1 only');
	const names = providers ?? availableProviders();
	const modules = {};
	for (const name of names) modules[name] = require(path.join(PROVIDERS_DIR, `${name}.js`));

	const router = createRouter();
	const sender = createWebhookSender();
	const initialConfig = { credentials: structuredClone(defaultCredentials) };
	for (const [name, mod] of Object.entries(modules)) initialConfig[name] = structuredClone(mod.defaults ?? {});

	const emu = {
		url: null,
		port: null,
		providers: names,
		config: deepMerge(initialConfig, config),
		state: {},
		requests: [],
		webhooks: sender.deliveries,
		faults: createFaults(),
		router,
		json,
		text,
		deepMerge,
		jsonBody,
		log: (...args) => quiet || console.log('[emulator]', ...args),
		provider: null,
		route: (method, pattern, handler, { provider = null } = {}) => router.add(method, pattern, handler, provider),
		sendWebhook: (url, options = {}) => sender.send(url, options),
		credentials: (name) => emu.config.credentials[name],
		countRequests(provider) {
			return byProvider(emu.requests, provider).length;
		},
	};

	const initState = () => {
		for (const [name, mod] of Object.entries(modules)) emu.state[name] = mod.createState ? mod.createState() : {};
	};
	const reset = () => {
		emu.requests.length = 0;
		emu.faults.clear();
		sender.reset();
		initState();
	};
	initState();
	registerControlRoutes(emu, reset);
	registerFaultRoutes(emu);
	// Each provider gets a view of emu whose route()/sendWebhook() are tagged with its name.
	for (const [name, mod] of Object.entries(modules)) mod.register(providerView(emu, sender, name));

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(CONTROL_PREFIX + '/');
		try {
			const rawBody = await readBody(req);
			const found = router.find(req.method, url.pathname);
			if (!isControl) {
				const entry = {
					provider: found?.route?.provider ?? found?.provider ?? null,
					method: req.method,
					path: url.pathname,
					url: req.url,
					at: new Date().toISOString(),
					status: null,
				};
				emu.requests.push(entry);
				res.on('finish', () => (entry.status = res.statusCode));
			}
			emu.log(req.method, req.url);
			if (!found) return json(res, 404, { error: 'no emulator route', method: req.method, path: url.pathname });
			if (found.methodNotAllowed) return json(res, 405, { error: 'method not allowed', method: req.method, path: url.pathname });
			const fault = isControl ? undefined : emu.faults.take(req.method, url.pathname);
			if (fault) {
				emu.requests[emu.requests.length - 1].fault = fault.kind;
				if (applyFault(emu, fault, req, res)) return;
			}
			const { body, parseError } = parseBody(rawBody, req.headers['content-type']);
			await found.route.handler(req, res, {
				params: found.params,
				query: Object.fromEntries(url.searchParams),
				rawBody,
				body,
				parseError,
				headers: req.headers,
				fault,
			});
		} catch (err) {
			if (!res.headersSent) json(res, 500, { error: 'emulator error', message: err.message });
			else res.destroy(err);
		}
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	emu.port = server.address().port;
	emu.url = `http://127.0.0.1:${emu.port}`;
	emu.reset = reset;
	emu.close = () =>
		new Promise((resolve) => {
			sender.close();
			emu.faults.clear();
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return emu;
}

module.exports = { createEmulator, availableProviders, deepMerge };
