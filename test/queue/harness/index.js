'use strict';
// Public surface of the queue-mode harness (README.md in this folder).
const { startCluster } = require('./cluster');
const { ClusterClient, readState } = require('./client');

module.exports = { startCluster, ClusterClient, readState };
