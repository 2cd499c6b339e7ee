// The two Craftgate example workflows (examples/craftgate-*.json), loaded the way `npm run demo`
// loads them, run in a real n8n against the offline emulator:
// - craftgate-payment-link: the journey of docs/providers.md §1.5 (create a 30-minute English link, check it every
//   minute, reply when paid, delete it when time runs out), with the wait shortened to 2 s;
// - craftgate-payment-webhook: the published trigger confirms the order, and Remove Duplicates
//   keeps a redelivery after a restart (when the trigger's own memory is gone) from confirming twice.
// n8n and the emulator are started once for the file; each test runs its own journey and reads
// only its own links, payments and executions.
import * as fs from 'node:fs';
import * as path from 'node:path';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');
const { loadExamples } = require('../demo/examples');
const { repoRoot } = require('./harness/paths');

const { nodeOutput, executionError, request, waitFor } = harness;

const LINK_EXAMPLE = 'craftgate-payment-link.json';
const WEBHOOK_EXAMPLE = 'craftgate-payment-webhook.json';
const TEST_WAIT_SECONDS = 2;


/** Every node run of `nodeName` in a run, oldest first (the payment check runs once per loop). */
function allRuns(run: any, nodeName: string): any[][] {
	const runs = run.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.map((_: unknown, index: number) => nodeOutput(run, nodeName, { run: index }));
}

describe('Craftgate example workflows in a real n8n', () => {
	let n8n: any;
	let emulator: any;
	let linkId: string;
	let hookId: string;
	let linkExample: any;
	let hookExample: any;

	const control = async (route: string, body: object = {}) => await request(`${emulator.url}/_control/craftgate/${route}`, { method: 'POST', body });
	const products = (): any[] => Object.values(emulator.state.craftgate.products);

	/** The finished runs of the webhook example whose event is the payment `paymentId`. */
	const confirmationsOf = (paymentId: number) =>
		n8n
			.executions(hookId)
			.filter((run: any) => ['success', 'error', 'crashed', 'canceled'].includes(run.status))
			.filter((run: any) => nodeOutput(run, 'Craftgate Trigger')?.[0]?.transactionId === String(paymentId));

	/** Waits until the webhook example has run `count` times for the payment `paymentId`. */
	const waitForConfirmations = async (paymentId: number, count: number): Promise<any[]> =>
		await waitFor(() => (confirmationsOf(paymentId).length >= count ? confirmationsOf(paymentId) : undefined), {
			timeoutMs: 120_000,
			what: `${count} run(s) of the webhook example for payment ${paymentId}`,
		});

	/** Runs the payment-link example up to a payment by the customer; resolves with the journey's end. */
	async function journeyPaid(): Promise<{ run: any; product: any; paymentId: number }> {
		const { running, product } = await startJourney();
		const paid = await control('pay', { productId: product.id });
		expect(paid.status).toBe(200);
		return { run: await running, product, paymentId: paid.json.payment.id };
	}

	/** Starts the payment-link example and resolves once it has created its link. */
	async function startJourney(): Promise<{ running: Promise<any>; product: any }> {
		const known = new Set(products().map((product) => product.id));
		const running = n8n.executeManual(linkId);
		const ended = running.then((run: any) => {
			throw new Error(`the example ended (${run.status}) before creating a link: ${executionError(run)?.message ?? 'no error'}`);
		});
		const created = waitFor(() => products().find((product) => !known.has(product.id)), { timeoutMs: 120_000, what: 'the example to create a link' });
		const product = await Promise.race([created, ended]);
		return { running, product };
	}

	beforeAll(async () => {
		const examples = loadExamples(path.join(repoRoot, 'examples')).filter((example: any) => path.basename(example.file).startsWith('craftgate-'));
		const byFile = (name: string) => examples.find((example: any) => path.basename(example.file) === name);
		linkExample = byFile(LINK_EXAMPLE);
		hookExample = byFile(WEBHOOK_EXAMPLE);
		if (!linkExample || !hookExample) throw new Error(`examples/${LINK_EXAMPLE} and examples/${WEBHOOK_EXAMPLE} must both load`);
		linkId = linkExample.workflow.id;
		hookId = hookExample.workflow.id;

		emulator = await createEmulator({ port: 0, providers: ['craftgate'], config: { craftgate: { retryDelaysMs: [] } } });
		const { apiKey, secretKey, webhookKey } = emulatorSecrets.craftgate;
		const credentials = [
			{
				id: 'e2e-craftgateApi',
				name: 'Craftgate API (emulator)',
				type: 'craftgateApi',
				data: { apiHost: 'custom', customApiHost: emulator.url, apiKey, secretKey, webhookSecret: webhookKey },
			},
		];
		// The only change to the examples: the payment check waits seconds, not a minute.
		const journey = structuredClone(linkExample.workflow);
		const wait = journey.nodes.find((node: any) => node.type === 'n8n-nodes-base.wait');
		wait.parameters = { ...wait.parameters, amount: TEST_WAIT_SECONDS, unit: 'seconds' };

		n8n = await harness.startN8n({
			name: 'craftgate-examples',
			// Fixed, so the trigger URL the emulator redelivers to survives restart().
			port: await harness.freePort(),
			credentials,
			workflows: [journey, hookExample.workflow].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [hookId],
		});
		await control('config', { merchantWebhookUrl: n8n.triggerUrl(hookId, 'Craftgate Trigger') });
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('are loaded as the demo loads them: the webhook one published, neither with a fixed webhookId', () => {
		expect(linkExample.publish).toBe(false);
		expect(hookExample.publish).toBe(true);
		// The files carry none (the demo loader gives each trigger its own).
		for (const example of [linkExample, hookExample]) {
			const file = JSON.parse(fs.readFileSync(example.file, 'utf8'));
			expect(file.nodes.filter((node: any) => 'webhookId' in node)).toEqual([]);
		}
		expect(n8n.webhooks()).toEqual([expect.objectContaining({ workflowId: hookId, node: 'Craftgate Trigger', method: 'POST' })]);
	});

	it('payment link journey: the customer pays, the workflow replies "paid" and the webhook workflow confirms the order', async () => {
		const { run, product, paymentId } = await journeyPaid();
		expect(product).toMatchObject({ name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', stock: 1, channel: 'WHATSAPP', status: 'ACTIVE' });
		expect(product.orderId).toMatch(/^conv-\d+$/);
		expect(product.conversationId).toBe(product.orderId);

		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const [link] = nodeOutput(run, 'Create Payment Link');
		expect(link.paymentUrl).toBe(`${product.url}?lang=en`);
		expect(nodeOutput(run, 'Message to Customer')).toEqual([{ message: `Please pay 149.9 TRY for ${product.orderId} here: ${product.url}?lang=en`, linkId: product.id }]);
		const checks = allRuns(run, 'Get Payment Status');
		expect(checks.at(-1)).toEqual([expect.objectContaining({ linkId: product.id, status: 'paid', paid: true, successfulPaymentId: paymentId })]);
		expect(nodeOutput(run, 'Reply: Payment Successful')).toEqual([
			{ reply: 'Payment successful, thank you! Your order is confirmed.', linkId: product.id, paymentId },
		]);
		expect(nodeOutput(run, 'Delete Payment Link')).toBeUndefined();
		expect(emulator.state.craftgate.products[product.id]).toBeDefined();

		const [confirmation] = await waitForConfirmations(paymentId, 1);
		expect(confirmation.status).toBe('success');
		expect(nodeOutput(confirmation, 'Confirm Order')).toEqual([
			{ orderReference: product.orderId, linkId: product.id, paymentId: String(paymentId), amountPaid: '149.90 TRY', confirmed: true },
		]);
		expect(nodeOutput(confirmation, 'Not Paid')).toBeUndefined();
	});

	it('payment link journey: time runs out, the link is deleted and can no longer be paid', async () => {
		const { running, product } = await startJourney();
		const expired = await control('expire', { productId: product.id });
		expect(expired.status).toBe(200);

		const run = await running;
		expect({ status: run.status, error: executionError(run)?.message }).toEqual({ status: 'success', error: undefined });
		const checks = allRuns(run, 'Get Payment Status');
		expect(checks.at(-1)).toEqual([expect.objectContaining({ linkId: product.id, status: 'pending', paid: false, expired: true })]);
		expect(checks.slice(0, -1).every(([check]) => check.expired === false && check.paid === false)).toBe(true);
		expect(nodeOutput(run, 'Delete Payment Link')).toEqual([{ deleted: true, linkId: product.id }]);
		expect(nodeOutput(run, 'Reply: Payment Not Received')).toEqual([
			{ reply: 'We did not receive your payment in time, so the link has been withdrawn. Write to us to try again.', linkId: product.id },
		]);
		expect(nodeOutput(run, 'Reply: Payment Successful')).toBeUndefined();

		const webhooksBefore = emulator.webhooks.length;
		const refused = await control('pay', { productId: product.id });
		expect(refused.status).toBe(410);
		// No payment, so no webhook for the webhook example to confirm.
		expect(emulator.webhooks.length).toBe(webhooksBefore);
	});

	it('payment webhook: a redelivery after a restart runs, but Remove Duplicates keeps the order from being confirmed twice', async () => {
		const { paymentId } = await journeyPaid();
		const [first] = await waitForConfirmations(paymentId, 1);

		// Same process: the trigger itself drops it.
		const early = await control('resend-last-webhook');
		expect(JSON.parse(early.json.webhook.attempts[0].response)).toEqual({ received: true, duplicates: 1 });

		await n8n.restart();
		const late = await control('resend-last-webhook');
		expect(late.json.webhook.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([200]);

		const executions = await waitForConfirmations(paymentId, 2);
		expect(executions).toHaveLength(2);
		const redelivery = executions[1];
		expect(redelivery.status).toBe('success');
		const [event] = nodeOutput(redelivery, 'Craftgate Trigger');
		expect(event.eventId).toBe(nodeOutput(first, 'Craftgate Trigger')[0].eventId);
		expect(nodeOutput(first, 'Confirm Order')).toHaveLength(1);
		expect(nodeOutput(redelivery, 'Remove Duplicates')).toEqual([]);
		expect(nodeOutput(redelivery, 'Confirm Order')).toBeUndefined();
	});
});
