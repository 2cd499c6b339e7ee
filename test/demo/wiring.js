'use strict';
// Tells the in-process emulator where the demo's published payment triggers listen, so a
// payment made through the emulator's control API reaches n8n.
const { PACKAGE_PREFIX } = require('../e2e/harness/workflows');

const WIRES = {
	[`${PACKAGE_PREFIX}exotelTrigger`]: (emulator, url) => {
		if (!emulator.config.exotel) return undefined;
		emulator.config.exotel.defaultStatusCallback = url;
		return `emulator: Exotel status callbacks → ${url}`;
	},
	[`${PACKAGE_PREFIX}craftgateTrigger`]: (emulator, url) => {
		if (!emulator.config.craftgate) return undefined;
		emulator.config.craftgate.merchantWebhookUrl = url;
		return `emulator: Craftgate merchant webhook → ${url}`;
	},
};

/** Returns one line per wire made. The last published trigger of a provider wins. */
async function wireEmulator(emulator, n8n, publishedIds) {
	const lines = [];
	const published = new Set(publishedIds.map(String));
	for (const hook of n8n.webhooks()) {
		if (!published.has(hook.workflowId)) continue;
		const node = n8n.workflows.get(hook.workflowId)?.nodes.find((candidate) => candidate.name === hook.node);
		const wire = node && WIRES[node.type];
		const line = wire && wire(emulator, n8n.webhookUrl(undefined, hook.webhookPath));
		if (line) lines.push(line);
	}
	return lines;
}

module.exports = { wireEmulator };
