'use strict';
// Jest globalSetup for the e2e project: install n8n (cached) and pack the built package once.
const fs = require('node:fs');
const path = require('node:path');
const { e2eDir, stateFile } = require('./paths');
const { ensureN8n } = require('./install');
const { packPackage } = require('./pack');
const { killRegistered, folderIsUnused, log } = require('./proc');

module.exports = async function globalSetup() {
	fs.mkdirSync(e2eDir, { recursive: true });
	const leftovers = await killRegistered();
	if (leftovers) log(`stopped ${leftovers} process group(s) left over from a run that died`);
	// User folders of earlier runs are kept for debugging until the next run starts; folders a
	// live run (a concurrent test run, the demo) still uses are left alone.
	for (const name of fs.readdirSync(e2eDir)) {
		const dir = path.join(e2eDir, name);
		if (name.startsWith('run-') && folderIsUnused(dir)) fs.rmSync(dir, { recursive: true, force: true });
	}
	const n8n = await ensureN8n();
	const tarball = await packPackage();
	// Per run, so a concurrent run (another terminal, the demo) cannot swap the tarball under us;
	// jest's workers inherit the variable.
	const state = stateFile.replace(/\.json$/, `-${process.pid}.json`);
	fs.writeFileSync(state, JSON.stringify({ n8n, tarball, createdAt: new Date().toISOString() }, null, 2));
	fs.copyFileSync(state, stateFile);
	process.env.E2E_STATE_FILE = state;
};
