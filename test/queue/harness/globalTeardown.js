'use strict';
// Jest globalTeardown of the `queue` project: nothing the suite started may outlive it.
const { log } = require('./paths');
const registry = require('./registry');

module.exports = async function globalTeardown() {
	await globalThis.__queueCluster?.stop();
	globalThis.__queueCluster = undefined;
	const left = await registry.stopRegistered();
	if (left.length) log(`stopped ${left.join(', ')} that the queue suite left running`);
};
