// Issue #12's example journeys for payment links, and the scheduled sweep, end to end in a real
// n8n 2.41 against the offline emulator: examples/journey-craftgate-link.json (the seed's journey),
// examples/journey-calypso-widget.json and examples/journey-scheduled-sweep.json, each read from
// its file and imported as a user would (loaded as `npm run demo` loads it, credentials bound to
// the emulator's). The link journeys are published and started by POSTing an order to New Order.
//
// The one change made to a journey: for the Timed Out path (and the payment during the time-out
// clean-up) a copy is imported with a time limit of SHORT_LIMIT_SECONDS instead of 30 or 60
// minutes, and for the restart one with RESTART_LIMIT_SECONDS and a 30-second check interval
// (each, so that all can be published, with its own id, name and New Order path). The restart
// test pays while n8n is stopped, so only the journeys' re-check after an unchecked time-out
// (Checked at the Time Limit? → Check Payment Again) can find the payment. The sweep's
// sample rows (Open Orders (Sample)) are replaced by this file's own open orders, as its note
// tells a user to; it is run from its manual trigger instead of waiting for the schedule.
//
// Published next to the journeys, to wake a waiting check as soon as the provider reports the
// payment (what the journeys' notes suggest): the shipped Craftgate webhook example, and a
// workflow holding only the Calypso Pay Trigger subscribed to every invoice event (the shipped
// Calypso example listens to received funds only, so a declined payment would wait for the next
// check interval, a minute).
//
// Each test opens its own orders (own order ids and phone numbers) and counts only its own runs.
export {};

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
import {
	JOURNEY_FILES,
	STEP_TIMEOUT_MS,
	control,
	journeyRun,
	loadJourney,
	newOrderId,
	openCalypsoWidget,
	openCraftgateLink,
	openDialog360Order,
	orderStatuses,
	phoneFor,
	ran,
	textsTo,
	waitOutcome,
	wakeWorkflow,
	withShortTimeLimit,
	forRestart,
	RECHECK,
	CONFIGURATION,
	type Journey,
} from './journeys.workflows';

const { nodeOutput, executionError } = harness;
const { loadExamples } = require('../demo/examples');
// The sample orders `npm run demo` prints for a newcomer to post: the tests post the same.
const { SAMPLES } = require('../demo/journeys');
const { repoRoot } = require('./harness/paths');
import * as path from 'node:path';

const CALYPSO_WAKE_ID = 'e2eJourneyCalWake';
const SWEEP_ID = 'e2eJourneySweep';

/** One open order of the sweep: the row its shop would list. */
type SweepRow = { orderId: string; provider: string; phone: string; paymentConfiguration?: string; linkId?: string; widgetKey?: string };

/**
 * The sweep's open orders, opened at the emulator before n8n starts (their link id and widget key
 * go into the rows): two WhatsApp orders, two Craftgate links, a Calypso widget. The sweep test
 * decides what happens to each.
 */
async function openSweepOrders(emulatorUrl: string): Promise<Record<'paidWhatsApp' | 'failedWhatsApp' | 'paidLink' | 'openLink' | 'declinedWidget', SweepRow>> {
	const whatsApp = async (): Promise<SweepRow> => {
		const row = { orderId: newOrderId('SW'), provider: 'dialog360', phone: phoneFor('+9195'), paymentConfiguration: CONFIGURATION };
		await openDialog360Order(emulatorUrl, row.orderId, row.phone);
		return row;
	};
	const link = async (): Promise<SweepRow> => {
		const row = { orderId: newOrderId('SW'), provider: 'craftgate', phone: phoneFor('+9053') };
		return { ...row, linkId: String(await openCraftgateLink(emulatorUrl, row.orderId)) };
	};
	const widget = async (): Promise<SweepRow> => {
		const row = { orderId: newOrderId('SW'), provider: 'calypsoPay', phone: phoneFor('+97150') };
		return { ...row, widgetKey: await openCalypsoWidget(emulatorUrl, row.orderId) };
	};
	return { paidWhatsApp: await whatsApp(), failedWhatsApp: await whatsApp(), paidLink: await link(), openLink: await link(), declinedWidget: await widget() };
}
const REPLIES = ['Reply: Payment Successful', 'Reply: Payment Failed', 'Reply: Link Expired'];
const CALYPSO_REPLIES = ['Reply: Payment Received', 'Reply: Payment Not Accepted', 'Reply: Link Expired'];

describe('the payment link journeys and the scheduled sweep in a real n8n (issue #12)', () => {
	let n8n: any;
	let emulator: any;
	let craftgate: Journey;
	let craftgateShort: Journey;
	let calypso: Journey;
	let calypsoShort: Journey;
	let craftgateRestart: Journey;
	let calypsoRestart: Journey;
	let sweep: any;
	let sweepOrders: Awaited<ReturnType<typeof openSweepOrders>>;

	const digits = (phone: string) => phone.replace(/\D/g, '');

	async function startJourney(journey: Journey, body: object): Promise<void> {
		const answer = await n8n.runWorkflowByWebhook(journey.path, body);
		expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: expect.stringContaining('Workflow was started') });
	}

	async function ended(journey: Journey, orderId: string): Promise<any> {
		const run = await journeyRun(n8n, journey.workflow.id, orderId, ['success', 'error', 'crashed', 'canceled']);
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		return run;
	}

	/** Starts the journey for a new order; resolves once it waits, with the link it sent. */
	async function waitingCraftgate(journey: Journey, orderId = newOrderId('TR')): Promise<{ orderId: string; phone: string; link: any }> {
		const phone = phoneFor('+9053');
		await startJourney(journey, SAMPLES[journey.file].body(orderId, phone));
		const waiting = await journeyRun(n8n, journey.workflow.id, orderId, ['waiting']);
		const [link] = nodeOutput(waiting, 'Create Payment Link');
		expect(link).toMatchObject({ orderId, price: 149.9, currency: 'TRY', channel: 'WHATSAPP', status: 'ACTIVE' });
		expect(link.paymentUrl).toBe(`${link.url}?lang=en`);
		expect(await textsTo(emulator, 'dialog360', digits(phone))).toEqual([
			`Please pay 149.9 TRY for your order ${orderId} here: ${link.url}?lang=en\nThe link is valid for 30 minutes.`,
		]);
		return { orderId, phone, link };
	}

	/** Starts the journey for a new order; resolves once it waits, with the widget it sent. */
	async function waitingCalypso(journey: Journey): Promise<{ orderId: string; phone: string; widgetKey: string }> {
		const orderId = newOrderId('CR');
		const phone = phoneFor('+97150');
		await startJourney(journey, SAMPLES[journey.file].body(orderId, phone));
		const waiting = await journeyRun(n8n, journey.workflow.id, orderId, ['waiting']);
		const [widget] = nodeOutput(waiting, 'Create Payment Widget');
		expect(emulator.state.calypso.widgets[widget.widgetKey]).toMatchObject({ externalId: orderId, widgetState: 'IN_PROGRESS' });
		expect(await textsTo(emulator, 'dialog360', digits(phone))).toEqual([
			`Please pay for your order ${orderId} in crypto here: ${widget.paymentLink}\nThe link is valid for 60 minutes.`,
		]);
		return { orderId, phone, widgetKey: widget.widgetKey };
	}

	beforeAll(async () => {
		craftgate = loadJourney(JOURNEY_FILES.craftgate);
		calypso = loadJourney(JOURNEY_FILES.calypso);
		craftgateShort = withShortTimeLimit(craftgate);
		calypsoShort = withShortTimeLimit(calypso);
		craftgateRestart = forRestart(craftgate);
		calypsoRestart = forRestart(calypso);
		const examples = loadExamples(path.join(repoRoot, 'examples'));
		const byFile = (name: string) => examples.find((example: any) => path.basename(example.file) === name);
		sweep = byFile(JOURNEY_FILES.sweep);
		const craftgateHook = byFile('craftgate-payment-webhook.json');
		if (!sweep || !craftgateHook) throw new Error('the sweep and the Craftgate webhook examples must load');
		const calypsoWake = wakeWorkflow(CALYPSO_WAKE_ID, 'calypsoPayTrigger', 'calypsoApi', { subscribeTo: 'allInvoiceEvents', options: {} });

		emulator = await createEmulator({
			port: 0,
			providers: ['craftgate', 'calypso', 'dialog360'],
			config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] }, dialog360: { retryDelaysMs: [] } },
		});
		// The sweep as shipped, with this file's open orders in place of its sample rows (as its note says).
		sweepOrders = await openSweepOrders(emulator.url);
		const ownSweep = structuredClone(sweep.workflow);
		ownSweep.id = SWEEP_ID;
		const source = ownSweep.nodes.find((node: any) => node.name === 'Open Orders (Sample)');
		source.parameters = { ...source.parameters, jsonOutput: JSON.stringify({ orders: Object.values(sweepOrders) }, null, 2) };

		const credentials = harness.emulatorCredentials(emulator.url);
		const published = [craftgate, craftgateShort, craftgateRestart, calypso, calypsoShort, calypsoRestart]
			.map((journey) => journey.workflow)
			.concat([craftgateHook.workflow, calypsoWake]);
		n8n = await harness.startN8n({
			name: 'journeys-links',
			// Fixed, so that the Merchant Webhook URL given to the emulator stays valid across the restart.
			port: await harness.freePort(),
			credentials,
			workflows: [...published, ownSweep].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: published.map((workflow) => workflow.id),
		});
		await control(emulator, 'craftgate/config', { merchantWebhookUrl: n8n.triggerUrl(craftgateHook.workflow.id, 'Craftgate Trigger') });
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('the journeys are shipped as a user imports them: no webhook ids, credentials by name only', () => {
		for (const file of [JOURNEY_FILES.craftgate, JOURNEY_FILES.calypso, JOURNEY_FILES.sweep]) {
			const shipped = require(`../../examples/${file}`);
			expect(shipped.nodes.filter((node: any) => 'webhookId' in node)).toEqual([]);
			const credentials = shipped.nodes.flatMap((node: any) => Object.values(node.credentials ?? {}));
			for (const credential of credentials) expect(credential).toEqual({ id: null, name: expect.any(String) });
			expect(shipped.nodes.filter((node: any) => node.type === 'n8n-nodes-base.code')).toEqual([]);
		}
	});

	describe('Craftgate (the seed\'s journey)', () => {
		it('Paid: the customer pays the link, the trigger wakes the check, "payment successful"', async () => {
			const { orderId, phone, link } = await waitingCraftgate(craftgate);
			const paid = await control(emulator, 'craftgate/pay', { orderId, outcome: 'success' });
			expect(paid.product.id).toBe(link.linkId);

			const run = await ended(craftgate, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Paid', item: { outcome: 'paid', provider: 'craftgate', status: 'paid', reference: orderId } });
			expect(ran(run, REPLIES)).toEqual(['Reply: Payment Successful']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([`Payment successful, thank you! Your order ${orderId} is confirmed.`]);
			expect(emulator.state.craftgate.products[link.linkId]).toMatchObject({ status: 'ACTIVE', soldCount: 1 });
		});

		it('Failed: the card is declined, "payment failed"', async () => {
			const { orderId, phone, link } = await waitingCraftgate(craftgate);
			await control(emulator, 'craftgate/pay', { orderId, outcome: 'failure' });

			const run = await ended(craftgate, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Failed', item: { outcome: 'failed', provider: 'craftgate', status: 'failed', reference: orderId } });
			expect(ran(run, REPLIES)).toEqual(['Reply: Payment Failed']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([
				`Payment failed: your card was not charged for order ${orderId}. Write to us and we will send you a new link.`,
			]);
			expect(emulator.state.craftgate.products[link.linkId]).toMatchObject({ soldCount: 0 });
		});

		it('Timed Out: the link is deactivated, the customer is told it expired, and it can no longer be paid', async () => {
			const { orderId, phone, link } = await waitingCraftgate(craftgateShort);
			const run = await ended(craftgateShort, orderId);
			expect(waitOutcome(run)).toMatchObject({
				output: 'Timed Out',
				item: { outcome: 'timedOut', provider: 'craftgate', reference: orderId, checkedAtDeadline: true, cleanUp: { action: 'deactivateLink', done: true } },
			});
			expect(ran(run, [...RECHECK, 'Deactivate Link', ...REPLIES])).toEqual([RECHECK[0], 'Reply: Link Expired']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([
				`Your payment link for order ${orderId} has expired and can no longer be used. Write to us and we will send you a new one.`,
			]);
			expect(emulator.state.craftgate.products[link.linkId]).toMatchObject({ status: 'PASSIVE', soldCount: 0 });
			const late = await harness.request(`${emulator.url}/_control/craftgate/pay`, { method: 'POST', body: { orderId } });
			expect(late.status).toBe(409);
		});

		it('a payment made while the link is being deactivated ends on Paid, not Timed Out', async () => {
			const orderId = newOrderId('TRC');
			// The emulator takes the payer's payment when the link's deactivation arrives.
			await control(emulator, 'craftgate/pay-on-deactivate', { orderId, outcome: 'success' });
			const { phone, link } = await waitingCraftgate(craftgateShort, orderId);

			const run = await ended(craftgateShort, orderId);
			expect(waitOutcome(run)).toMatchObject({
				output: 'Paid',
				item: { outcome: 'paid', provider: 'craftgate', status: 'paid', reference: orderId, cleanUp: { action: 'deactivateLink', done: false, note: expect.stringContaining('Paid while the link was being deactivated') } },
			});
			expect(ran(run, REPLIES)).toEqual(['Reply: Payment Successful']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([`Payment successful, thank you! Your order ${orderId} is confirmed.`]);
			expect(emulator.state.craftgate.products[link.linkId]).toMatchObject({ status: 'PASSIVE', soldCount: 1 });
			expect(emulator.state.craftgate.payOnDeactivate).toEqual([]);
		});
	});

	describe('Calypso Pay', () => {
		it('Paid: the customer picks a currency and pays, the trigger wakes the check, the order is confirmed', async () => {
			const { orderId, phone } = await waitingCalypso(calypso);
			await control(emulator, 'calypso/pick', { externalId: orderId, currency: 'USDT_TRX', amount: '25' });
			await control(emulator, 'calypso/pay', { externalId: orderId, mode: 'full' });

			const run = await ended(calypso, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Paid', item: { outcome: 'paid', provider: 'calypso', status: 'paid', reference: orderId } });
			expect(ran(run, CALYPSO_REPLIES)).toEqual(['Reply: Payment Received']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([
				`We received 25 USDT_TRX for your order ${orderId}. Thank you, your order is confirmed!`,
			]);
		});

		it('Failed: Calypso declines the payment, the customer is told', async () => {
			const { orderId, phone } = await waitingCalypso(calypso);
			await control(emulator, 'calypso/pick', { externalId: orderId, currency: 'USDT_TRX' });
			await control(emulator, 'calypso/decline', { externalId: orderId, amount: '25' });

			const run = await ended(calypso, orderId);
			expect(waitOutcome(run)).toMatchObject({ output: 'Failed', item: { outcome: 'failed', provider: 'calypso', status: 'failed', reference: orderId } });
			expect(ran(run, CALYPSO_REPLIES)).toEqual(['Reply: Payment Not Accepted']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([
				`Your crypto payment for order ${orderId} could not be accepted. Write to us and we will help you.`,
			]);
		});

		it('Timed Out: nothing paid by the time limit, the customer is told the link expired', async () => {
			const { orderId, phone } = await waitingCalypso(calypsoShort);
			const run = await ended(calypsoShort, orderId);
			expect(waitOutcome(run)).toMatchObject({
				output: 'Timed Out',
				item: { outcome: 'timedOut', provider: 'calypso', reference: orderId, checkedAtDeadline: true, lastCheck: { outcome: 'pending' } },
			});
			expect(ran(run, [...RECHECK, ...CALYPSO_REPLIES])).toEqual([RECHECK[0], 'Reply: Link Expired']);
			expect((await textsTo(emulator, 'dialog360', digits(phone))).slice(1)).toEqual([
				`We did not receive your payment for order ${orderId} within 60 minutes, so the order is released. If you have already paid, write to us and we will check.`,
			]);
		});
	});

	describe('after an n8n restart', () => {
		it('a wait left unchecked by the restart ends on Timed Out, and the journey\'s re-check finds what happened meanwhile', async () => {
			// Two links and a widget wait; n8n stops, the customers of one link and of the widget pay
			// while it is down (the webhooks find nobody), n8n starts again. Nothing checks the waits any
			// more: n8n's own timer ends each on Timed Out, unchecked, a minute after its time limit.
			const paidLink = await waitingCraftgate(craftgateRestart);
			const openLink = await waitingCraftgate(craftgateRestart);
			const paidWidget = await waitingCalypso(calypsoRestart);
			await n8n.stop();
			await control(emulator, 'craftgate/pay', { orderId: paidLink.orderId, outcome: 'success' });
			await control(emulator, 'calypso/pick', { externalId: paidWidget.orderId, currency: 'USDT_TRX', amount: '25' });
			await control(emulator, 'calypso/pay', { externalId: paidWidget.orderId, mode: 'full' });
			await n8n.start();

			const unchecked = { output: 'Timed Out', item: { outcome: 'timedOut', checkedAtDeadline: false } };
			const recheckOutput = (run: any) => ['Paid', 'Failed', 'Pending'].find((_, output) => nodeOutput(run, RECHECK[1], { output })?.length);

			// Paid during the restart: the link is made passive, checked again, and the payment found.
			const paid = await ended(craftgateRestart, paidLink.orderId);
			expect(waitOutcome(paid)).toMatchObject(unchecked);
			expect(ran(paid, ['Deactivate Link', ...REPLIES])).toEqual(['Deactivate Link', 'Reply: Payment Successful']);
			expect(recheckOutput(paid)).toBe('Paid');
			expect((await textsTo(emulator, 'dialog360', digits(paidLink.phone))).slice(1)).toEqual([
				`Payment successful, thank you! Your order ${paidLink.orderId} is confirmed.`,
			]);
			expect(emulator.state.craftgate.products[paidLink.link.linkId]).toMatchObject({ status: 'PASSIVE', soldCount: 1 });

			// Not paid: the link is made passive before the customer is told it expired.
			const open = await ended(craftgateRestart, openLink.orderId);
			expect(waitOutcome(open)).toMatchObject(unchecked);
			expect(ran(open, ['Deactivate Link', ...REPLIES])).toEqual(['Deactivate Link', 'Reply: Link Expired']);
			expect(recheckOutput(open)).toBe('Failed');
			expect((await textsTo(emulator, 'dialog360', digits(openLink.phone))).slice(1)).toEqual([
				`Your payment link for order ${openLink.orderId} has expired and can no longer be used. Write to us and we will send you a new one.`,
			]);
			expect(emulator.state.craftgate.products[openLink.link.linkId]).toMatchObject({ status: 'PASSIVE', soldCount: 0 });

			// Calypso: the money that arrived during the restart is confirmed.
			const widget = await ended(calypsoRestart, paidWidget.orderId);
			expect(waitOutcome(widget)).toMatchObject(unchecked);
			expect(recheckOutput(widget)).toBe('Paid');
			expect(ran(widget, CALYPSO_REPLIES)).toEqual(['Reply: Payment Received']);
			expect((await textsTo(emulator, 'dialog360', digits(paidWidget.phone))).slice(1)).toEqual([
				`We received 25 USDT_TRX for your order ${paidWidget.orderId}. Thank you, your order is confirmed!`,
			]);
		});
	});

	describe('the scheduled sweep', () => {
		it('checks open payments of every provider and updates their orders: processing, canceled, texts; pending ones are left alone', async () => {
			const { paidWhatsApp, failedWhatsApp, paidLink, openLink, declinedWidget } = sweepOrders;
			await control(emulator, 'dialog360/pay', { reference_id: paidWhatsApp.orderId, outcome: 'captured' });
			await control(emulator, 'dialog360/pay', { reference_id: failedWhatsApp.orderId, outcome: 'failed' });
			await control(emulator, 'craftgate/pay', { orderId: paidLink.orderId, outcome: 'success' });
			await control(emulator, 'calypso/pick', { externalId: declinedWidget.orderId, currency: 'USDT_TRX' });
			await control(emulator, 'calypso/decline', { externalId: declinedWidget.orderId, amount: '10' });

			const run = await n8n.executeManual(SWEEP_ID, { timeoutMs: STEP_TIMEOUT_MS });
			expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
			const outputs = [0, 1, 2].map((output) => (nodeOutput(run, 'Check Payment', { output }) ?? []).map((item: any) => [item.reference, item.outcome]));
			expect(outputs).toEqual([
				[[paidWhatsApp.orderId, 'paid'], [paidLink.orderId, 'paid']],
				[[failedWhatsApp.orderId, 'failed'], [declinedWidget.orderId, 'failed']],
				[[openLink.orderId, 'pending']],
			]);
			expect(nodeOutput(run, 'Still Open: Next Run')).toHaveLength(1);

			expect(await orderStatuses(emulator, 'dialog360', paidWhatsApp.orderId)).toEqual(['processing']);
			expect(await orderStatuses(emulator, 'dialog360', failedWhatsApp.orderId)).toEqual(['canceled']);
			expect(await textsTo(emulator, 'dialog360', digits(paidLink.phone))).toEqual([`Payment received for order ${paidLink.orderId}, thank you! Your order is confirmed.`]);
			expect(await textsTo(emulator, 'dialog360', digits(declinedWidget.phone))).toEqual([
				`Your payment for order ${declinedWidget.orderId} did not go through, so we have canceled the order. Write to us to try again.`,
			]);
			for (const row of [paidWhatsApp, failedWhatsApp, openLink]) expect(await textsTo(emulator, 'dialog360', digits(row.phone))).toEqual([]);
			expect(emulator.state.craftgate.products[String(openLink.linkId)]).toMatchObject({ status: 'ACTIVE', soldCount: 0 });
		});
	});
});
