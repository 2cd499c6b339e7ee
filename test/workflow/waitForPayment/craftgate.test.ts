// Wait for Payment on a Craftgate link in n8n-core's engine, against the in-process emulator:
// Start → Wait for Payment → one NoOp per output. A pending link leaves the run waiting with the
// Timed Out item on its stack entry; n8n's timer resumes it on Timed Out (never Paid) without
// running the node again; a check call to the resume URL (woken by a trigger's event) resumes it on
// Paid; at the deadline the link is cleaned up; an already paid link never waits; another
// execution's check URL is refused. Resuming is done as n8n does it (resume.ts).
import type { IDataObject, IExecuteData } from 'n8n-workflow';
import * as waitChecks from '../../../nodes/shared/payment/waitChecks';
import { clearScheduledChecks, scheduledCheckCount, wakeWaitsFor, type ScheduledWait } from '../../../nodes/shared/payment/waitChecks';
import { nock, runWorkflow, type WorkflowJson } from '../harness';
import { control, credentials, fresh, openCraftgateLink, useEmulator } from '../checkPayment/setup';
import { resumeByTime, resumeByWebhook } from './resume';

const setup = useEmulator();
const OUTPUT_NODES = ['On Paid', 'On Failed', 'On Timed Out'];
const MINUTE = 60_000;

function waitWorkflow(parameters: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{
				name: 'Wait for Payment',
				type: 'n8n-nodes-chat-payments.waitForPayment',
				parameters: {
					provider: 'craftgate',
					linkId: '={{ $json.linkId }}',
					limitAmount: 30,
					limitUnit: 'minutes',
					checkInterval: 30,
					cleanUp: 'deactivateLink',
					options: { timeout: 10 },
					...parameters,
				},
			},
			...OUTPUT_NODES.map((name) => ({ name, type: 'n8n-nodes-base.noOp' })),
		],
		connections: {
			Start: { main: [[{ node: 'Wait for Payment', type: 'main', index: 0 }]] },
			'Wait for Payment': { main: OUTPUT_NODES.map((node) => [{ node, type: 'main' as const, index: 0 }]) },
		},
	};
}

type Products = Record<string, IDataObject | undefined>;
const linkIn = (linkId: number) => (setup.emu.state.craftgate as { products: Products }).products[linkId];

/** A fresh link, and the journey started on it: the first run, and the wait it scheduled. */
async function startJourney(parameters: IDataObject = {}) {
	const orderId = fresh('cg-wait');
	const linkId = await openCraftgateLink(setup.emu, orderId);
	const options = { workflow: waitWorkflow(parameters), credentials: credentials(setup.emu) };
	const schedule = jest.spyOn(waitChecks, 'scheduleChecks');
	const first = await runWorkflow({ ...options, input: [{ linkId }] });
	const wait = schedule.mock.calls.at(-1)?.[0] as ScheduledWait | undefined;
	schedule.mockRestore();
	return { orderId, linkId, options, first, wait };
}

/** The query of the wait's check URL, with the reason for the call. */
function checkQuery(wait: ScheduledWait, check?: 'interval' | 'deadline' | 'webhook'): IDataObject {
	const query: IDataObject = Object.fromEntries(new URL(wait.checkUrl).searchParams);
	if (check) query.cp_check = check;
	return query;
}

afterEach(() => {
	clearScheduledChecks();
});

// A cleared schedule notices it at its next wake-up, at most a second later: let that pass
// before the file ends, so no timer outlives it.
afterAll(async () => {
	await new Promise((resolve) => setTimeout(resolve, 1_100));
});

describe('Wait for Payment (Craftgate) in the engine', () => {
	it('an open link: the run waits with its Timed Out item decided; n8n\'s timer resumes it on Timed Out, not Paid', async () => {
		const { orderId, linkId, options, first, wait } = await startJourney();
		expect(first.status).toBe('waiting');
		expect(first.executedNodes).toEqual(['Start', 'Wait for Payment']);
		const stack = first.run.data.executionData?.nodeExecutionStack as IExecuteData[];
		expect(stack).toHaveLength(1);
		expect(stack[0].node.name).toBe('Wait for Payment');
		expect(stack[0].metadata).toMatchObject({ forwardAllOutputs: true });
		expect(stack[0].data.main.slice(0, 2)).toEqual([[], []]);
		const timedOut = stack[0].data.main[2]?.[0];
		expect(timedOut?.json).toMatchObject({
			outcome: 'timedOut',
			provider: 'craftgate',
			reference: orderId,
			checkedAtDeadline: false,
			lastCheck: { outcome: 'pending', details: { linkId } },
			cleanUp: { action: 'deactivateLink', done: false, note: expect.stringContaining('Not run') },
		});
		// n8n's timer: the deadline plus two intervals, at least a minute.
		const deadline = Date.parse(String(timedOut?.json.deadline));
		expect(first.run.waitTill).toEqual(new Date(deadline + MINUTE));
		expect(first.run.data.waitTill).toEqual(new Date(deadline + MINUTE));
		expect(scheduledCheckCount()).toBe(1);
		expect(wait).toMatchObject({ provider: 'craftgate', reference: orderId, deadline, intervalMs: 30_000 });

		// n8n restarted: nothing checks the payment any more; its timer ends the wait.
		clearScheduledChecks();
		const resumed = await resumeByTime(options, first.run);
		expect(resumed.run.status).toBe('success');
		expect(resumed.executedNodes).toEqual(['Wait for Payment', 'On Timed Out']);
		expect(resumed.output('On Timed Out')).toEqual([{ json: timedOut?.json, pairedItem: { item: 0 } }]);
		expect(() => resumed.output('On Paid')).toThrow('did not run');
		// No clean-up was run by n8n's timer.
		expect(linkIn(linkId)?.status).toBe('ACTIVE');
	});

	it('an already paid link goes straight to Paid: no wait, no schedule', async () => {
		const orderId = fresh('cg-paid');
		const linkId = await openCraftgateLink(setup.emu, orderId);
		expect((await control(setup.emu, 'craftgate', 'pay', { productId: linkId, outcome: 'success' })).payment).toBeDefined();
		const run = await runWorkflow({ workflow: waitWorkflow(), credentials: credentials(setup.emu), input: [{ linkId }] });
		expect(run.status).toBe('success');
		expect(run.run.waitTill).toBeUndefined();
		expect(run.executedNodes).toEqual(['Start', 'Wait for Payment', 'On Paid']);
		expect(run.output('On Paid')[0].json).toMatchObject({ outcome: 'paid', provider: 'craftgate', status: 'paid', reference: orderId });
		expect(scheduledCheckCount()).toBe(0);
	});

	it('a check before the deadline keeps it waiting; once paid, the check woken by the trigger resumes it on Paid', async () => {
		const { orderId, linkId, options, first, wait } = await startJourney();
		if (!wait) throw new Error('no check was scheduled');
		expect(wait.checkUrl.startsWith(`https://n8n.example.test/webhook-waiting/${wait.executionId}?signature=`)).toBe(true);

		const pending = await resumeByWebhook({ ...options, executionId: wait.executionId }, first.run, { method: 'POST', query: checkQuery(wait, 'interval'), body: {} });
		expect(pending.execution).toBeUndefined();
		expect(pending.answer).toEqual({ statusCode: 200, body: { waiting: true, status: 'pending' } });

		await control(setup.emu, 'craftgate', 'pay', { productId: linkId, outcome: 'success' });
		// The schedule calls the resume URL itself; n8n (here: the harness behind nock) resumes the run.
		type Resume = Awaited<ReturnType<typeof resumeByWebhook>>;
		let calledBack: (resume: Promise<Resume>) => void = () => undefined;
		let seen: IDataObject = {};
		const called = new Promise<Promise<Resume>>((resolve) => {
			calledBack = resolve;
		});
		const n8n = nock('https://n8n.example.test')
			.post(`/webhook-waiting/${wait.executionId}`)
			.query(true)
			.reply(function (uri, _body, callback) {
				const query = Object.fromEntries(new URL(uri, 'https://n8n.example.test').searchParams);
				seen = query;
				const resume = resumeByWebhook({ ...options, executionId: wait.executionId }, first.run, { method: 'POST', query, body: {} });
				calledBack(resume);
				resume.then(
					(result) => callback(null, [result.answer.statusCode, result.answer.body as IDataObject]),
					(error: Error) => callback(error, [500, '']),
				);
			});
		expect(wakeWaitsFor('craftgate', orderId)).toBe(1);
		const result = await (await called);
		expect(seen).toEqual(checkQuery(wait, 'webhook'));
		expect(n8n.isDone()).toBe(true);
		const call = (result.webhookResponse.workflowData ?? [])[0]?.[0];
		expect(call?.json).toMatchObject({ outcome: 'paid', reference: orderId });
		expect(result.execution?.run.status).toBe('success');
		expect(result.execution?.executedNodes).toEqual(['Wait for Payment', 'On Paid']);
		expect(result.execution?.output('On Paid')[0].json).toMatchObject({ outcome: 'paid', provider: 'craftgate', status: 'paid', reference: orderId });
		expect(() => result.execution?.output('On Timed Out')).toThrow('did not run');
		// n8n's answer ("started", no `waiting`) ends the schedule.
		await untilNoScheduledCheck();
	});

	it('at the deadline the link is deleted (Delete Link) and the run ends on Timed Out with the report', async () => {
		const { orderId, linkId, options, first, wait } = await startJourney({ cleanUp: 'deleteLink' });
		if (!wait) throw new Error('no check was scheduled');
		// The schedule calls at the deadline; only the signed deadline counts, so let n8n's clock reach it.
		const realNow = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => Math.max(realNow(), wait.deadline + 1_000));
		let result: Awaited<ReturnType<typeof resumeByWebhook>>;
		try {
			result = await resumeByWebhook({ ...options, executionId: wait.executionId }, first.run, { method: 'POST', query: checkQuery(wait, 'deadline'), body: {} });
		} finally {
			clock.mockRestore();
		}
		expect(result.execution?.executedNodes).toEqual(['Wait for Payment', 'On Timed Out']);
		expect(result.execution?.output('On Timed Out')[0].json).toMatchObject({
			outcome: 'timedOut',
			reference: orderId,
			checkedAtDeadline: true,
			cleanUp: { action: 'deleteLink', done: true },
		});
		expect(linkIn(linkId)).toBeUndefined();
	});

	it('a check URL of another execution is refused (401) and the run keeps waiting', async () => {
		const a = await startJourney();
		const b = await startJourney();
		if (!a.wait || !b.wait) throw new Error('no check was scheduled');
		await control(setup.emu, 'craftgate', 'pay', { productId: a.linkId, outcome: 'success' });
		const replayed = await resumeByWebhook({ ...b.options, executionId: b.wait.executionId }, b.first.run, { method: 'POST', query: checkQuery(a.wait, 'interval'), body: {} });
		expect(replayed.answer.statusCode).toBe(401);
		expect(replayed.execution).toBeUndefined();
	});
});

/** Lets the event loop turn (no clock) until no schedule is left, failing after many turns. */
async function untilNoScheduledCheck(): Promise<void> {
	for (let turn = 0; turn < 100_000 && scheduledCheckCount() > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
	expect(scheduledCheckCount()).toBe(0);
}
