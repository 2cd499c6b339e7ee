'use strict';
// Jest globalSetup of the `queue` project: one queue-mode cluster for the whole suite (Redis,
// Postgres, n8n main, two webhook processes, two workers). Tests reach it through
// .queue/state.json (client.js); each test imports and publishes workflows of its own.
const { startCluster } = require('./cluster');

module.exports = async function globalSetup() {
	globalThis.__queueCluster = await startCluster();
};
