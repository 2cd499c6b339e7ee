'use strict';
// Jest globalTeardown for the e2e project: nothing the harness started may outlive the run.
const fs = require('node:fs');
const { killRegistered, log } = require('./proc');

module.exports = async function globalTeardown() {
	const killed = await killRegistered();
	if (killed) log(`stopped ${killed} process group(s) a test left running`);
	if (process.env.E2E_STATE_FILE) fs.rmSync(process.env.E2E_STATE_FILE, { force: true });
};
