'use strict';
// Long-running processes the queue harness starts (Redis, Postgres, five n8n processes), recorded
// in .queue/pids/ by the e2e harness's pid registry: one file per process with its start time (a
// recycled pid is never taken for ours) and the run that started it. Whatever a dead run left
// behind is stopped by the next one; groups this process started die with it, even without stop().
const { pidRegistry, processIdentity } = require('../../e2e/harness/proc');
const { pidsDir } = require('./paths');

module.exports = { ...pidRegistry(pidsDir, { graceMs: 10_000, killOnExit: true }), self: processIdentity() };
