// 360dialog Trigger through n8n-core's HookContext and WebhookContext: the lifecycle against a
// faked number webhook, deliveries verified by the secret header, confirmed with the lookup,
// de-duplicated.
import type { IDataObject } from 'n8n-workflow';
import { dialog360Number, interceptDialog360 } from '../../fakes/dialog360';
import { nock, runWebhook, runWebhookLifecycle } from '../harness';
import type { WorkflowJson } from '../harness';


const API_KEY = 'wf-360dialog-key-0001';
const CREDENTIALS = { dialog360Api: { apiKey: API_KEY, apiHost: 'https://waba-v2.360dialog.io', customApiHost: '', partnerWebhookSecret: '' } };
const TRIGGER = '360dialog Trigger';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const WEBHOOK_ID = '5f1c2a8e-3b7d-4c1e-9a0b-1d2e3f4a5b6c';
const OUR_URL = `https://n8n.example.test/webhook/${WEBHOOK_ID}/webhook`;
const PREVIOUS = { url: 'https://crm.example.test/whatsapp', headers: { Authorization: 'crm-secret' } };

function triggerWorkflow(id: string, parameters: IDataObject = {}): WorkflowJson {
	return {
		id,
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-chat-payments.dialog360Trigger',
				webhookId: WEBHOOK_ID,
				parameters: { paymentConfiguration: 'cfg-1', ...parameters },
			},
			{ name: 'Paid?', type: 'n8n-nodes-base.noOp' },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Paid?', type: 'main', index: 0 }]] } },
	};
}

/** A number whose webhook is `initial` and whose lookup says `lookupStatus` for WF-ORDER. */
function number360(initial: IDataObject | null, lookupStatus = 'captured') {
	const number = dialog360Number({
		webhook: initial,
		payments: [{ reference_id: 'WF-ORDER', status: lookupStatus, currency: 'INR', amount: { value: 5000, offset: 100 }, transactions: [{ id: 'pay_wf', status: 'success' }] }],
	});
	const { calls } = interceptDialog360(nock, number.respond);
	return { state: number.state, seen: calls };
}

let sequence = 0;
function delivery(status = 'captured'): IDataObject {
	sequence++;
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'PN' }, statuses: [
			{ id: `wamid.wf-${sequence}-${Date.now()}`, recipient_id: '919876500001', type: 'payment', status, timestamp: '1700000000', payment: { reference_id: 'WF-ORDER', amount: { value: 5000, offset: 100 }, currency: 'INR', transaction: { id: 'pay_wf', type: 'razorpay', status: 'success' } } },
		] } }] }],
	};
}

async function activated(id: string, parameters: IDataObject = {}) {
	const staticData: IDataObject = {};
	const number = number360(PREVIOUS);
	const created = await runWebhookLifecycle(triggerWorkflow(id, parameters), TRIGGER, 'create', { credentials: CREDENTIALS, staticData });
	expect(created.result).toBe(true);
	const secret = (number.state.webhook?.headers as IDataObject)['X-N8N-Webhook-Secret'] as string;
	return { staticData, number, secret };
}

describe('360dialog Trigger in a workflow', () => {
	it('lifecycle: create takes the webhook and keeps the old one, checkExists sees it, delete puts the old one back', async () => {
		const workflow = triggerWorkflow('wf-d360-life');
		const staticData: IDataObject = {};
		const number = number360(PREVIOUS);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { credentials: CREDENTIALS, staticData })).result).toBe(false);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'create', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		expect(number.state.webhook).toEqual({ url: OUR_URL, headers: { 'X-N8N-Webhook-Secret': expect.any(String) } });
		expect(new Set(number.seen.map((call) => call.headers['d360-api-key']))).toEqual(new Set([API_KEY]));
		const secret = (number.state.webhook?.headers as IDataObject)['X-N8N-Webhook-Secret'];
		expect(staticData[`node:${TRIGGER}`]).toEqual({ webhookUrl: OUR_URL, secretToken: secret, previousWebhook: PREVIOUS });
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'delete', { credentials: CREDENTIALS, staticData })).result).toBe(true);
		expect(number.state.webhook).toEqual(PREVIOUS);
		expect((await runWebhookLifecycle(workflow, TRIGGER, 'checkExists', { credentials: CREDENTIALS, staticData })).result).toBe(false);
	});

	it('a delivery with the secret header runs the workflow with the status the lookup confirms', async () => {
		const { staticData, number, secret } = await activated('wf-d360-paid');
		const body = delivery('captured');
		const result = await runWebhook({
			workflow: triggerWorkflow('wf-d360-paid'),
			nodeName: TRIGGER,
			credentials: CREDENTIALS,
			staticData,
			request: { headers: { 'content-type': 'application/json', 'x-n8n-webhook-secret': secret }, body },
		});
		expect(result.execution?.status).toBe('success');
		expect(result.execution?.output('Paid?')[0].json).toMatchObject({ provider: '360dialog', status: 'paid', reference: 'WF-ORDER', details: { confirmed: true } });
		expect(number.seen.at(-1)).toMatchObject({ method: 'GET', path: '/v1/payments/cfg-1/WF-ORDER' });
	});

	it("the lookup's pending wins over the webhook's captured", async () => {
		const { staticData, secret } = await activated('wf-d360-claim');
		nock.cleanAll();
		number360({ url: OUR_URL }, 'pending');
		const result = await runWebhook({
			workflow: triggerWorkflow('wf-d360-claim'),
			nodeName: TRIGGER,
			credentials: CREDENTIALS,
			staticData,
			request: { headers: { 'x-n8n-webhook-secret': secret }, body: delivery('captured') },
		});
		expect(result.execution?.output('Paid?')[0].json).toMatchObject({ status: 'pending', details: { webhookStatus: 'captured', lookupStatus: 'pending' } });
	});

	it('a forged delivery gets 401 and starts nothing', async () => {
		const { staticData, number } = await activated('wf-d360-forged');
		const asked = number.seen.length;
		const result = await runWebhook({
			workflow: triggerWorkflow('wf-d360-forged'),
			nodeName: TRIGGER,
			credentials: CREDENTIALS,
			staticData,
			request: { headers: { 'x-n8n-webhook-secret': 'guessed' }, body: delivery() },
		});
		expect(result.response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(result.execution).toBeUndefined();
		expect(number.seen).toHaveLength(asked);
	});

	it('a redelivery runs the workflow once', async () => {
		const { staticData, secret } = await activated('wf-d360-dedup');
		const options = {
			workflow: triggerWorkflow('wf-d360-dedup'),
			nodeName: TRIGGER,
			credentials: CREDENTIALS,
			staticData,
			request: { headers: { 'x-n8n-webhook-secret': secret }, body: delivery() },
		};
		expect((await runWebhook(options)).execution?.output('Paid?')).toEqual([expect.objectContaining({ json: expect.objectContaining({ status: 'paid', reference: 'WF-ORDER' }) })]);
		const again = await runWebhook(options);
		expect(again.execution).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
	});

	it('refuses to activate a trigger that confirms without a Payment Configuration, asking 360dialog nothing', async () => {
		const number = number360(PREVIOUS);
		const workflow = triggerWorkflow('wf-d360-no-config', { paymentConfiguration: '' });
		for (const method of ['checkExists', 'create'] as const) {
			await expect(runWebhookLifecycle(workflow, TRIGGER, method, { credentials: CREDENTIALS, staticData: {} })).rejects.toThrow(
				'"Payment Configuration" is empty while "Confirm with Lookup" is on',
			);
		}
		expect(number.seen).toHaveLength(0);
		expect(number.state.webhook).toEqual(PREVIOUS);
	});

	it('refuses to register a localhost webhook URL when 360dialog is not local', async () => {
		const number = number360(PREVIOUS);
		await expect(
			runWebhookLifecycle(triggerWorkflow('wf-d360-local'), TRIGGER, 'create', { credentials: CREDENTIALS, staticData: {}, baseUrl: 'http://localhost:5678' }),
		).rejects.toThrow('which 360dialog cannot reach');
		expect(number.seen).toHaveLength(0);
	});
});
