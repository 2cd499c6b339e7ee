// Issue 14: waiting journeys wait and resume across processes in n8n 2.41.1 queue mode (the
// cluster of harness/globalSetup.js: main, webhook-1, webhook-2, two workers, Redis, Postgres).
// The journey is the shipped examples/journey-exotel-payment.json, loaded as the e2e journeys
// suite loads it (New Order webhook → Exotel payment request whose Status Callback URL is
// `{{ $execution.resumeUrl }}` → Wait for Payment → Paid: order status + thank-you text,
// Timed Out: cancel), published on main, its credentials bound to this file's emulator.
//
// - Paid: started through webhook-1, the execution row in Postgres is `waiting` and the resume URL
//   Exotel was given is n8n's public webhook address (webhook-1). The emulator's stored callback
//   URL is then pointed at webhook-2 (same path and token, the other process: what a load balancer
//   in front of the webhook processes does), so Exotel's callbacks reach the other process. A
//   delivery receipt leaves the execution waiting and starts no worker; the payment callback
//   resumes the same execution id, a worker's log says it started it again, and it finishes
//   `success` through the Paid output (the order moves to processing, the thank-you text is sent).
// - Timed Out: a copy of the journey with a short time limit, started through webhook-1, is
//   ended by main's wait tracker (no call to the resume URL) and the resumed part runs on a
//   worker: Timed Out output, the order is canceled.
//
// Each test opens its own order (own order id and phone number) and reads only its own execution.
import * as fs from 'node:fs';
import { JOURNEY_FILES, STEP_TIMEOUT_MS, loadJourney, newOrderId, orderStatuses, phoneFor, ran, startedFor, textsTo, waitOutcome, withShortTimeLimit, type Journey } from '../e2e/journeys.workflows';

const harness = require('../e2e/harness');
const { ClusterClient } = require('./harness');
const { createEmulator } = require('../emulator/server');
// The sample order `npm run demo` prints for this journey: the tests post the same.
const { SAMPLES } = require('../demo/journeys');

const { bindCredentials, executionError, nodeOutput, request, waitFor } = harness;

/** Seconds: the short copy's time limit (long enough to see the row `waiting` on a loaded machine). */
const SHORT_LIMIT_SECONDS = 10;
const TAIL = ['Mark Order Processing', 'Send Thank-You Text', 'Cancel Order'];
const ENDED = ['success', 'error', 'crashed', 'canceled'];

describe('waiting journeys across processes in n8n queue mode (issue 14)', () => {
	let cluster: any;
	let emulator: any;
	let journey: Journey;
	let shortJourney: Journey;

	beforeAll(async () => {
		journey = loadJourney(JOURNEY_FILES.exotel);
		shortJourney = withShortTimeLimit(journey, SHORT_LIMIT_SECONDS);
		// No emulator retries (one callback, one answer) and room for a slow webhook process.
		emulator = await createEmulator({ port: 0, providers: ['exotel'], config: { exotel: { retryDelaysMs: [], webhookTimeoutMs: 120_000 } } });
		cluster = new ClusterClient();
		const credentials = harness.emulatorCredentials(emulator.url, { idPrefix: 'qw-' });
		const workflows = [journey.workflow, shortJourney.workflow];
		await cluster.importCredentials(credentials);
		await cluster.importWorkflows(workflows.map((workflow) => bindCredentials(workflow, credentials)));
		await cluster.publish(workflows.map((workflow) => workflow.id));
	});

	afterAll(async () => {
		await cluster?.close();
		await emulator?.close();
	});

	/** POSTs the demo's sample order to the journey's New Order webhook on webhook-1. */
	async function startJourney(started: Journey, orderId: string, phone: string): Promise<void> {
		const url = `${cluster.webhookBaseUrls[0]}/webhook/${started.path}`;
		const answer = await request(url, { method: 'POST', body: SAMPLES[started.file].body(orderId, phone), timeoutMs: 120_000 });
		expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: expect.stringContaining('Workflow was started') });
	}

	/** The journey's execution for `orderId` (read from n8n's Postgres) once it has one of `statuses`. */
	async function runFor(workflowId: string, orderId: string, statuses: string[]): Promise<any> {
		let seen: string[] = [];
		return await waitFor(
			async () => {
				const mine = (await cluster.executions(workflowId)).filter(startedFor(orderId));
				seen = mine.map((execution: any) => `${execution.id}:${execution.status}`);
				return mine.find((execution: any) => statuses.includes(execution.status));
			},
			{ timeoutMs: STEP_TIMEOUT_MS, intervalMs: 500, what: `a ${statuses.join('/')} run of ${workflowId} for order ${orderId}`, onTimeout: () => `saw ${JSON.stringify(seen)}` },
		);
	}

	/** Current size of every worker's log, to read only what is logged after it. */
	function workerLogSizes(): Map<string, number> {
		return new Map(cluster.state.workers.map((worker: any) => [worker.name, fs.existsSync(worker.logFile) ? fs.statSync(worker.logFile).size : 0]));
	}

	/** The workers whose log says "Worker started execution <id>", once per line, after `since` (default: from the start). */
	function workerStarts(executionId: string, since: Map<string, number> = new Map()): string[] {
		const line = new RegExp(`Worker started execution ${executionId} \\(job`, 'g');
		return cluster.state.workers.flatMap((worker: any) => {
			const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile).subarray(since.get(worker.name) ?? 0).toString('utf8') : '';
			return [...text.matchAll(line)].map(() => worker.name);
		});
	}

	it('Paid: started through webhook-1, waiting in Postgres; Exotel callbacks reach webhook-2, a receipt keeps it waiting, the payment resumes it on a worker', async () => {
		const orderId = newOrderId('QEX');
		const phone = phoneFor('+9195');
		await startJourney(journey, orderId, phone);

		const waiting = await runFor(journey.workflow.id, orderId, ['waiting', ...ENDED]);
		expect({ status: waiting.status, error: executionError(waiting)?.message }).toEqual({ status: 'waiting', error: undefined });
		const executionId = String(waiting.id);
		expect(workerStarts(executionId)).toEqual([expect.stringMatching(/^worker-\d$/)]);
		const [sent] = nodeOutput(waiting, 'Send Payment Request');
		expect(sent).toMatchObject({ referenceId: orderId, to: phone });

		// What Exotel was given: this execution's resume URL on n8n's public webhook address (webhook-1).
		const message = emulator.state.exotel.messages.find((candidate: any) => candidate.sid === sent.sid);
		const given = new URL(message.status_callback);
		expect([`${given.origin}/`, ...given.pathname.split('/').slice(1, 3), given.searchParams.has('signature')]).toEqual([
			cluster.state.publicWebhookUrl,
			'webhook-waiting',
			executionId,
			true,
		]);
		// The same URL on the other webhook process.
		const other = new URL(cluster.webhookBaseUrls[1]);
		expect(other.port).not.toBe(given.port);
		given.host = other.host;
		message.status_callback = given.toString();

		const beforeReceipt = workerLogSizes();
		const receipt = await request(`${emulator.url}/_control/exotel/deliver`, { method: 'POST', body: { sid: sent.sid, status: 'delivered' }, timeoutMs: 180_000 });
		expect(receipt.status).toBe(200);
		expect(receipt.json.delivery.url).toBe(message.status_callback);
		expect(receipt.json.delivery.attempts.map((attempt: any) => [attempt.status, JSON.parse(attempt.response)])).toEqual([[200, { waiting: true }]]);
		const afterReceipt = (await cluster.executions(journey.workflow.id)).filter(startedFor(orderId));
		expect(afterReceipt.map((execution: any) => [execution.id, execution.status])).toEqual([[executionId, 'waiting']]);
		expect(workerStarts(executionId, beforeReceipt)).toEqual([]);

		const beforePayment = workerLogSizes();
		const paid = await request(`${emulator.url}/_control/exotel/pay`, { method: 'POST', body: { reference_id: orderId, outcome: 'success' }, timeoutMs: 180_000 });
		expect(paid.status).toBe(200);
		expect(paid.json.delivery.url).toBe(message.status_callback);
		expect(paid.json.delivery.attempts.map((attempt: any) => attempt.status)).toEqual([200]);

		const run = await runFor(journey.workflow.id, orderId, ENDED);
		expect({ id: String(run.id), status: run.status, error: executionError(run)?.message }).toEqual({ id: executionId, status: 'success', error: undefined });
		expect(waitOutcome(run)).toMatchObject({ output: 'Paid', item: { outcome: 'paid', provider: 'exotel', status: 'paid', reference: orderId } });
		expect(ran(run, TAIL)).toEqual(['Mark Order Processing', 'Send Thank-You Text']);
		expect(await orderStatuses(emulator, 'exotel', orderId)).toEqual(['processing']);
		expect(await textsTo(emulator, 'exotel', phone)).toEqual([
			`Thank you for shopping with Chai Corner! Your payment for order ${orderId} is confirmed; we will message you when it is on its way.`,
		]);
		// The resumed part ran on a worker; the execution is still the only one of this order.
		expect(workerStarts(executionId, beforePayment)).toEqual([expect.stringMatching(/^worker-\d$/)]);
		expect((await cluster.executions(journey.workflow.id, { includeData: false })).filter((execution: any) => execution.id === executionId)).toHaveLength(1);
		expect((await cluster.executions(journey.workflow.id)).filter(startedFor(orderId))).toHaveLength(1);
	});

	it("Timed Out: main's wait tracker ends the wait at the time limit and the resumed part runs on a worker; the order is canceled", async () => {
		const orderId = newOrderId('QEXT');
		const phone = phoneFor('+9194');
		await startJourney(shortJourney, orderId, phone);

		const waiting = await runFor(shortJourney.workflow.id, orderId, ['waiting', ...ENDED]);
		expect({ status: waiting.status, error: executionError(waiting)?.message }).toEqual({ status: 'waiting', error: undefined });
		expect(waiting.waitTill).toBeInstanceOf(Date);
		const executionId = String(waiting.id);

		const run = await runFor(shortJourney.workflow.id, orderId, ENDED);
		expect({ id: String(run.id), status: run.status, error: executionError(run)?.message }).toEqual({ id: executionId, status: 'success', error: undefined });
		expect(waitOutcome(run)).toMatchObject({ output: 'Timed Out', item: { outcome: 'timedOut', provider: 'exotel', checkedAtDeadline: false } });
		expect(ran(run, TAIL)).toEqual(['Cancel Order']);
		expect(await orderStatuses(emulator, 'exotel', orderId)).toEqual(['canceled']);
		expect(await textsTo(emulator, 'exotel', phone)).toEqual([]);
		// Nothing called the resume URL: Exotel (the emulator) sent no callback for this message.
		const [sent] = nodeOutput(run, 'Send Payment Request');
		expect(emulator.webhooks.filter((delivery: any) => delivery.meta?.sid === sent.sid)).toEqual([]);
		// Started on a worker, and resumed on one: two starts of this execution in the workers' logs.
		expect(workerStarts(executionId)).toEqual([expect.stringMatching(/^worker-\d$/), expect.stringMatching(/^worker-\d$/)]);
	});
});
