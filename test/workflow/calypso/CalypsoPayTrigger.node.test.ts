// Calypso Pay Trigger through n8n-core's HookContext and WebhookContext: activation subscribes to
// (fake) Calypso with signed requests, a delivery signed with the subscription keys runs the
// workflow with a confirmed event, and deactivation removes the subscription (DELETE with body).
import { createHmac } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { nock, runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';
import { CALYPSO_CREDENTIALS, calypsoAccount, interceptCalypso } from '../../fakes/calypso';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

const CREDENTIALS = { calypsoApi: CALYPSO_CREDENTIALS };

/** A fresh Calypso account for one test, reached through nock. */
function calypsoForTest() {
	const account = calypsoAccount();
	return { ...account, seen: interceptCalypso(nock, account.respond).calls };
}

const workflow = (id: string, parameters: INodeParameters = { subscribeTo: 'allInvoiceEvents', options: {} }): WorkflowJson => ({
	id,
	nodes: [
		{ name: 'Calypso Pay Trigger', type: 'n8n-nodes-chat-payments.calypsoPayTrigger', parameters },
		{ name: 'Fulfil', type: 'n8n-nodes-base.noOp' },
	],
	connections: { 'Calypso Pay Trigger': { main: [[{ node: 'Fulfil', type: 'main', index: 0 }]] } },
});

function delivery(subscription: IDataObject, eventType: string, id: number, data: IDataObject) {
	const body = JSON.stringify({ requestId: subscription.requestId, id, createdDate: '2026-01-02T10:11:12.345678', level: 'SUCCESS', service: 'INVOICE', eventType, data });
	const sign = createHmac('sha512', String(subscription.secretKey)).update(body).digest('hex');
	return { headers: { 'content-type': 'application/json', key: String(subscription.publicKey), sign }, rawBody: body };
}

describe('Calypso Pay Trigger in a workflow', () => {
	it('activation subscribes, checkExists finds it, deactivation deletes it with a DELETE body', async () => {
		const calypso = calypsoForTest();
		const staticData: IDataObject = {};
		const wf = workflow('wf-calypso-life');
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'checkExists', { credentials: CREDENTIALS, staticData })).result).toBe(false);
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'create', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		const [subscription] = Object.values(calypso.subscriptions);
		expect(subscription).toMatchObject({
			url: 'https://n8n.example.test/webhook/Calypso Pay Trigger-webhook-id/webhook',
			notificationServiceTypes: ['INVOICE'],
		});
		expect(staticData).toEqual({
			'node:Calypso Pay Trigger': { requestId: subscription.requestId, url: subscription.url, publicKey: 'test-subscription-public', secretKey: 'test-subscription-secret' },
		});
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'checkExists', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'delete', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		expect(calypso.subscriptions).toEqual({});
		const deleted = calypso.seen.find((s) => s.method === 'DELETE');
		expect(deleted?.payload).toEqual({ requestId: subscription.requestId });
		expect(deleted?.refusal).toBeUndefined();
		expect(calypso.seen.every((s) => s.refusal === undefined)).toBe(true);
	});

	it('refuses to subscribe a localhost webhook URL to the real Calypso', async () => {
		const calypso = calypsoForTest();
		await expect(
			runWebhookLifecycle(workflow('wf-calypso-local'), 'Calypso Pay Trigger', 'create', { credentials: CREDENTIALS, baseUrl: 'http://localhost:5678' }),
		).rejects.toThrow(/cannot reach n8n's webhook URL http:\/\/localhost:5678/);
		expect(calypso.seen).toHaveLength(0);
	});

	it('a signed delivery runs the workflow once with the invoice\'s confirmed state; a forged one gets 401', async () => {
		const calypso = calypsoForTest();
		const staticData: IDataObject = {};
		const wf = workflow('wf-calypso-hook');
		await runWebhookLifecycle(wf, 'Calypso Pay Trigger', 'create', { credentials: CREDENTIALS, staticData });
		const [subscription] = Object.values(calypso.subscriptions);
		calypso.invoices['inv-9'] = { id: 'inv-9', type: 'UNLIMITED_LINKED', state: 'PAID', amount: 25.5, totalDebitAmount: 25.5, currency: 'USDT_TRX', idempotencyKey: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9', externalId: 'order-1042' };
		const request = delivery(subscription, 'INVOICE_FUNDS_RECEIVED_FOR_INVOICE', 31, {
			parentExternalId: 'order-1042',
			amount: 25.5,
			currency: 'USDT_TRX',
			idempotencyKey: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
		});

		const result = await runWebhook({ workflow: wf, nodeName: 'Calypso Pay Trigger', credentials: CREDENTIALS, staticData, request });
		expect(result.execution?.status).toBe('success');
		expect(result.execution?.output('Fulfil')[0].json).toMatchObject({
			eventId: 'calypso:31',
			provider: 'calypso',
			status: 'paid',
			reference: 'order-1042',
			amount: { value: 255, offset: 10, currency: 'USDT_TRX' },
			details: { invoiceId: 'inv-9', confirmed: true },
		});
		const again = await runWebhook({ workflow: wf, nodeName: 'Calypso Pay Trigger', credentials: CREDENTIALS, staticData, request });
		expect(again.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);

		const forged = await runWebhook({
			workflow: wf,
			nodeName: 'Calypso Pay Trigger',
			credentials: CREDENTIALS,
			staticData,
			request: { ...request, headers: { ...request.headers, sign: createHmac('sha512', 'guess').update(request.rawBody).digest('hex') } },
		});
		expect(forged.response.statusCode).toBe(401);
		expect(forged.workflowData).toBeUndefined();
	});
});
