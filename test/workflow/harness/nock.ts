// Workflow tests import nock from here. Jest gives every test file its own module registry, so
// each file loads its own nock, and each copy patches Node's shared http/https modules (which
// n8n-core's request helpers go through). The copy must be taken off again when its file ends,
// or the next file in the same worker would be answered by a stale copy.
//
// `nock(...)` here is nock's own, except that it remembers the scopes a test made, so the end of
// the test can name the one-off interceptors it never used (isolation.ts).
import nockModule from 'nock';

const scopes = new Set<nockModule.Scope>();

function trackedNock(...args: Parameters<typeof nockModule>): nockModule.Scope {
	const scope = nockModule(...args);
	scopes.add(scope);
	return scope;
}

export const nock: typeof nockModule = Object.assign(trackedNock, nockModule);

/** Interceptors of non-persisted scopes made since the last call that were never called. */
export function takeUnusedInterceptors(): string[] {
	const unused: string[] = [];
	for (const scope of scopes) {
		// A persisted scope is a fake's standing routes: a test need not use all of them.
		const persisted = (scope as unknown as { shouldPersist?: () => boolean }).shouldPersist?.() === true;
		if (!persisted) unused.push(...scope.pendingMocks());
	}
	scopes.clear();
	return unused;
}

if (!nock.isActive()) nock.activate();
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
