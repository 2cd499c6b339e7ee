'use strict';
// Public surface of the e2e harness. See README.md in this folder for the API.
const { ensureN8n } = require('./install');
const { packPackage } = require('./pack');
const { startN8n, ENCRYPTION_KEY } = require('./n8n');
const { nodeOutput, executionError } = require('./db');
const { executionsWhere, waitForExecutionsWhere } = require('./matching');
const { freePort, request, waitFor } = require('./net');
const { linearWorkflow, webhookNode, manualTriggerNode, setNode, stableUuid, PACKAGE_PREFIX } = require('./workflows');
const { DEFAULT_OWNER } = require('./owner');
const { emulatorCredentials, bindCredentials } = require('./credentials');

module.exports = {
	ensureN8n,
	packPackage,
	startN8n,
	nodeOutput,
	executionError,
	executionsWhere,
	waitForExecutionsWhere,
	freePort,
	request,
	waitFor,
	linearWorkflow,
	webhookNode,
	manualTriggerNode,
	setNode,
	stableUuid,
	PACKAGE_PREFIX,
	DEFAULT_OWNER,
	emulatorCredentials,
	bindCredentials,
	ENCRYPTION_KEY,
};
