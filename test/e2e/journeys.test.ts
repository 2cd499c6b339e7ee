// Issue #12's example journeys for WhatsApp payment requests, end to end in a real n8n 2.41
// against the offline emulator: examples/journey-exotel-payment.json and
// examples/journey-360dialog-payment.json, each read from its file and imported as a user would
// (loaded as `npm run demo` loads it, credentials bound to the emulator's), then published and
// started by POSTing an order to its New Order webhook.
//
// The one change made to an example: for the Timed Out path a copy of it is imported with a
// time limit of SHORT_LIMIT_SECONDS instead of 30 minutes, and for the restart a copy with
// RESTART_LIMIT_SECONDS and a 30-second check interval (each, so that all can be published, with
// its own id, name and New Order path). Everything else runs as shipped.
//
// - Exotel: the customer pays, the emulator's payment callback goes to the payment request's
//   Status Callback URL ($execution.resumeUrl) and the order moves to processing with a thank-you
//   text; n8n's own timer ends an unpaid one on Timed Out and the order is canceled; a journey
//   left waiting survives an n8n restart, a delivery receipt leaves it waiting, the payment after
//   the restart ends it on Paid.
// - 360dialog: paid → processing, failed → canceled saying the payment failed, not paid in time →
//   canceled; paid while n8n restarts → the wait ends unchecked on Timed Out, the journey's
//   re-check (Check Payment Again) finds the payment → processing. A workflow holding only the
//   360dialog Trigger (what the journey's note suggests) is published so that the payment webhook
//   wakes the waiting check at once; the shipped "360dialog: Payment Webhook" example is not used
//   because it moves orders to processing itself.
//
// Each test opens its own order (own order id and phone number) and counts only its own runs.
export {};

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
import {
	CONFIGURATION,
	JOURNEY_FILES,
	STEP_TIMEOUT_MS,
	control,
	journeyRun,
	loadJourney,
	newOrderId,
	orderStatuses,
	phoneFor,
	ran,
	textsTo,
	waitOutcome,
	wakeWorkflow,
	withShortTimeLimit,
	forRestart,
	RECHECK,
	type Journey,
} from './journeys.workflows';

const { nodeOutput, executionError, waitFor } = harness;
// The sample orders `npm run demo` prints for a newcomer to post: the tests post the same.
const { SAMPLES } = require('../demo/journeys');

const D360_WAKE_ID = 'e2eJourneyD360Wake';

describe('the WhatsApp payment journeys in a real n8n (issue #12)', () => {
	let n8n: any;
	let emulator: any;
	let exotel: Journey;
	let exotelShort: Journey;
	let dialog360: Journey;
	let dialog360Short: Journey;
	let dialog360Restart: Journey;

	/** POSTs the demo's sample order to a journey's New Order webhook, as the shop would. */
	async function startJourney(journey: Journey, orderId: string, phone: string): Promise<void> {
		const answer = await n8n.runWorkflowByWebhook(journey.path, SAMPLES[journey.file].body(orderId, phone));
		expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: expect.stringContaining('Workflow was started') });
	}

	beforeAll(async () => {
		exotel = loadJourney(JOURNEY_FILES.exotel);
		dialog360 = loadJourney(JOURNEY_FILES.dialog360);
		exotelShort = withShortTimeLimit(exotel);
		dialog360Short = withShortTimeLimit(dialog360);
		dialog360Restart = forRestart(dialog360);

		emulator = await createEmulator({ port: 0, providers: ['exotel', 'dialog360'], config: { exotel: { retryDelaysMs: [] }, dialog360: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(emulator.url);
		const wake = wakeWorkflow(D360_WAKE_ID, 'dialog360Trigger', 'dialog360Api', { confirmWithLookup: true, paymentConfiguration: CONFIGURATION, options: {} });
		const workflows = [exotel, exotelShort, dialog360, dialog360Short, dialog360Restart].map((journey) => journey.workflow).concat([wake]);
		n8n = await harness.startN8n({
			name: 'journeys',
			// Fixed, so that the resume URL Exotel was given stays valid across restart().
			port: await harness.freePort(),
			credentials,
			workflows: workflows.map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: workflows.map((workflow) => workflow.id),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('the journeys are shipped as a user imports them: no webhook ids, credentials by name only', () => {
		for (const journey of [exotel, dialog360]) {
			const file = require(`../../examples/${journey.file}`);
			expect(file.nodes.filter((node: any) => 'webhookId' in node)).toEqual([]);
			const credentials = file.nodes.flatMap((node: any) => Object.values(node.credentials ?? {}));
			expect(credentials.length).toBeGreaterThan(0);
			for (const credential of credentials) expect(credential).toEqual({ id: null, name: expect.any(String) });
		}
	});

	describe('Exotel', () => {
		const TAIL = ['Mark Order Processing', 'Send Thank-You Text', 'Cancel Order'];

		async function waitingJourney(): Promise<{ orderId: string; phone: string; sid: string; executionId: string }> {
			const orderId = newOrderId('EX');
			const phone = phoneFor('+9198');
			await startJourney(exotel, orderId, phone);
			const waiting = await journeyRun(n8n, exotel.workflow.id, orderId, ['waiting']);
			const [sent] = nodeOutput(waiting, 'Send Payment Request');
			expect(sent).toMatchObject({ referenceId: orderId, to: phone });
			return { orderId, phone, sid: sent.sid, executionId: String(waiting.id) };
		}

		async function expectPaidEnd(orderId: string, phone: string): Promise<void> {
			const run = await journeyRun(n8n, exotel.workflow.id, orderId, ['success', 'error', 'crashed', 'canceled']);
			expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
			expect(waitOutcome(run)).toMatchObject({ output: 'Paid', item: { outcome: 'paid', provider: 'exotel', status: 'paid', reference: orderId } });
			expect(ran(run, TAIL)).toEqual(['Mark Order Processing', 'Send Thank-You Text']);
			expect(await orderStatuses(emulator, 'exotel', orderId)).toEqual(['processing']);
			expect(await textsTo(emulator, 'exotel', phone)).toEqual([
				`Thank you for shopping with Chai Corner! Your payment for order ${orderId} is confirmed; we will message you when it is on its way.`,
			]);
		}

		it('Paid: the payment callback resumes the journey; the order moves to processing and a thank-you text follows', async () => {
			const { orderId, phone, executionId } = await waitingJourney();
			// What Exotel was given as the message's callback URL is n8n's resume URL of this execution.
			const [request] = (await waitFor(() => emulator.state.exotel.messages.filter((message: any) => message.reference_id === orderId), { what: 'the payment request' })) as any[];
			const callback = new URL(request.status_callback);
			expect([callback.origin, ...callback.pathname.split('/').slice(1, 3), callback.searchParams.has('signature')]).toEqual([n8n.baseUrl, 'webhook-waiting', executionId, true]);

			const paid = await control(emulator, 'exotel/pay', { reference_id: orderId });
			expect(paid.delivery.attempts.map((attempt: any) => attempt.status)).toEqual([200]);
			await expectPaidEnd(orderId, phone);
		});

		it("Timed Out: n8n's timer ends an unpaid journey and the order is canceled", async () => {
			const orderId = newOrderId('EXT');
			const phone = phoneFor('+9197');
			await startJourney(exotelShort, orderId, phone);
			const run = await journeyRun(n8n, exotelShort.workflow.id, orderId, ['success', 'error', 'crashed', 'canceled']);
			expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
			expect(waitOutcome(run)).toMatchObject({ output: 'Timed Out', item: { outcome: 'timedOut', provider: 'exotel', checkedAtDeadline: false } });
			expect(ran(run, TAIL)).toEqual(['Cancel Order']);
			expect(nodeOutput(run, 'Cancel Order')).toEqual([expect.objectContaining({ referenceId: orderId, orderStatus: 'canceled' })]);
			expect(await orderStatuses(emulator, 'exotel', orderId)).toEqual(['canceled']);
			expect(await textsTo(emulator, 'exotel', phone)).toEqual([]);
			// The order is closed: a late payment is refused at the provider.
			expect((await harness.request(`${emulator.url}/_control/exotel/pay`, { method: 'POST', body: { reference_id: orderId } })).status).toBe(409);
		});

		it('a journey left waiting survives an n8n restart; a delivery receipt leaves it waiting, the payment ends it on Paid', async () => {
			const { orderId, phone, sid } = await waitingJourney();
			await n8n.restart();

			const receipt = await control(emulator, 'exotel/deliver', { sid, status: 'delivered' });
			expect(receipt.delivery.attempts.map((attempt: any) => [attempt.status, JSON.parse(attempt.response)])).toEqual([[200, { waiting: true }]]);
			const stillWaiting = n8n.executions(exotel.workflow.id).filter((execution: any) => nodeOutput(execution, 'New Order')?.[0]?.body?.orderId === orderId);
			expect(stillWaiting.map((execution: any) => execution.status)).toEqual(['waiting']);

			const paid = await control(emulator, 'exotel/pay', { reference_id: orderId });
			expect(paid.delivery.attempts.map((attempt: any) => attempt.status)).toEqual([200]);
			await expectPaidEnd(orderId, phone);
		});
	});

	describe('360dialog', () => {
		const TAIL = ['Mark Order Processing', 'Cancel: Payment Failed', 'Cancel: Not Paid in Time'];

		async function waitingJourney(journey: Journey): Promise<{ orderId: string; phone: string }> {
			const orderId = newOrderId('DL');
			const phone = phoneFor('+9196');
			await startJourney(journey, orderId, phone);
			await journeyRun(n8n, journey.workflow.id, orderId, ['waiting']);
			return { orderId, phone };
		}

		async function ended(journey: Journey, orderId: string): Promise<any> {
			const run = await journeyRun(n8n, journey.workflow.id, orderId, ['success', 'error', 'crashed', 'canceled']);
			expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
			return run;
		}

		/** The order's status at the emulator once its last order_status message was checked (asynchronously, as WhatsApp does). */
		const settledOrder = async (orderId: string, status: string) =>
			await waitFor(
				() => {
					const order = emulator.state.dialog360.orders[orderId];
					return order?.status === status ? order : undefined;
				},
				{ timeoutMs: STEP_TIMEOUT_MS, what: `order ${orderId} ${status} at the emulator` },
			);

		it('Paid: the payment webhook wakes the check, the lookup confirms it, the order moves to processing', async () => {
			const { orderId } = await waitingJourney(dialog360);
			const paid = await control(emulator, 'dialog360/pay', { reference_id: orderId, outcome: 'captured' });
			expect(paid.delivery.attempts.map((attempt: any) => attempt.status)).toEqual([200]);

			const run = await ended(dialog360, orderId);
			expect(waitOutcome(run)).toMatchObject({
				output: 'Paid',
				item: { outcome: 'paid', provider: '360dialog', status: 'paid', reference: orderId, details: { confirmed: true } },
			});
			expect(ran(run, TAIL)).toEqual(['Mark Order Processing']);
			expect(await orderStatuses(emulator, 'dialog360', orderId)).toEqual(['processing']);
			expect(await settledOrder(orderId, 'processing')).toMatchObject({ payment: 'captured' });
		});

		it('Failed: a failed payment cancels the order, saying the payment failed', async () => {
			const { orderId } = await waitingJourney(dialog360);
			await control(emulator, 'dialog360/pay', { reference_id: orderId, outcome: 'failed' });

			const run = await ended(dialog360, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Failed', item: { outcome: 'failed', provider: '360dialog', status: 'failed', reference: orderId } });
			expect(ran(run, TAIL)).toEqual(['Cancel: Payment Failed']);
			const [canceled] = (await orderStatusMessages(orderId)).filter((message) => message.order_status === 'canceled');
			expect(canceled.content.interactive.action.parameters.order.description).toBe('Payment failed');
			expect(canceled.content.interactive.body.text).toBe(`Your payment for order ${orderId} did not go through, so we have canceled the order. Write to us to try again.`);
			// WhatsApp takes the cancellation: the payment failed, so nothing is being paid.
			expect(await settledOrder(orderId, 'canceled')).toMatchObject({ payment: 'failed' });
		});

		it('Timed Out: the lookup at the time limit finds it unpaid, the order is canceled', async () => {
			const { orderId } = await waitingJourney(dialog360Short);
			const run = await ended(dialog360Short, orderId);
			expect(waitOutcome(run)).toMatchObject({
				output: 'Timed Out',
				item: { outcome: 'timedOut', provider: '360dialog', reference: orderId, checkedAtDeadline: true, lastCheck: { outcome: 'pending', providerStatus: 'new' } },
			});
			expect(ran(run, [...RECHECK, ...TAIL])).toEqual([RECHECK[0], 'Cancel: Not Paid in Time']);
			expect(await orderStatuses(emulator, 'dialog360', orderId)).toEqual(['canceled']);
			expect(await settledOrder(orderId, 'canceled')).toMatchObject({ payment: 'new' });
		});

		it('paid while n8n restarts: the wait ends unchecked on Timed Out, the re-check finds the payment and the order moves to processing', async () => {
			const { orderId } = await waitingJourney(dialog360Restart);
			await n8n.stop();
			// The payment webhook finds nobody: only the journey's re-check can see the payment.
			await control(emulator, 'dialog360/pay', { reference_id: orderId, outcome: 'captured' });
			await n8n.start();

			const run = await ended(dialog360Restart, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Timed Out', item: { outcome: 'timedOut', provider: '360dialog', checkedAtDeadline: false } });
			expect(nodeOutput(run, RECHECK[1], { output: 0 })).toEqual([expect.objectContaining({ outcome: 'paid', provider: '360dialog', reference: orderId })]);
			expect(ran(run, TAIL)).toEqual(['Mark Order Processing']);
			expect(await orderStatuses(emulator, 'dialog360', orderId)).toEqual(['processing']);
			expect(await settledOrder(orderId, 'processing')).toMatchObject({ payment: 'captured' });
		});

		async function orderStatusMessages(orderId: string): Promise<any[]> {
			const response = await harness.request(`${emulator.url}/_control/dialog360/messages?reference_id=${orderId}`);
			return response.json.messages.filter((message: any) => message.order_status);
		}
	});
});
