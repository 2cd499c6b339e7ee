'use strict';
// Jest globalTeardown for the e2e project: nothing the harness started may outlive the run.
const { killRegistered, log } = require('./proc');

module.exports = async function globalTeardown() {
	const killed = await killRegistered();
	if (killed) log(`stopped ${killed} process group(s) a test left running`);
};
