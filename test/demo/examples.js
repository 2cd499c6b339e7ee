'use strict';
// Reads examples/*.json (n8n workflow exports) for the demo: gives each a fixed id and says
// which ones start with a trigger and so get published.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { isWebhookNode, startsWithLiveTrigger } = require('../e2e/harness/workflows');

// n8n 2.41 saves a workflow's static data only when its id has at most 21 characters
// (isWorkflowIdValid), and triggers keep their registration (secrets, subscription ids) there.
const MAX_WORKFLOW_ID = 21;

function idFor(file, index) {
	const slug = path.basename(file, '.json').replace(/[^A-Za-z0-9]+/g, '') + (index === undefined ? '' : `${index}`);
	if (slug.length <= MAX_WORKFLOW_ID) return slug;
	const hash = crypto.createHash('sha256').update(slug).digest('hex').slice(0, 6);
	return `${slug.slice(0, MAX_WORKFLOW_ID - hash.length)}${hash}`;
}

// Examples carry no webhookId (for some triggers it is the URL's secret); give each demo its own
// random one, before the harness would add a fixed, derived one.
function withRandomWebhookIds(workflow) {
	const nodes = workflow.nodes.map((node) => (isWebhookNode(node) && !node.webhookId ? { ...node, webhookId: crypto.randomUUID() } : node));
	return { ...workflow, nodes };
}

// Sticky notes give demo commands against the emulator at its default address (`npm run
// emulator`, EMULATOR_PORT unset); a demo whose emulator listens elsewhere rewrites them.
const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:8090';

function withEmulatorUrl(workflow, emulatorUrl) {
	if (!emulatorUrl || emulatorUrl === DEFAULT_EMULATOR_URL) return workflow;
	const nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-base.stickyNote' && typeof node.parameters?.content === 'string'
			? { ...node, parameters: { ...node.parameters, content: node.parameters.content.replaceAll(DEFAULT_EMULATOR_URL, emulatorUrl) } }
			: node,
	);
	return { ...workflow, nodes };
}

/**
 * [{ file, workflow, publish }] for every workflow in `dir` (none when the folder is missing).
 * With `emulatorUrl`, sticky notes name that emulator instead of the default one.
 */
function loadExamples(dir, { emulatorUrl } = {}) {
	if (!fs.existsSync(dir)) return [];
	const examples = [];
	for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
		const file = path.join(dir, name);
		let parsed;
		try {
			parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (error) {
			process.stderr.write(`! skipping ${name}: ${error.message}\n`);
			continue;
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		list.forEach((workflow, index) => {
			if (!workflow || !Array.isArray(workflow.nodes)) {
				process.stderr.write(`! skipping ${name}${list.length > 1 ? `[${index}]` : ''}: not a workflow\n`);
				return;
			}
			const id = workflow.id || (list.length > 1 ? idFor(file, index) : idFor(file));
			const prepared = withEmulatorUrl(withRandomWebhookIds({ ...workflow, id, name: workflow.name || id }), emulatorUrl);
			examples.push({ file, workflow: prepared, publish: startsWithLiveTrigger(workflow) });
		});
	}
	return examples;
}

module.exports = { loadExamples, idFor, MAX_WORKFLOW_ID, DEFAULT_EMULATOR_URL };
