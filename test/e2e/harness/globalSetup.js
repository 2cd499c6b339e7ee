'use strict';
// Jest globalSetup for the e2e project: install n8n (cached) and pack the built package once.
const fs = require('node:fs');
const path = require('node:path');
const { e2eDir, stateFile } = require('./paths');
const { ensureN8n } = require('./install');
const { packPackage } = require('./pack');
const { killRegistered, log } = require('./proc');

module.exports = async function globalSetup() {
	fs.mkdirSync(e2eDir, { recursive: true });
	const leftovers = await killRegistered();
	if (leftovers) log(`stopped ${leftovers} process group(s) left over from an earlier run`);
	// User folders of the previous run are kept for debugging until the next run starts.
	for (const name of fs.readdirSync(e2eDir)) {
		if (name.startsWith('run-')) fs.rmSync(path.join(e2eDir, name), { recursive: true, force: true });
	}
	const n8n = await ensureN8n();
	const tarball = await packPackage();
	fs.writeFileSync(stateFile, JSON.stringify({ n8n, tarball, createdAt: new Date().toISOString() }, null, 2));
};
