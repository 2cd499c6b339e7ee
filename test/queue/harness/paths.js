'use strict';
// Where the queue-mode harness keeps things: .queue/ at the repository root (git-ignored), apart
// from the e2e harness's .e2e/, so the two never touch each other's state.
const path = require('node:path');
const { repoRoot, cacheDir } = require('../../e2e/harness/paths');

const queueDir = path.join(repoRoot, '.queue');
const pidsDir = path.join(queueDir, 'pids');
const stateFile = path.join(queueDir, 'state.json');
const measurementsFile = path.join(queueDir, 'measurements.json');
const servicesInstallLog = path.join(cacheDir, 'queue-services-install.log');

/** Progress lines of the queue harness, on stderr. */
function log(message) {
	process.stderr.write(`[queue] ${message}\n`);
}

module.exports = { log, repoRoot, queueDir, pidsDir, stateFile, measurementsFile, servicesInstallLog };
