'use strict';
// A tiny method + path router. Patterns use `:name` segments: '/v2/accounts/:sid/messages'.

function compile(pattern) {
	const segments = pattern.split('/').filter(Boolean);
	return (pathname) => {
		const parts = pathname.split('/').filter(Boolean);
		if (parts.length !== segments.length) return null;
		const params = {};
		for (let i = 0; i < segments.length; i++) {
			const seg = segments[i];
			let part;
			try {
				part = decodeURIComponent(parts[i]);
			} catch {
				return null;
			}
			if (seg.startsWith(':')) params[seg.slice(1)] = part;
			else if (seg !== part) return null;
		}
		return params;
	};
}

function createRouter() {
	const routes = [];
	return {
		add(method, pattern, handler, provider) {
			routes.push({ method: method.toUpperCase(), pattern, match: compile(pattern), handler, provider });
		},
		/** → { route, params } | { methodNotAllowed: true, provider } | null */
		find(method, pathname) {
			let samePath = null;
			for (const route of routes) {
				const params = route.match(pathname);
				if (!params) continue;
				if (route.method === method || route.method === '*') return { route, params };
				samePath ??= route;
			}
			return samePath ? { methodNotAllowed: true, provider: samePath.provider } : null;
		},
		list() {
			return routes.map(({ method, pattern, provider }) => ({ method, pattern, provider }));
		},
	};
}

module.exports = { createRouter, compile };
