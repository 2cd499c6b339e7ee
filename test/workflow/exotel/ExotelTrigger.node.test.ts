import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';
import { callbackBody, deliveredCallback, paidCallback } from '../../fakes/exotel';


const WEBHOOK_ID = '0b4f8f0e-7c1e-4d8a-9a53-3f2f7c9d6e21';
const TRIGGER = 'Exotel Trigger';

function triggerWorkflow(parameters: INodeParameters = {}): WorkflowJson {
	return {
		id: 'wf-exotel-trigger',
		nodes: [
			{ name: TRIGGER, type: 'n8n-nodes-chat-payments.exotelTrigger', webhookId: WEBHOOK_ID, parameters },
			{ name: 'Paid?', type: 'n8n-nodes-base.noOp' },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Paid?', type: 'main', index: 0 }]] } },
	};
}

/** A payment callback of its own message and transaction (`n` tells them apart). */
function paid(n: number, fields: IDataObject = {}): IDataObject {
	return paidCallback({ sid: `sid-wf-${n}`, payment_reference_id: 'ORD-1', payment_transaction_id: `tx-${n}`, ...fields });
}

describe('Exotel Trigger in a workflow', () => {
	it('turns an Exotel-example JSON callback into a PaymentEvent for the next node', async () => {
		const callback = paid(1);
		const result = await runWebhook({
			workflow: triggerWorkflow(),
			nodeName: TRIGGER,
			request: { body: { params: callbackBody(callback) } },
		});
		expect(result.response.ended).toBe(false);
		expect(result.execution?.status).toBe('success');
		const [event] = result.execution!.output('Paid?');
		expect(event.json).toMatchObject({
			eventId: 'exotel:sid-wf-1:30050:tx-1',
			provider: 'exotel',
			status: 'paid',
			reference: 'ORD-1',
			transactionId: 'tx-1',
			raw: callback,
		});
	});

	it('reads a urlencoded callback with bracketed keys and a string status code', async () => {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(paid(2))) form.append(`whatsapp[messages][0][${key}]`, String(value));
		const result = await runWebhook({
			workflow: triggerWorkflow(),
			nodeName: TRIGGER,
			request: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: form.toString() },
		});
		const [event] = result.execution!.output('Paid?');
		expect(event.json).toMatchObject({ status: 'paid', details: { exoStatusCode: 30050 } });
	});

	it('runs the workflow once for a redelivered callback', async () => {
		const options = { workflow: triggerWorkflow(), nodeName: TRIGGER, request: { body: callbackBody(paid(3)) } };
		expect((await runWebhook(options)).execution).toBeDefined();
		const again = await runWebhook(options);
		expect(again.execution).toBeUndefined();
		expect(again.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
	});

	it('answers 400 and starts nothing for a payment callback that names neither message nor transaction', async () => {
		const result = await runWebhook({
			workflow: triggerWorkflow(),
			nodeName: TRIGGER,
			request: { body: callbackBody(paid(4, { sid: undefined, payment_transaction_id: undefined })) },
		});
		expect(result.response.statusCode).toBe(400);
		expect(result.workflowData).toBeUndefined();
		expect(result.execution).toBeUndefined();
	});

	it('starts nothing for delivery updates when only payments are wanted', async () => {
		const result = await runWebhook({
			workflow: triggerWorkflow({ events: ['paymentSucceeded', 'paymentOther'] }),
			nodeName: TRIGGER,
			request: { body: callbackBody(deliveredCallback({ sid: 'sid-wf-5', exo_status_code: '30002' })) },
		});
		expect(result.execution).toBeUndefined();
		expect(result.response.statusCode).toBe(200);
	});

	describe('IP(s) Allowlist', () => {
		const fromCaller = async (ipWhitelist: string, caller: { ip: string; ips?: string[] }, n: number) =>
			await runWebhook({
				workflow: triggerWorkflow({ options: { ipWhitelist } }),
				nodeName: TRIGGER,
				request: { body: callbackBody(paid(n)), ...caller },
			});

		it('answers 403 and starts no execution for a caller outside the list', async () => {
			const result = await fromCaller('203.0.113.10', { ip: '198.51.100.7' }, 10);
			expect(result.response).toMatchObject({ statusCode: 403, body: { error: 'Forbidden' } });
			expect(result.workflowData).toBeUndefined();
			expect(result.execution).toBeUndefined();
		});

		it.each([
			['a single address', '203.0.113.10', '203.0.113.10', 11],
			['an IPv4 CIDR range', '198.51.100.7, 203.0.113.0/24', '::ffff:203.0.113.200', 12],
			['an IPv6 CIDR range', '2001:db8::/32', '2001:db8:0:1::7', 13],
		])('starts the workflow for a caller in %s', async (_case, allowlist, ip, n) => {
			const result = await fromCaller(allowlist, { ip }, n);
			expect(result.execution?.status).toBe('success');
			expect(result.execution!.output('Paid?')).toHaveLength(1);
		});

		it('behind a proxy, knows the caller by req.ips', async () => {
			const behindProxy = { ip: '10.0.0.2', ips: ['203.0.113.10', '10.0.0.2'] };
			expect((await fromCaller('203.0.113.10', behindProxy, 14)).execution?.status).toBe('success');
			const outsider = await fromCaller('198.51.100.0/24', behindProxy, 15);
			expect(outsider.response.statusCode).toBe(403);
			expect(outsider.execution).toBeUndefined();
		});
	});

	it('lifecycle: create records the URL with the webhook ID; checkExists and delete follow it', async () => {
		const staticData: IDataObject = {};
		const workflow = triggerWorkflow();
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { staticData })).result).toBe(false);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'create', { staticData })).result).toBe(true);
		expect(JSON.stringify(staticData)).toContain(`/webhook/${WEBHOOK_ID}/webhook`);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'delete', { staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { staticData })).result).toBe(false);
	});
});
