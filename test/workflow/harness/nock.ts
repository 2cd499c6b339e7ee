// Workflow tests import nock from here so that every test file shares the one copy that
// patches Node's http/https modules, which n8n-core's request helpers go through.
import nockModule from 'nock';

export const nock = nockModule;
