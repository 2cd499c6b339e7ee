// Craftgate Trigger through n8n-core's WebhookContext: a signed merchant webhook is verified,
// the payment re-read from (fake) Craftgate with signed requests, and the event runs the workflow.
import { createHmac } from 'node:crypto';
import { nock, runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';
import { CREDENTIALS, KEYS, fakeCraftgate } from './fakeCraftgate';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Each test file loads its own nock; un-patch http so the next file's copy starts clean.
afterAll(() => nock.restore());

const workflow = (id: string): WorkflowJson => ({
	id,
	nodes: [
		{
			name: 'Craftgate Trigger',
			type: 'n8n-nodes-chat-payments.craftgateTrigger',
			parameters: { events: ['API_AUTH', 'CHECKOUTFORM_AUTH'], options: {} },
		},
		{ name: 'Paid?', type: 'n8n-nodes-base.noOp' },
	],
	connections: { 'Craftgate Trigger': { main: [[{ node: 'Paid?', type: 'main', index: 0 }]] } },
});

function webhookRequest(fields: Record<string, unknown> = {}, key = KEYS.webhookSecret) {
	const body = { eventType: 'API_AUTH', eventTime: '2025-06-30T15:00:00', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '584', ...fields };
	const signature = createHmac('sha256', key).update(`${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`).digest('base64');
	return { headers: { 'content-type': 'application/json', 'x-cg-signature-v1': signature }, rawBody: JSON.stringify(body), body };
}

function craftgatePaid() {
	return fakeCraftgate(({ path }) => {
		if (path === '/payment/v1/card-payments/584') {
			return [200, { data: { id: 584, price: 149.9, paidPrice: 149.9, currency: 'TRY', paymentStatus: 'SUCCESS', paymentSource: 'PAY_BY_LINK', orderId: 'conv-77', conversationId: 'conv-77', paymentError: null } }];
		}
		if (path.startsWith('/craftlink/v1/products?')) {
			// Two links of one chat share the order id; the payment's price picks link 500.
			const links = [
				{ id: 500, orderId: 'conv-77', price: 149.9, currency: 'TRY', soldCount: 1 },
				{ id: 501, orderId: 'conv-77', price: 20, currency: 'TRY', soldCount: 0 },
			];
			return [200, { data: { page: 0, size: 20, totalSize: 2, items: links } }];
		}
		return [404, { errors: { errorCode: '9001', errorDescription: 'not found' } }];
	});
}

describe('Craftgate Trigger in a workflow', () => {
	it('registers nothing with Craftgate (the URL is pasted in its panel)', async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const { result } = await runWebhookLifecycle(workflow('wf-life'), 'Craftgate Trigger', method, { credentials: CREDENTIALS });
			expect(result).toBe(true);
		}
	});

	it('verifies the delivery, re-reads the payment with signed requests and runs the workflow with a paid event', async () => {
		const craftgate = craftgatePaid();
		const result = await runWebhook({ workflow: workflow('wf-paid'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request: webhookRequest() });
		expect(craftgate.seen.map((s) => s.signatureOk)).toEqual([true, true]);
		expect(result.execution?.status).toBe('success');
		expect(result.execution?.output('Paid?')[0].json).toMatchObject({
			eventId: 'craftgate:API_AUTH:584:SUCCESS',
			provider: 'craftgate',
			status: 'paid',
			reference: 'conv-77',
			amount: { value: 14990, offset: 100, currency: 'TRY' },
			details: { linkId: 500, candidateLinkIds: [500, 501], paymentId: 584 },
		});
	});

	it('answers 401 to a forged delivery and starts nothing', async () => {
		const craftgate = craftgatePaid();
		const result = await runWebhook({
			workflow: workflow('wf-forged'),
			nodeName: 'Craftgate Trigger',
			credentials: CREDENTIALS,
			request: webhookRequest({}, 'guessed-key'),
		});
		expect(result.response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(craftgate.seen).toHaveLength(0);
	});

	it('runs a redelivered event once', async () => {
		craftgatePaid();
		const request = webhookRequest();
		const first = await runWebhook({ workflow: workflow('wf-dedup'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request });
		const second = await runWebhook({ workflow: workflow('wf-dedup'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request });
		expect(first.workflowData).toBeDefined();
		expect(second.workflowData).toBeUndefined();
		expect(second.response.statusCode).toBe(200);
	});
});
