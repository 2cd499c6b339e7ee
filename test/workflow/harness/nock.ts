// nock 15 is an ES module. Jest's module loader can only `require` ES modules when Node runs
// with --experimental-vm-modules; without the flag it throws ERR_REQUIRE_ESM. In that case we
// load nock with Node's own loader (Node 24 supports require(esm); jest replaces createRequire,
// so we go through Module._load). That copy patches the shared `http`/`https` core modules, which
// is what n8n-core's request helpers (axios) go through, so interception works the same.
// Import nock from the harness, not from 'nock', in workflow tests.
import Module from 'node:module';
import type NockDefault from 'nock';

type Nock = typeof NockDefault;
type NockModule = Nock & { default?: Nock };

function loadNock(): Nock {
	let loaded: NockModule;
	try {
		loaded = require('nock') as NockModule;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
		const nodeLoader = Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown };
		loaded = nodeLoader._load(require.resolve('nock'), null, false) as NockModule;
	}
	return loaded.default ?? loaded;
}

export const nock: Nock = loadNock();
