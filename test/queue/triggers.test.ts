// Issue 14, in n8n 2.41.1 queue mode (Redis, Postgres, n8n main, two `n8n webhook`, two
// `n8n worker --concurrency=5`; the cluster is started once for the suite by
// harness/globalSetup.js), with the packed package installed in every process's user folder:
// every payment trigger, published on main, takes signed deliveries on both webhook processes and
// its executions run on the workers; forged deliveries are refused by either webhook process and
// start nothing.
import { TRIGGERS, TRIGGER, eventSource, send, sendAll, triggerWorkflow, unexpected, type TriggerSetup } from './fixtures';

const harness = require('../e2e/harness');
const { ClusterClient } = require('./harness');
const { createEmulator } = require('../emulator/server');

const { nodeOutput, bindCredentials } = harness;

const runId = (setup: TriggerSetup) => `qtRun${setup.id}`;
const forgedId = (setup: TriggerSetup) => `qtForged${setup.id}`;
const EVENTS_PER_PROCESS = 5;
const FORGED = 24;

describe('every payment trigger in n8n queue mode: two webhook processes, two workers (issue 14)', () => {
	let cluster: any;
	let emulator: any;

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		cluster = new ClusterClient();
		const credentials = harness.emulatorCredentials(emulator.url, { idPrefix: 'qt-' });
		const workflows = TRIGGERS.flatMap((setup) => [triggerWorkflow(runId(setup), setup), triggerWorkflow(forgedId(setup), setup)]);
		await cluster.importCredentials(credentials);
		await cluster.importWorkflows(workflows.map((workflow) => bindCredentials(workflow, credentials)));
		await cluster.publish(workflows.map((workflow) => workflow.id));
	});

	afterAll(async () => {
		await cluster?.close();
		await emulator?.close();
	});

	describe.each(TRIGGERS.map((setup) => [setup.label, setup] as const))('%s', (_label, setup) => {
		it('takes signed deliveries on both webhook processes; every execution runs on a worker, and both workers take some', async () => {
			const workflowId = runId(setup);
			const source = await eventSource(setup, { cluster, emulator, workflowId, tag: `run-${setup.key}` });
			const urls: string[] = cluster.triggerUrls(workflowId, TRIGGER);
			const deliveries = [];
			for (let i = 0; i < EVENTS_PER_PROCESS * urls.length; i++) deliveries.push({ delivery: await source.next(), url: urls[i % urls.length] });
			// All at once: both webhook processes queue executions at the same time.
			const answers = await Promise.all(deliveries.map(({ delivery, url }) => send(delivery, url)));
			expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

			const executions = await cluster.waitForExecutions(workflowId, deliveries.length);
			expect(executions).toHaveLength(deliveries.length);
			expect(executions.map((execution: any) => [execution.status, execution.mode])).toEqual(new Array(deliveries.length).fill(['success', 'webhook']));
			const eventIds = executions.map((execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.eventId);
			expect(new Set(eventIds).size).toBe(deliveries.length);
			expect(eventIds.every((eventId: unknown) => typeof eventId === 'string' && eventId.startsWith(`${setup.provider}:`))).toBe(true);

			const workerOf: Map<string, string> = cluster.workerOfExecutions();
			const ranOn = executions.map((execution: any) => workerOf.get(execution.id) ?? 'no worker');
			expect(ranOn.filter((worker: string) => !/^worker-\d$/.test(worker))).toEqual([]);
			expect(new Set(ranOn).size).toBe(2);
		});

		it('forged deliveries to either webhook process are refused and start nothing', async () => {
			const workflowId = forgedId(setup);
			const source = await eventSource(setup, { cluster, emulator, workflowId, tag: `forged-${setup.key}` });
			const forged = await source.forged(FORGED);
			const answers = await sendAll(forged);
			expect(unexpected(answers)).toEqual([]);
			expect(new Set(answers.map((answer) => new URL(answer.url).port)).size).toBe(2);
			// Then one genuine delivery: the only execution there is.
			const genuine = await send(await source.next(), cluster.triggerUrls(workflowId, TRIGGER)[1]);
			expect(genuine.status).toBe(200);
			const executions = await cluster.waitForExecutions(workflowId, 1);
			expect(executions.map((execution: any) => execution.status)).toEqual(['success']);
		});
	});
});
