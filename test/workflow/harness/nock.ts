// Workflow tests import nock from here. Jest gives every test file its own module registry, so
// each file loads its own nock, and each copy patches Node's shared http/https modules (which
// n8n-core's request helpers go through). The copy must be taken off again when its file ends,
// or the next file in the same worker would be answered by a stale copy.
import nockModule from 'nock';

export const nock = nockModule;

if (!nock.isActive()) nock.activate();
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
