// Craftgate Trigger through n8n-core's WebhookContext: a signed merchant webhook is verified,
// the payment re-read from the fake Craftgate with signed requests, and the event runs the workflow.
import { createHmac } from 'node:crypto';
import { nock, runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';
import { FAKE_CREDENTIALS, FAKE_KEYS, FakeCraftgate } from '../../fakes/craftgate';


beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const CREDENTIALS = { craftgateApi: FAKE_CREDENTIALS };

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

function webhookRequest(fields: Record<string, unknown> = {}, key = FAKE_KEYS.webhookSecret) {
	const body = { eventType: 'API_AUTH', eventTime: '2025-06-30T15:00:00', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '584', ...fields };
	const signature = createHmac('sha256', key).update(`${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`).digest('base64');
	return { headers: { 'content-type': 'application/json', 'x-cg-signature-v1': signature }, rawBody: JSON.stringify(body), body };
}

/** Craftgate where payment 584 paid link 500; link 501 is a second order of the same chat. */
function craftgatePaid(): FakeCraftgate {
	const craftgate = new FakeCraftgate({
		products: [
			{ id: 500, orderId: 'conv-77', price: 149.9, currency: 'TRY', soldCount: 1 },
			{ id: 501, orderId: 'conv-77', price: 20, currency: 'TRY', soldCount: 0 },
		],
		payments: [
			{ id: 584, price: 149.9, paidPrice: 149.9, currency: 'TRY', paymentStatus: 'SUCCESS', paymentSource: 'PAY_BY_LINK', orderId: 'conv-77', conversationId: 'conv-77', paymentError: null },
		],
	});
	craftgate.intercept(nock);
	return craftgate;
}

describe('Craftgate Trigger in a workflow', () => {
	it('registers nothing with Craftgate, and remembers the URL it was published with', async () => {
		const staticData = {};
		const before = await runWebhookLifecycle(workflow('wf-life'), 'Craftgate Trigger', 'checkExists', { credentials: CREDENTIALS, staticData });
		expect(before.result).toBe(false);
		const created = await runWebhookLifecycle(workflow('wf-life'), 'Craftgate Trigger', 'create', { credentials: CREDENTIALS, staticData });
		expect(created.result).toBe(true);
		expect(created.staticData['node:Craftgate Trigger']).toEqual({ webhookUrl: expect.stringMatching(/\/webhook\/.+\/webhook$/) });
		const after = await runWebhookLifecycle(workflow('wf-life'), 'Craftgate Trigger', 'checkExists', { credentials: CREDENTIALS, staticData });
		expect(after.result).toBe(true);
		const removed = await runWebhookLifecycle(workflow('wf-life'), 'Craftgate Trigger', 'delete', { credentials: CREDENTIALS, staticData });
		expect(removed.result).toBe(true);
		expect(removed.staticData['node:Craftgate Trigger']).toEqual({});
	});

	it('verifies the delivery, re-reads the payment with signed requests and runs the workflow with a paid event', async () => {
		const craftgate = craftgatePaid();
		const result = await runWebhook({ workflow: workflow('wf-paid'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request: webhookRequest() });
		expect(craftgate.calls.map((call) => [call.path, call.signatureOk])).toEqual([
			['/payment/v1/card-payments/584', true],
			['/craftlink/v1/products', true],
		]);
		expect(result.execution?.status).toBe('success');
		expect(result.execution?.output('Paid?')[0].json).toMatchObject({
			eventId: 'craftgate:payment:584:paid',
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
		expect(craftgate.calls).toHaveLength(0);
	});

	it('runs a redelivered event once', async () => {
		craftgatePaid();
		const request = webhookRequest();
		const first = await runWebhook({ workflow: workflow('wf-dedup'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request });
		const second = await runWebhook({ workflow: workflow('wf-dedup'), nodeName: 'Craftgate Trigger', credentials: CREDENTIALS, request });
		expect(first.execution?.status).toBe('success');
		expect(second.workflowData).toBeUndefined();
		expect(second.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
	});

	it('answers 401 to a captured signature re-split onto another payment (SUCCESS1 + 001), asks Craftgate nothing, starts nothing', async () => {
		const craftgate = craftgatePaid();
		const captured = webhookRequest({ payloadId: '1001' });
		const resplit = { ...captured.body, status: 'SUCCESS1', payloadId: '001' };
		const result = await runWebhook({
			workflow: workflow('wf-resplit'),
			nodeName: 'Craftgate Trigger',
			credentials: CREDENTIALS,
			request: { headers: captured.headers, rawBody: JSON.stringify(resplit), body: resplit },
		});
		expect(result.response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(craftgate.calls).toHaveLength(0);
	});

	it('answers 422 with a short body to a signed delivery for a payment Craftgate does not know, and starts nothing', async () => {
		craftgatePaid();
		const result = await runWebhook({
			workflow: workflow('wf-unknown'),
			nodeName: 'Craftgate Trigger',
			credentials: CREDENTIALS,
			request: webhookRequest({ payloadId: '987654321' }),
		});
		expect(result.response).toMatchObject({
			statusCode: 422,
			body: { error: 'Unprocessable Entity', message: 'The payment provider does not know the payment this event names' },
		});
		expect(result.workflowData).toBeUndefined();
	});
});

