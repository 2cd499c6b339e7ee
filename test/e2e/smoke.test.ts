// Proves the e2e harness against a real n8n: the packed package loads as a community package,
// a Manual Trigger workflow runs on demand, a published Webhook workflow answers on its
// production URL, unpublishing and publishing through the API are waited for, and executions are
// read back, also after a restart. Each test counts from what it finds, so none depends on another.
const harness = require('./harness');

const { linearWorkflow, manualTriggerNode, setNode, webhookNode, nodeOutput, executionError } = harness;

const MANUAL_ID = 'e2eSmokeManual01';
const FAILING_ID = 'e2eSmokeFailing1';
const WEBHOOK_ID = 'e2eSmokeWebhook1';
const ECHO_PATH = 'e2e-smoke-echo';

const manualWorkflow = linearWorkflow({
	id: MANUAL_ID,
	name: 'E2E smoke: manual',
	nodes: [manualTriggerNode(), setNode('Answer', { answer: 42, source: 'manual' })],
});

const failingWorkflow = linearWorkflow({
	id: FAILING_ID,
	name: 'E2E smoke: failing',
	nodes: [
		manualTriggerNode(),
		{ name: 'Fail', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, parameters: { errorMessage: 'smoke failure on purpose' } },
	],
});

const webhookWorkflow = linearWorkflow({
	id: WEBHOOK_ID,
	name: 'E2E smoke: webhook echo',
	nodes: [webhookNode(ECHO_PATH), setNode('Echo', { echoed: '={{ $json.body.message }}', header: '={{ $json.headers["x-e2e"] }}' })],
});

/** n8n's type name for a dist file: dist/nodes/X/FooBar.node.js → <package>.fooBar */
function typeNameOf(file: string, packageName: string, suffix: RegExp): string {
	const base = file.split('/').pop()!.replace(suffix, '');
	return `${packageName}.${base[0].toLowerCase()}${base.slice(1)}`;
}

/** The executions of a workflow that finished after `before` of them had. */
async function nextExecution(n8n: any, workflowId: string, before: number) {
	const executions = await n8n.waitForExecutions(workflowId, before + 1);
	return executions[executions.length - 1];
}

describe('e2e harness smoke', () => {
	let n8n: any;

	beforeAll(async () => {
		n8n = await harness.startN8n({
			name: 'smoke',
			workflows: [manualWorkflow, failingWorkflow, webhookWorkflow],
			publish: [WEBHOOK_ID],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('loads every node and credential the package declares, under the package name', async () => {
		const pkg = n8n.installedPackageJson();
		const expectedNodes = pkg.n8n.nodes.map((file: string) => typeNameOf(file, pkg.name, /\.node\.js$/));
		const expectedCredentials = pkg.n8n.credentials.map((file: string) => typeNameOf(file, '', /\.credentials\.js$/).slice(1));
		expect(expectedNodes.length).toBeGreaterThan(0);

		const nodeNames = (await n8n.nodeTypes()).map((type: { name: string }) => type.name);
		expect(nodeNames).toEqual(expect.arrayContaining(expectedNodes));
		expect(nodeNames.filter((name: string) => name.startsWith('CUSTOM.'))).toEqual([]);

		const credentialNames = (await n8n.credentialTypes()).map((type: { name: string }) => type.name);
		expect(credentialNames).toEqual(expect.arrayContaining(expectedCredentials));
	});

	it('runs a Manual Trigger workflow on demand and records the execution', async () => {
		const run = await n8n.executeManual(MANUAL_ID);
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Answer')).toEqual([{ answer: 42, source: 'manual' }]);

		const [execution] = await n8n.waitForExecutions(MANUAL_ID, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'cli' });
		expect(nodeOutput(execution, 'Answer')).toEqual([{ answer: 42, source: 'manual' }]);
	});

	it('reports a failing manual run with its error', async () => {
		const run = await n8n.executeManual(FAILING_ID);
		expect(run.status).toBe('error');
		expect(executionError(run).message).toBe('smoke failure on purpose');

		const [execution] = await n8n.waitForExecutions(FAILING_ID, 1);
		expect(execution.status).toBe('error');
		expect(executionError(execution).message).toBe('smoke failure on purpose');
	});

	it('serves a published Webhook workflow on its production URL', async () => {
		const before = n8n.executions(WEBHOOK_ID, { includeData: false }).length;
		const response = await n8n.runWorkflowByWebhook(ECHO_PATH, { message: 'hello' }, { headers: { 'x-e2e': 'smoke' } });
		expect(response.status).toBe(200);
		expect(response.json).toEqual([{ echoed: 'hello', header: 'smoke' }]);

		const execution = await nextExecution(n8n, WEBHOOK_ID, before);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(nodeOutput(execution, 'Echo')).toEqual([{ echoed: 'hello', header: 'smoke' }]);
		expect(nodeOutput(execution, 'Webhook')[0].body).toEqual({ message: 'hello' });
	});

	it('rejects unknown webhook paths without starting an execution', async () => {
		const before = n8n.executions(WEBHOOK_ID, { includeData: false }).length;
		const response = await n8n.runWorkflowByWebhook('e2e-smoke-unknown', { message: 'x' });
		expect(response.status).toBe(404);
		expect(response.json.message).toBe('The requested webhook "POST e2e-smoke-unknown" is not registered.');
		expect(n8n.executions(WEBHOOK_ID, { includeData: false })).toHaveLength(before);
	});

	it('keeps executions and webhooks across a restart', async () => {
		const before = n8n.executions(WEBHOOK_ID, { includeData: false }).map((execution: { id: string }) => execution.id);
		await n8n.restart();
		expect(n8n.executions(WEBHOOK_ID, { includeData: false }).map((execution: { id: string }) => execution.id)).toEqual(before);

		const response = await n8n.runWorkflowByWebhook(ECHO_PATH, { message: 'again' }, { headers: { 'x-e2e': 'restarted' } });
		expect(response.json).toEqual([{ echoed: 'again', header: 'restarted' }]);
		const execution = await nextExecution(n8n, WEBHOOK_ID, before.length);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Echo')).toEqual([{ echoed: 'again', header: 'restarted' }]);
	});

	it('waits until an unpublication and a publication through the API are applied', async () => {
		try {
			// n8n applies both asynchronously; the harness returns only once they are in effect.
			expect(await n8n.unpublish([WEBHOOK_ID])).toEqual({});
			expect(n8n.webhooks().filter((hook: { workflowId: string }) => hook.workflowId === WEBHOOK_ID)).toEqual([]);
			const down = await n8n.runWorkflowByWebhook(ECHO_PATH, { message: 'unpublished' });
			expect(down.status).toBe(404);
		} finally {
			expect(await n8n.publish([WEBHOOK_ID])).toEqual({});
		}
		expect(n8n.webhooks().filter((hook: { workflowId: string }) => hook.workflowId === WEBHOOK_ID)).toEqual([
			expect.objectContaining({ webhookPath: ECHO_PATH, method: 'POST', node: 'Webhook' }),
		]);
		const up = await n8n.runWorkflowByWebhook(ECHO_PATH, { message: 'published' }, { headers: { 'x-e2e': 'again' } });
		expect(up.status).toBe(200);
		expect(up.json).toEqual([{ echoed: 'published', header: 'again' }]);
	});

	it('reads the same executions through the public API', async () => {
		const before = n8n.executions(WEBHOOK_ID, { includeData: false }).length;
		await n8n.runWorkflowByWebhook(ECHO_PATH, { message: 'api' });
		await nextExecution(n8n, WEBHOOK_ID, before);
		const response = await n8n.api(`/executions?workflowId=${WEBHOOK_ID}`);
		expect(response.status).toBe(200);
		const apiIds = response.json.data.map((execution: { id: number | string }) => String(execution.id)).sort();
		const dbIds = n8n.executions(WEBHOOK_ID, { includeData: false }).map((execution: { id: string }) => execution.id).sort();
		expect(apiIds).toEqual(dbIds);
		expect(dbIds.length).toBeGreaterThan(before);
	});
});
