// Issue 14: once-only handling that holds in n8n queue mode. For every payment trigger, 50 rounds:
// a new genuine event delivered 5 times at once, alternating between the two webhook processes
// (Ignore Redeliveries off, so all 5 executions race on the workers), through the README's
// recommended pattern — the example's own Claim Event (n8n's Postgres node:
// INSERT … ON CONFLICT DO NOTHING RETURNING event_id in the shop's database) and First Delivery?
// nodes. The downstream step (an HTTP call to a counter) runs exactly once per event: zero
// doubles, zero lost.
//
// Measurement, not a verdict on n8n: the same rounds through n8n's Remove Duplicates node, the
// README's earlier advice, alone and behind the trigger's memory. Its doubles, lost events and
// failed executions are reported (console and .queue/measurements.json), not asserted; the tests
// only check that every delivery was taken and every event started executions.
import * as fs from 'node:fs';
import {
	CLAIM_NODE,
	FIRST_DELIVERY_NODE,
	TRIGGER,
	TRIGGERS,
	claimTableSql,
	concurrentRounds,
	eventSource,
	onceOnlyWorkflow,
	removeDuplicatesWorkflow,
	shopCredential,
	startCounter,
	tally,
	type Counter,
	type TriggerSetup,
} from './fixtures';

const harness = require('../e2e/harness');
const { ClusterClient } = require('./harness');
const { measurementsFile } = require('./harness/paths');
const { createEmulator } = require('../emulator/server');

const { nodeOutput, executionError, bindCredentials } = harness;

const ROUNDS = 50;
const COPIES = 5;
const MEASURED_ROUNDS = Number(process.env.QUEUE_MEASURE_ROUNDS || 50);
const MEASURED = TRIGGERS.find((setup) => setup.key === 'exotel') as TriggerSetup;

const claimId = (setup: TriggerSetup) => `qoClaim${setup.id}`;
const REMOVE_DUPLICATES_ID = 'qoRemoveDuplicates';
const BOTH_LAYERS_ID = 'qoMemoryAndRemoveDup';

/** The event ids the trigger emitted, in order of first appearance, and how many executions each had. */
function eventsOf(executions: any[]) {
	const perEvent = new Map<string, number>();
	for (const execution of executions) {
		const eventId = nodeOutput(execution, TRIGGER)?.[0]?.eventId;
		perEvent.set(String(eventId), (perEvent.get(String(eventId)) ?? 0) + 1);
	}
	return perEvent;
}

function record(entry: Record<string, unknown>) {
	let list: unknown[] = [];
	try {
		list = JSON.parse(fs.readFileSync(measurementsFile, 'utf8'));
	} catch {
		list = [];
	}
	list.push({ ...entry, at: new Date().toISOString() });
	fs.writeFileSync(measurementsFile, JSON.stringify(list, null, 2));
	console.log(`[queue measurement] ${JSON.stringify(entry)}`);
}

describe('once per event in n8n queue mode, concurrent redeliveries on two webhook processes and two workers (issue 14)', () => {
	let cluster: any;
	let emulator: any;
	let counter: Counter;

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		counter = await startCounter();
		cluster = new ClusterClient();
		// The statement the example's note gives, in the shop's own database.
		await cluster.shopQuery(claimTableSql());
		const credentials = [...harness.emulatorCredentials(emulator.url, { idPrefix: 'qo-' }), shopCredential('qo-shop', cluster.shopConnection)];
		const workflows = [
			...TRIGGERS.map((setup) => onceOnlyWorkflow(claimId(setup), setup, counter.url(claimId(setup)))),
			removeDuplicatesWorkflow(REMOVE_DUPLICATES_ID, MEASURED, counter.url(REMOVE_DUPLICATES_ID), { ignoreRedeliveries: false }),
			removeDuplicatesWorkflow(BOTH_LAYERS_ID, MEASURED, counter.url(BOTH_LAYERS_ID), { ignoreRedeliveries: true }),
		];
		await cluster.importCredentials(credentials);
		await cluster.importWorkflows(workflows.map((workflow) => bindCredentials(workflow, credentials)));
		await cluster.publish(workflows.map((workflow) => workflow.id));
	});

	afterAll(async () => {
		await cluster?.close();
		await counter?.close();
		await emulator?.close();
	});

	it.each(TRIGGERS.map((setup) => [setup.label, setup] as const))(
		`%s: each event delivered ${COPIES} times at once, ${ROUNDS} rounds, runs the downstream step exactly once (recommended pattern)`,
		async (_label, setup) => {
			const workflowId = claimId(setup);
			const started = Date.now();
			const source = await eventSource(setup, { cluster, emulator, workflowId, tag: `once-${setup.key}` });
			const result = await concurrentRounds({ cluster, workflowId, source, rounds: ROUNDS, copies: COPIES });
			expect(result.refused).toEqual([]);
			// Ignore Redeliveries is off: every delivery started an execution, so 5 raced per event.
			expect(result.executions).toBe(ROUNDS * COPIES);

			const executions = await cluster.executions(workflowId);
			expect(executions.filter((execution: any) => execution.status !== 'success').map((execution: any) => [execution.id, execution.status])).toEqual([]);
			const perEvent = eventsOf(executions);
			expect([...perEvent.values()]).toEqual(new Array(ROUNDS).fill(COPIES));
			const eventIds = [...perEvent.keys()];

			const outcome = tally(eventIds, counter.hits(workflowId));
			expect(outcome).toEqual({ events: ROUNDS, once: ROUNDS, doubles: 0, lost: 0, extraRuns: 0, unexpectedIds: [] });
			// The claim table holds each event once; exactly one execution per event got its row back.
			const claimed = await cluster.shopQuery('SELECT event_id FROM processed_payment_events WHERE event_id = ANY($1)', [eventIds]);
			expect(claimed.map((row: any) => row.event_id).sort()).toEqual([...eventIds].sort());
			const winners = executions.filter((execution: any) => (nodeOutput(execution, FIRST_DELIVERY_NODE, { output: 0 }) ?? []).length > 0);
			expect(winners).toHaveLength(ROUNDS);
			// The losers: n8n's Postgres node answers an INSERT that returned no row with one
			// { success: true } item (it does not stop), which First Delivery? sends to Already Handled.
			const loser = executions.find((execution: any) => !winners.includes(execution));
			expect(nodeOutput(loser, CLAIM_NODE)).toEqual([{ success: true }]);

			const workerOf: Map<string, string> = cluster.workerOfExecutions();
			const split: Record<string, number> = {};
			for (const execution of executions) split[workerOf.get(execution.id) ?? 'no worker'] = (split[workerOf.get(execution.id) ?? 'no worker'] ?? 0) + 1;
			expect(Object.keys(split).sort()).toEqual(['worker-1', 'worker-2']);
			record({ measurement: 'claim (recommended)', trigger: setup.key, rounds: ROUNDS, copies: COPIES, executions: executions.length, ...outcome, workers: split, seconds: Math.round((Date.now() - started) / 1000) });
		},
	);

	async function measureRemoveDuplicates(workflowId: string, label: string) {
		const started = Date.now();
		const source = await eventSource(MEASURED, { cluster, emulator, workflowId, tag: workflowId });
		const result = await concurrentRounds({ cluster, workflowId, source, rounds: MEASURED_ROUNDS, copies: COPIES });
		expect(result.refused).toEqual([]);
		const executions = await cluster.executions(workflowId);
		const eventIds = [...eventsOf(executions).keys()];
		expect(eventIds).toHaveLength(MEASURED_ROUNDS);
		// Failed executions are part of the measurement: concurrent first writes of n8n's
		// processed_data row for the node collide on its primary key.
		const failed = executions.filter((execution: any) => execution.status !== 'success');
		const failures = [...new Set(failed.map((execution: any) => executionError(execution)?.message ?? execution.status))];
		const outcome = tally(eventIds, counter.hits(workflowId));
		record({ measurement: label, trigger: MEASURED.key, rounds: MEASURED_ROUNDS, copies: COPIES, executions: executions.length, failedExecutions: failed.length, failures, ...outcome, seconds: Math.round((Date.now() - started) / 1000) });
	}

	it(`measurement: Remove Duplicates alone (Ignore Redeliveries off), ${MEASURED_ROUNDS} rounds — doubles reported, not asserted`, async () => {
		await measureRemoveDuplicates(REMOVE_DUPLICATES_ID, 'Remove Duplicates alone');
	});

	it(`measurement: the trigger's memory plus Remove Duplicates, ${MEASURED_ROUNDS} rounds — doubles reported, not asserted`, async () => {
		await measureRemoveDuplicates(BOTH_LAYERS_ID, 'Ignore Redeliveries + Remove Duplicates');
	});
});
