// The 360dialog example workflows (examples/dialog360-*.json), loaded the way `npm run demo` loads
// them (random trigger webhook id), run in a real n8n against the offline emulator:
// - dialog360-send-payment-request: an order with a fresh reference, read back as `new`;
// - dialog360-payment-webhook: published, its trigger takes the number's webhook; the payment is
//   confirmed and the order moved to processing once, even when 360dialog delivers it again;
// - dialog360-check-payment: the shipped Order to Check (ORDER-1001) goes Not Paid Yet, then Paid.
// Each test sends its own order and counts only the trigger runs about that order's reference.
import * as path from 'node:path';

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const emulatorSecrets = require('../emulator/credentials');
const { loadExamples } = require('../demo/examples');
const { repoRoot } = require('./harness/paths');

const { nodeOutput, executionError, executionsWhere, waitForExecutionsWhere, request } = harness;

const TRIGGER = '360dialog Trigger';
const CHECKED_ORDER = 'ORDER-1001';


describe('360dialog example workflows in a real n8n', () => {
	let n8n: any;
	let emulator: any;
	let sendId: string;
	let checkId: string;
	let hookId: string;
	const SEND_1001 = 'e2eD360Send1001';

	const d360 = () => emulator.state.dialog360;
	const control = async (route: string, body: object = {}) => {
		const response = await request(`${emulator.url}/_control/dialog360/${route}`, { method: 'POST', body });
		if (response.status !== 200) throw new Error(`emulator ${route} answered ${response.status}: ${response.text}`);
		return response.json;
	};
	const run = async (workflowId: string) => {
		const result = await n8n.executeManual(workflowId);
		expect({ status: result.status, error: executionError(result)?.message }).toEqual({ status: 'success', error: undefined });
		return result;
	};

	beforeAll(async () => {
		const examples = loadExamples(path.join(repoRoot, 'examples')).filter((example: any) => path.basename(example.file).startsWith('dialog360-'));
		const byFile = (name: string) => {
			const found = examples.find((example: any) => path.basename(example.file) === name);
			if (!found) throw new Error(`examples/${name} must load`);
			return found;
		};
		const send = byFile('dialog360-send-payment-request.json');
		const check = byFile('dialog360-check-payment.json');
		const hook = byFile('dialog360-payment-webhook.json');
		expect([send.publish, check.publish, hook.publish]).toEqual([false, true, true]);
		[sendId, checkId, hookId] = [send.workflow.id, check.workflow.id, hook.workflow.id];
		// The order the check example looks up, sent by a copy of the send example.
		const send1001 = structuredClone(send.workflow);
		send1001.id = SEND_1001;
		send1001.name = 'E2E: send ORDER-1001';
		send1001.nodes.find((node: any) => node.name === 'Send Payment Request').parameters.referenceId = CHECKED_ORDER;

		emulator = await createEmulator({ port: 0, providers: ['dialog360'], config: { dialog360: { retryDelaysMs: [] } } });
		const set = await request(`${emulator.url}/v1/configs/webhook`, {
			method: 'POST',
			headers: { 'D360-API-KEY': emulatorSecrets.dialog360.apiKey },
			body: { url: 'https://shop.example.test/whatsapp-hook' },
		});
		expect(set.status).toBe(200);
		const credentials = [
			{
				id: 'e2e-dialog360Api',
				name: '360dialog API (emulator)',
				type: 'dialog360Api',
				data: { apiKey: emulatorSecrets.dialog360.apiKey, apiHost: 'custom', customApiHost: emulator.url, partnerWebhookSecret: '' },
			},
		];
		n8n = await harness.startN8n({
			name: 'dialog360-examples',
			credentials,
			workflows: [send.workflow, check.workflow, hook.workflow, send1001].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [hookId],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	// The demo gives examples ids of at most 21 characters: n8n saves no static data for longer
	// ones, and this trigger keeps its secret there.
	it('the webhook example took the number\'s webhook; its trigger has a random webhook id', () => {
		const url = n8n.triggerUrl(hookId, TRIGGER);
		expect(n8n.webhookIdOf(hookId, TRIGGER)).not.toBe(harness.stableUuid(hookId, 'webhook', TRIGGER));
		expect(d360().webhook).toEqual({ url, headers: { 'X-N8N-Webhook-Secret': expect.any(String) } });
		// The secret the trigger will check deliveries against is the one 360dialog was given.
		expect(n8n.staticData(hookId)?.[`node:${TRIGGER}`]?.secretToken).toBe(d360().webhook.headers['X-N8N-Webhook-Secret']);
	});

	it('sends the sample order, reads it back as new; the payment moves it to processing once', async () => {
		const sent = await run(sendId);
		const [request1] = nodeOutput(sent, 'Send Payment Request');
		expect(request1).toMatchObject({ referenceId: expect.stringMatching(/^ORDER-\d{8}-\d{6}$/), to: '919876543210', wamid: expect.stringMatching(/^wamid\./) });
		expect(nodeOutput(sent, 'Get Payment')).toEqual([expect.objectContaining({ referenceId: request1.referenceId, status: 'new' })]);
		// (2 × 200.00 + 350.00) + 37.50 GST + 40.00 shipping
		expect(d360().orders[request1.referenceId]).toMatchObject({ amount: { value: 82750, offset: 100 }, payment_configuration: 'my-razorpay-config' });

		const paid = await control('pay', { reference_id: request1.referenceId });
		expect(paid.delivery.attempts.at(-1).status).toBe(200);
		const resent = await control('resend-last');
		expect(resent.delivery.body).toBe(paid.delivery.body);
		expect(JSON.parse(resent.delivery.attempts.at(-1).response)).toEqual({ received: true, duplicates: 1 });

		const aboutOrder = (execution: any) => nodeOutput(execution, TRIGGER)?.[0]?.reference === request1.referenceId;
		await waitForExecutionsWhere(n8n, hookId, aboutOrder, 1, { what: `trigger runs about ${request1.referenceId}` });
		const executions = executionsWhere(n8n, hookId, aboutOrder);
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ status: 'paid', reference: request1.referenceId, details: { confirmed: true } });
		expect(nodeOutput(executions[0], 'Mark Order Processing')).toEqual([
			expect.objectContaining({ referenceId: request1.referenceId, orderStatus: 'processing', to: '919876543210' }),
		]);
		expect(d360().orders[request1.referenceId].status).toBe('processing');
	});

	it('the check example says Not Paid Yet for an unpaid ORDER-1001, then Paid once it is captured', async () => {
		await run(SEND_1001);
		const before = await run(checkId);
		expect(nodeOutput(before, 'Get Payment')).toEqual([expect.objectContaining({ referenceId: CHECKED_ORDER, status: 'new' })]);
		expect(nodeOutput(before, 'Not Paid Yet')).toHaveLength(1);
		expect(nodeOutput(before, 'Paid: Fulfil the Order')).toBeUndefined();

		await control('pay', { reference_id: CHECKED_ORDER });
		const after = await run(checkId);
		expect(nodeOutput(after, 'Get Payment')).toEqual([expect.objectContaining({ status: 'captured', normalizedStatus: 'paid' })]);
		expect(nodeOutput(after, 'Paid: Fulfil the Order')).toHaveLength(1);
		expect(nodeOutput(after, 'Not Paid Yet')).toBeUndefined();
	});
});
