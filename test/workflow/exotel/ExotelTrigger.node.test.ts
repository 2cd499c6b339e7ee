import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';

const WEBHOOK_ID = '0b4f8f0e-7c1e-4d8a-9a53-3f2f7c9d6e21';

function triggerWorkflow(parameters: INodeParameters = {}): WorkflowJson {
	return {
		id: 'wf-exotel-trigger',
		nodes: [
			{
				name: 'Exotel Payment Trigger',
				type: 'n8n-nodes-chat-payments.exotelPaymentTrigger',
				webhookId: WEBHOOK_ID,
				parameters,
			},
			{ name: 'Paid?', type: 'n8n-nodes-base.noOp' },
		],
		connections: { 'Exotel Payment Trigger': { main: [[{ node: 'Paid?', type: 'main', index: 0 }]] } },
	};
}

let sequence = 0;
/** A payment callback as Exotel's seed shows it; a new sid per call unless given. */
function paid(fields: IDataObject = {}): IDataObject {
	sequence++;
	return {
		callback_type: 'dlr',
		sid: `sid-wf-${sequence}`,
		to: '+918612345678',
		exo_status_code: 30050,
		exo_detailed_status: 'EX_PAYMENT_SUCCESS',
		description: 'Payment Succeeded',
		timestamp: '2024-05-21T12:53:54+05:30',
		payment_reference_id: 'ORD-1',
		payment_transaction_id: `tx-${sequence}`,
		...fields,
	};
}

describe('Exotel Payment Trigger in a workflow', () => {
	it('turns a seed-shaped JSON callback into a PaymentEvent for the next node', async () => {
		const callback = paid();
		const result = await runWebhook({
			workflow: triggerWorkflow(),
			nodeName: 'Exotel Payment Trigger',
			request: { body: { params: { whatsapp: { messages: [callback] } } } },
		});
		expect(result.response.ended).toBe(false);
		expect(result.execution?.status).toBe('success');
		const [event] = result.execution!.output('Paid?');
		expect(event.json).toMatchObject({
			eventId: `exotel:${callback.sid}:30050:${callback.payment_transaction_id}`,
			provider: 'exotel',
			status: 'paid',
			reference: 'ORD-1',
			transactionId: callback.payment_transaction_id,
			raw: callback,
		});
	});

	it('reads a urlencoded callback with bracketed keys and a string status code', async () => {
		const callback = paid();
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(callback)) form.append(`whatsapp[messages][0][${key}]`, String(value));
		const result = await runWebhook({
			workflow: triggerWorkflow(),
			nodeName: 'Exotel Payment Trigger',
			request: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: form.toString() },
		});
		const [event] = result.execution!.output('Paid?');
		expect(event.json).toMatchObject({ status: 'paid', details: { exoStatusCode: 30050 } });
	});

	it('runs the workflow once for a redelivered callback', async () => {
		const body = { whatsapp: { messages: [paid()] } };
		const options = { workflow: triggerWorkflow(), nodeName: 'Exotel Payment Trigger', request: { body } };
		expect((await runWebhook(options)).execution).toBeDefined();
		const again = await runWebhook(options);
		expect(again.execution).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
	});

	it('answers 401 and starts nothing for a caller outside the allowed addresses', async () => {
		const result = await runWebhook({
			workflow: triggerWorkflow({ options: { allowedIps: '203.0.113.10' } }),
			nodeName: 'Exotel Payment Trigger',
			request: { body: { whatsapp: { messages: [paid()] } } },
		});
		expect(result.response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(result.execution).toBeUndefined();
	});

	it('starts nothing for delivery updates when only payments are wanted', async () => {
		const delivered = paid({ exo_status_code: '30002', exo_detailed_status: 'EX_MESSAGE_DELIVERED', payment_transaction_id: undefined });
		const result = await runWebhook({
			workflow: triggerWorkflow({ events: ['paymentSucceeded', 'paymentOther'] }),
			nodeName: 'Exotel Payment Trigger',
			request: { body: { whatsapp: { messages: [delivered] } } },
		});
		expect(result.execution).toBeUndefined();
		expect(result.response.statusCode).toBe(200);
	});

	it('lifecycle: create records the URL with the webhook ID; checkExists and delete follow it', async () => {
		const staticData: IDataObject = {};
		const workflow = triggerWorkflow();
		const name = 'Exotel Payment Trigger';
		expect((await runWebhookLifecycle(workflow, name, 'checkExists', { staticData })).result).toBe(false);
		expect((await runWebhookLifecycle(workflow, name, 'create', { staticData })).result).toBe(true);
		const stored = JSON.stringify(staticData);
		expect(stored).toContain(`/webhook/${WEBHOOK_ID}/webhook`);
		expect((await runWebhookLifecycle(workflow, name, 'checkExists', { staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(workflow, name, 'delete', { staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(workflow, name, 'checkExists', { staticData })).result).toBe(false);
	});
});
