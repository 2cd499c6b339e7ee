'use strict';
// Fault injection: make the next K requests to a provider path fail the way a network or a busy
// provider fails, to test what the nodes do then (retry a read, never repeat a create or a send,
// report an unknown outcome). Faults are rules checked before a provider route runs; control
// routes are never affected. See README.md ("Faults") for the control API.
const { compile } = require('./router');

const KINDS = new Set(['status', 'rateLimit', 'reset', 'hang', 'malformed', 'partial']);

/** How long a hung request is held at most before its socket is destroyed. */
const DEFAULT_HANG_MS = 120_000;

function validate(spec) {
	if (!spec || typeof spec !== 'object') return 'send a JSON object: { path, kind, count?, method?, ... }';
	if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) return '`path` must be a path pattern such as /craftlink/v1/products/:id';
	if (spec.path.startsWith('/_control')) return 'control routes cannot be faulted';
	if (!KINDS.has(spec.kind)) return `\`kind\` must be one of ${[...KINDS].join(', ')}`;
	if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1)) return '`count` must be a whole number ≥ 1';
	return undefined;
}

/** A rule as the control API shows it (without its path matcher). */
function shown(rule) {
	const copy = { ...rule };
	delete copy.match;
	return copy;
}

/** The fault rules of one emulator, and the requests they were applied to. */
function createFaults() {
	const rules = [];
	const hung = new Set();
	let nextId = 1;

	return {
		rules,
		/** Adds a rule; returns it, or throws with what is wrong with `spec`. */
		add(spec) {
			const problem = validate(spec);
			if (problem) throw new Error(problem);
			const rule = {
				id: nextId++,
				method: spec.method ? String(spec.method).toUpperCase() : '*',
				path: spec.path,
				kind: spec.kind,
				remaining: spec.count ?? 1,
				hits: 0,
				status: spec.status,
				retryAfter: spec.retryAfter ?? 1,
				hangMs: spec.hangMs ?? DEFAULT_HANG_MS,
				processed: spec.processed === true,
				body: spec.body,
				accept: spec.accept ?? 1,
				match: compile(spec.path),
			};
			rules.push(rule);
			return rule;
		},
		/** The first rule with requests left that matches, counted as used; undefined when none. */
		take(method, pathname) {
			const rule = rules.find((r) => r.remaining > 0 && (r.method === '*' || r.method === method) && r.match(pathname));
			if (!rule) return undefined;
			rule.remaining--;
			rule.hits++;
			return rule;
		},
		list() {
			return rules.map(shown);
		},
		clear() {
			rules.length = 0;
			for (const release of hung) release();
			hung.clear();
		},
		/** Holds a request open until `ms` pass or clear()/close(); then drops the connection. */
		hold(res, ms) {
			return new Promise((resolve) => {
				const release = () => {
					clearTimeout(timer);
					hung.delete(release);
					res.destroy();
					resolve();
				};
				const timer = setTimeout(release, ms);
				timer.unref();
				hung.add(release);
				res.once('close', release);
			});
		},
	};
}

/** Lets the route run but throws its answer away; `then()` decides what the caller sees instead. */
function swallowAnswer(res, then) {
	res.writeHead = () => res;
	res.setHeader = () => res;
	res.write = () => true;
	res.end = () => {
		then();
		return res;
	};
}

/**
 * Applies `rule` to one request. Returns true when the fault answered (or dropped) the request;
 * false when the route must still run (a `processed` reset or hang, which act on its answer, and
 * `partial`, which the provider route reads from ctx.fault).
 */
function applyFault(emu, rule, req, res) {
	switch (rule.kind) {
		case 'status': {
			const status = rule.status ?? 500;
			emu.json(res, status, rule.body ?? { error: 'emulated fault', status });
			return true;
		}
		case 'rateLimit':
			emu.json(res, rule.status ?? 429, rule.body ?? { error: 'Too Many Requests' }, { 'retry-after': String(rule.retryAfter) });
			return true;
		case 'malformed': {
			const text = typeof rule.body === 'string' ? rule.body : '{"data": {"id": 1, "status": ';
			const buffer = Buffer.from(text, 'utf8');
			res.writeHead(rule.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'content-length': buffer.length });
			res.end(buffer);
			return true;
		}
		case 'reset':
			if (rule.processed) {
				swallowAnswer(res, () => res.destroy());
				return false;
			}
			res.destroy();
			return true;
		case 'hang':
			if (rule.processed) {
				swallowAnswer(res, () => void emu.faults.hold(res, rule.hangMs));
				return false;
			}
			void emu.faults.hold(res, rule.hangMs);
			return true;
		default:
			return false; // partial: the provider route applies it
	}
}

function registerFaultRoutes(emu) {
	const r = (method, path, handler) => emu.route(method, `/_control${path}`, handler, { provider: null });
	r('POST', '/faults', (req, res, ctx) => {
		try {
			emu.json(res, 200, { fault: shown(emu.faults.add(emu.jsonBody(ctx))) });
		} catch (err) {
			emu.json(res, 400, { error: err.message });
		}
	});
	r('GET', '/faults', (req, res) => emu.json(res, 200, { faults: emu.faults.list() }));
	r('DELETE', '/faults', (req, res) => {
		emu.faults.clear();
		emu.json(res, 200, { faults: [] });
	});
}

module.exports = { createFaults, applyFault, registerFaultRoutes, DEFAULT_HANG_MS };
