'use strict';
// Normalises workflow fixtures for `n8n import:workflow`: fixed ids, fixed webhookIds, defaults.
const crypto = require('node:crypto');

const PACKAGE_PREFIX = 'n8n-nodes-chat-payments.';

/** A stable UUID-shaped id derived from the given parts (same input, same id, every run). */
function stableUuid(...parts) {
	const hex = crypto.createHash('sha1').update(parts.join('\u0000')).digest('hex');
	return [hex.slice(0, 8), hex.slice(8, 12), `5${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

/** Whether a node answers HTTP at /webhook/... once its workflow is published. */
function isWebhookNode(node) {
	if (node.disabled) return false;
	if (node.type === 'n8n-nodes-base.webhook' || node.type === 'n8n-nodes-base.formTrigger') return true;
	return node.type.startsWith(PACKAGE_PREFIX) && /Trigger$/.test(node.type);
}

function isManualTrigger(node) {
	return node.type === 'n8n-nodes-base.manualTrigger' || node.type === 'n8n-nodes-base.executeWorkflowTrigger';
}

/** Whether the workflow starts from something publishing makes live (webhook, schedule, ...). */
function startsWithLiveTrigger(workflow) {
	return (workflow.nodes ?? []).some(
		(node) => !node.disabled && !isManualTrigger(node) && /(Trigger|webhook)$/i.test(node.type),
	);
}

function prepareWorkflow(input) {
	if (!input || typeof input !== 'object') throw new Error('workflow must be an object');
	if (!input.id) throw new Error(`workflow ${JSON.stringify(input.name)} needs a fixed "id"`);
	const workflow = structuredClone(input);
	workflow.id = String(workflow.id);
	workflow.name ??= workflow.id;
	workflow.active = false;
	workflow.connections ??= {};
	workflow.settings = { executionOrder: 'v1', ...(workflow.settings ?? {}) };
	workflow.nodes = (workflow.nodes ?? []).map((node, index) => {
		const copy = { ...node };
		copy.id ??= stableUuid(workflow.id, 'node', node.name);
		copy.parameters ??= {};
		copy.position ??= [index * 220, 0];
		if (isWebhookNode(copy)) copy.webhookId ??= stableUuid(workflow.id, 'webhook', node.name);
		return copy;
	});
	return workflow;
}

/**
 * A workflow whose nodes run one after the other (main output 0 → main input 0).
 * nodes: [{ name, type, typeVersion, parameters, credentials?, webhookId? }, ...]
 */
function linearWorkflow({ id, name, nodes, settings }) {
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: name ?? id, nodes: nodes.map((node, index) => ({ position: [index * 220, 0], ...node })), connections, settings };
}

/** Core Webhook node that answers with the last node's items (POST <base>/webhook/<path>). */
function webhookNode(webhookPath, { name = 'Webhook', method = 'POST' } = {}) {
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: method, path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

function manualTriggerNode(name = 'Start') {
	return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** Core Set node assigning fields: { field: value or '={{ expression }}' }. */
function setNode(name, fields) {
	const assignments = Object.entries(fields).map(([field, value], index) => ({
		id: stableUuid(name, field, String(index)),
		name: field,
		value,
		type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string',
	}));
	return { name, type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { assignments: { assignments }, options: {} } };
}

/** node name → webhookId for the webhook nodes of a prepared workflow. */
function webhookIdsOf(workflow) {
	return Object.fromEntries(workflow.nodes.filter((node) => node.webhookId).map((node) => [node.name, node.webhookId]));
}

module.exports = {
	linearWorkflow,
	webhookNode,
	manualTriggerNode,
	setNode,
	prepareWorkflow,
	webhookIdsOf,
	isWebhookNode,
	startsWithLiveTrigger,
	stableUuid,
	PACKAGE_PREFIX,
};
