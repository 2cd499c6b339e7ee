// The package in the real n8n 2.41 editor, driven in headless Chromium (Debian's chromium package,
// installed on first use; playwright-core as the driver) against the demo's setup: the emulator,
// its credentials, every example workflow imported and the trigger ones published. As the owner,
// it searches the nodes panel, opens every example and every package node's panel, and runs the
// Exotel example from the editor. The screenshots it takes are the README's pictures
// (docs/screenshots/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { EditorPage } from './editor/editorPage';
import { MAIN_PARAMETERS, PLAIN_NODES, SEARCHES, SEARCH_THAT_FINDS_ALL, mainParametersKey } from './editor/expectations';

const harness = require('./harness');
const { launchBrowser } = require('./harness/browser');
const { repoRoot } = require('./harness/paths');
const { createEmulator } = require('../emulator/server');
const { loadExamples } = require('../demo/examples');
const demoWiring = require('../demo/wiring');

const { PACKAGE_PREFIX } = harness;
const SCREENSHOTS = path.join(repoRoot, 'docs', 'screenshots');
const shot = (name: string) => path.join(SCREENSHOTS, `${name}.png`);

const examples: any[] = loadExamples(path.join(repoRoot, 'examples'));
const exampleName = (example: any) => path.basename(example.file, '.json');
const RUN_EXAMPLE = 'exotel-send-payment-request';

/** The package's node types (without prefix), from package.json's list of built node files. */
function packageNodeTypes(): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	return pkg.n8n.nodes.map((file: string) => {
		const base = path.basename(file, '.node.js');
		return `${base[0].toLowerCase()}${base.slice(1)}`;
	});
}

const isSticky = (node: any) => node.type === 'n8n-nodes-base.stickyNote';
const isPackageNode = (node: any) => node.type.startsWith(PACKAGE_PREFIX);

// A node copied from an example without its credential: n8n must mark it, or the checks that
// no example node is marked would prove nothing.
const CONTROL_ID = 'editorNoCredential';
const CONTROL_NAME = 'Editor check: Craftgate without credential';
const CONTROL_NODE = 'Create Payment Link';

function controlWorkflow() {
	const source = examples.find((example) => exampleName(example) === 'craftgate-payment-link');
	if (!source) throw new Error('examples/craftgate-payment-link.json must load');
	const node = structuredClone(source.workflow.nodes.find((candidate: any) => candidate.name === CONTROL_NODE));
	delete node.credentials;
	return harness.linearWorkflow({ id: CONTROL_ID, name: CONTROL_NAME, nodes: [harness.manualTriggerNode(), { ...node, position: [220, 0] }] });
}

describe('the package in the n8n editor (headless Chromium, demo setup)', () => {
	let n8n: any;
	let emulator: any;
	let browser: Browser;
	let editor: EditorPage;
	let credentialNames: Record<string, string>;

	beforeAll(async () => {
		browser = await launchBrowser();
		emulator = await createEmulator({ port: 0 });
		// As `npm run demo` does (test/demo/run.js): the emulator's demo data before n8n starts, the
		// emulator credentials, every example, the trigger ones published and wired to the emulator.
		// The examples' sticky notes keep the demo's default emulator address, as the README's
		// pictures should show them.
		await demoWiring.seedEmulator?.(emulator);
		const credentials = harness.emulatorCredentials(emulator.url, { overrides: { calypsoApi: { payLinkHost: emulator.url } } });
		credentialNames = Object.fromEntries(credentials.map((credential: any) => [credential.type, credential.name]));
		const workflows = examples.map((example) => harness.bindCredentials(example.workflow, credentials));
		const publish = examples.filter((example) => example.publish).map((example) => example.workflow.id);
		n8n = await harness.startN8n({ name: 'editor', credentials, workflows: [...workflows, controlWorkflow()], publish });
		await demoWiring.wireEmulator(emulator, n8n, publish);

		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		editor = new EditorPage(page, n8n.baseUrl);
		await editor.login(n8n.owner);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await emulator?.close();
	});

	it('a node without its credential carries n8n\'s issues mark, naming the credential', async () => {
		await editor.openWorkflow(CONTROL_NAME, ['Start', CONTROL_NODE]);
		const marked = (await editor.canvasNodes()).filter((node) => node.marked).map((node) => node.name);
		expect(marked).toEqual([CONTROL_NODE]);
		const issues = await editor.issuesOf(CONTROL_NODE);
		expect(issues).toContain('Credentials for Craftgate are not set.');
		expect(issues).not.toContain('Parameter');
	});

	it.each(Object.entries(SEARCHES))('searching the nodes panel for "%s" finds %j', async (term, expected) => {
		await editor.openWorkflow(CONTROL_NAME, ['Start', CONTROL_NODE]);
		const found = await editor.searchNodes(term, expected[0]);
		if (term === SEARCH_THAT_FINDS_ALL) await editor.screenshotNodesPanel(shot(`nodes-panel-search-${term}`));
		await editor.closeNodesPanel();
		expect(found).toEqual(expect.arrayContaining(expected));
	});

	it('each entry offers the node\'s actions and its trigger\'s events (n8n pairs x with xTrigger), or is a plain node; together they are every node of the package', async () => {
		const nodeTypes = packageNodeTypes();
		const entries = SEARCHES[SEARCH_THAT_FINDS_ALL];
		const offered = new Set<string>();
		await editor.openWorkflow(CONTROL_NAME, ['Start', CONTROL_NODE]);
		for (const entry of entries) {
			const found = await editor.searchNodes(SEARCH_THAT_FINDS_ALL, entry);
			if (PLAIN_NODES.includes(entry)) {
				await editor.closeNodesPanel();
				expect({ entry, found: found.includes(entry) }).toEqual({ entry, found: true });
				offered.add(entry);
				continue;
			}
			const { categories, itemTypes } = await editor.openEntry(entry);
			await editor.screenshotNodesPanel(shot(`nodes-panel-${entry}`));
			await editor.closeNodesPanel();

			const trigger = `${entry}Trigger`;
			const hasTrigger = nodeTypes.includes(trigger);
			const actions = itemTypes.filter((type) => type === entry).length;
			const events = itemTypes.filter((type) => type === trigger).length;
			expect({ entry, types: [...new Set(itemTypes)].sort() }).toEqual({ entry, types: (hasTrigger ? [entry, trigger] : [entry]).sort() });
			expect(actions).toBeGreaterThan(0);
			expect(categories).toEqual(hasTrigger ? [`Actions (${actions})`, `Triggers (${events})`] : [`Actions (${actions})`]);
			itemTypes.forEach((type) => offered.add(type));
		}
		expect([...offered].sort()).toEqual([...nodeTypes].sort());
	});

	const panelShots = new Set<string>();

	describe.each(examples.map((example) => [exampleName(example), example]))('example %s', (name, example: any) => {
		const nodes = example.workflow.nodes.filter((node: any) => !isSticky(node));

		it('opens with every node on the canvas, icons loaded, none marked; each package node\'s panel shows its credential and main parameters', async () => {
			await editor.openWorkflow(example.workflow.name, nodes.map((node: any) => node.name));
			if (example.publish) await editor.closeProductionChecklist();
			expect(await editor.brokenPackageIcons()).toEqual([]);
			await editor.screenshotCanvas(shot(`canvas-${name}`));

			for (const node of nodes.filter(isPackageNode)) {
				const key = mainParametersKey(node, PACKAGE_PREFIX);
				const labels = MAIN_PARAMETERS[key];
				if (!labels) throw new Error(`no main parameters listed for ${key} (node "${node.name}"): add them to test/e2e/editor/expectations.ts`);
				await editor.openNodePanel(node.name);
				try {
					await editor.expectParameterLabels(labels);
					const [credentialType] = Object.keys(node.credentials ?? {});
					if (credentialType) expect({ node: node.name, credential: await editor.selectedCredential() }).toEqual({ node: node.name, credential: credentialNames[credentialType] });
					const type = node.type.slice(PACKAGE_PREFIX.length);
					if (!panelShots.has(type)) {
						panelShots.add(type);
						await editor.screenshotNodePanelParameters(shot(`panel-${type}`));
					}
				} finally {
					// An open panel would block every later test's clicks.
					await editor.closeNodePanel();
				}
			}

			// Read after the panels were opened and closed, long after the canvas appeared.
			const canvas = await editor.canvasNodes();
			expect(canvas.map((node) => node.name).sort()).toEqual(nodes.map((node: any) => node.name).sort());
			expect(canvas.filter((node) => node.marked).map((node) => node.name)).toEqual([]);
		});
	});

	it('every package node type had its panel opened', () => {
		expect([...panelShots].sort()).toEqual(packageNodeTypes().sort());
	});

	it(`runs "${RUN_EXAMPLE}" from the editor: the node's output is the message the emulator accepted`, async () => {
		const example = examples.find((candidate) => exampleName(candidate) === RUN_EXAMPLE);
		const nodes = example.workflow.nodes.filter((node: any) => !isSticky(node));
		const sender = nodes.find((node: any) => node.type === `${PACKAGE_PREFIX}exotel`);
		const sentBefore = emulator.state.exotel.messages.length;

		await editor.openWorkflow(example.workflow.name, nodes.map((node: any) => node.name));
		await editor.executeWorkflowUntil(sender.name);
		await editor.openNodePanel(sender.name);
		const items = await editor.outputItems();
		await editor.screenshotNodePanel(shot(`run-${RUN_EXAMPLE}`));
		await editor.closeNodePanel();

		const sent = emulator.state.exotel.messages.slice(sentBefore);
		expect(sent).toHaveLength(1);
		const [message] = sent;
		expect(message.type).toBe('order_details');
		expect(items).toEqual([{ referenceId: message.reference_id, to: message.to, sid: message.sid, status: 'success', requestId: message.request_id }]);
	});
});
