// Proves the workflow harness with test-only node and credential types (harness/selfTestTypes.ts),
// so it does not depend on the package's real nodes. Every HTTP exchange is answered by nock; a
// request the node did not authenticate as expected matches no interceptor and fails the workflow.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { recentEvents } from '../../nodes/shared/webhook/dedup';
import type { WorkflowJson } from './harness';
import {
	nock,
	resetRedeliveryMemory,
	runWebhook,
	runWebhookLifecycle,
	runWorkflow,
	settleInFlightRuns,
	testCredential,
} from './harness';
import { takeUnusedInterceptors } from './harness/nock';
import { API, credentialTypes, exchangeEnds, nodeTypes, sign } from './harness/selfTestTypes';

function callWorkflow(type: string, parameters: INodeParameters, extra: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Call', type, parameters, ...extra },
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] },
			Call: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

const triggerWorkflow: WorkflowJson = {
	nodes: [
		{ name: 'Trigger', type: 'test.trigger', parameters: { event: 'payment.failed' } },
		{ name: 'Next', type: 'n8n-nodes-base.noOp' },
	],
	connections: { Trigger: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
};

const headerKeyCredentials = { headerKeyApi: { apiKey: 'test-key-1' } };
const common = { nodeTypes, credentialTypes };

beforeEach(() => {
	nock.disableNetConnect();
	exchangeEnds.length = 0;
});

describe('runWorkflow', () => {
	it('applies a generic authenticator (headers and qs, with credential defaults)', async () => {
		const api = nock(API)
			.post('/payments', { amount: 15 })
			.query({ tenant: 'default-tenant' })
			.matchHeader('x-api-key', 'test-key-1')
			.reply(200, { id: 'pay_1' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: '={{ 10 + 5 }}' }),
			credentials: headerKeyCredentials,
		});
		expect(run.status).toBe('success');
		expect(run.output('Call')).toEqual([{ json: { id: 'pay_1' }, pairedItem: { item: 0 } }]);
		expect(run.output('Done')).toEqual([{ json: { id: 'pay_1' }, pairedItem: { item: 0 } }]);
		expect(run.executedNodes).toEqual(['Start', 'Call', 'Done']);
		expect(api.isDone()).toBe(true);
	});

	it('applies a function authenticator that signs the body', async () => {
		const api = nock(API)
			.post('/payments', { amount: 7 })
			.matchHeader('x-key-id', 'key-9')
			.matchHeader('x-signature', sign('test-signing-secret', { amount: 7 }))
			.reply(201, { id: 'pay_2' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callSigned', { amount: 7 }),
			credentials: { signedApi: { keyId: 'key-9', secret: 'test-signing-secret' } },
		});
		expect(run.output('Call')).toEqual([{ json: { id: 'pay_2' }, pairedItem: { item: 0 } }]);
		expect(api.isDone()).toBe(true);
	});

	it('fails the workflow when the credential does not authenticate the request', async () => {
		const api = nock(API).post('/payments').matchHeader('x-api-key', 'test-key-1').reply(200, { id: 'never' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callUnauthenticated', { amount: 5 }),
			credentials: { noAuthApi: { apiKey: 'test-key-1' } },
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('Call')).toBeDefined();
		expect(() => run.output('Call')).toThrow(/Node "Call" failed/);
		expect(() => run.output('Done')).toThrow(/did not run/);
		expect(api.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('feeds input items to the start node and keeps pairedItem per item', async () => {
		nock(API).post('/payments', { amount: 2 }).query(true).reply(200, { id: 'a' });
		nock(API).post('/payments', { amount: 4 }).query(true).reply(200, { id: 'b' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: '={{ $json.units * 2 }}' }),
			credentials: headerKeyCredentials,
			input: [{ units: 1 }, { json: { units: 2 } }],
		});
		expect(run.output('Start').map(({ json }) => json)).toEqual([{ units: 1 }, { units: 2 }]);
		expect(run.output('Done')).toEqual([
			{ json: { id: 'a' }, pairedItem: { item: 0 } },
			{ json: { id: 'b' }, pairedItem: { item: 1 } },
		]);
	});

	it('continues on fail with an error item paired to the failing input', async () => {
		nock(API).post('/payments', { amount: 3 }).query(true).reply(200, { id: 'ok' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow(
				'test.callWithHeaderKey',
				{ amount: '={{ $json.amount }}' },
				{ onError: 'continueRegularOutput' },
			),
			credentials: headerKeyCredentials,
			input: [{ amount: 0 }, { amount: 3 }],
		});
		expect(run.status).toBe('success');
		expect(run.output('Done')).toEqual([
			{ json: { error: 'Amount must be positive (item 0)' }, pairedItem: { item: 0 } },
			{ json: { id: 'ok' }, pairedItem: { item: 1 } },
		]);
	});

	it('evaluates parameter expressions with the engine n8n 2.41 uses (isolated-vm)', async () => {
		nock(API).post('/payments', { amount: 12 }).query(true).reply(200, { id: 'x' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: '={{ [3, 4, 5].sum() }}' }),
			credentials: headerKeyCredentials,
		});
		expect(run.output('Call')).toEqual([{ json: { id: 'x' }, pairedItem: { item: 0 } }]);
		const expected = process.env.N8N_EXPRESSION_ENGINE === 'legacy' ? 'legacy' : 'vm';
		expect(Expression.getActiveImplementation()).toBe(expected);
	});

	it('without continueOnFail, a node error fails the execution with the item index', async () => {
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: 0 }),
			credentials: headerKeyCredentials,
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Amount must be positive (item 0)');
	});

	it('surfaces provider errors as NodeApiError with the HTTP code', async () => {
		nock(API).post('/payments').query(true).reply(422, { code: 'invalid_amount' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: 1 }),
			credentials: headerKeyCredentials,
		});
		expect(run.nodeError('Call')).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
	});

	it('resends a request once after a 401, as n8n does (expired-token retry)', async () => {
		const api = nock(API).post('/payments').query(true).times(2).reply(401, { code: 'unauthorized' });
		const run = await runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: 1 }),
			credentials: headerKeyCredentials,
		});
		expect(run.nodeError('Call')).toMatchObject({ httpCode: '401' });
		expect(api.isDone()).toBe(true);
	});

	it('names an unknown node type, as n8n does', async () => {
		const workflow = callWorkflow('n8n-nodes-chat-payments.noSuchNode', {});
		await expect(runWorkflow({ ...common, workflow })).rejects.toThrow(
			'Unrecognized node type: n8n-nodes-chat-payments.noSuchNode',
		);
	});

	it('refuses a node without credentials when the test provides none', async () => {
		const run = await runWorkflow({ ...common, workflow: callWorkflow('test.callSigned', { amount: 1 }) });
		expect(run.nodeError('Call')?.message).toMatch(/credentials/i);
	});
});

describe('runWebhook', () => {
	const delivery = { headers: { 'X-Webhook-Token': 'tok-1' }, body: { type: 'payment.succeeded' } };

	it('rejects an unverified delivery through the response object and starts no run', async () => {
		const result = await runWebhook({
			...common,
			workflow: triggerWorkflow,
			nodeName: 'Trigger',
			request: { ...delivery, headers: { 'X-Webhook-Token': 'wrong' } },
			credentials: headerKeyCredentials,
			staticData: { 'node:Trigger': { token: 'tok-1' } },
		});
		expect(result.response).toEqual({ statusCode: 401, headers: {}, body: 'Unauthorized', ended: true });
		expect(result.answer).toEqual(result.response);
		expect(result.webhookResponse).toEqual({ noWebhookResponse: true });
		expect(result.workflowData).toBeUndefined();
		expect(result.execution).toBeUndefined();
		expect(exchangeEnds).toEqual([{ statusCode: 401, finished: true }]);
	});

	it('runs the rest of the workflow with the trigger output', async () => {
		const rawBody = JSON.stringify(delivery.body, null, 2);
		const result = await runWebhook({
			...common,
			workflow: triggerWorkflow,
			nodeName: 'Trigger',
			request: { headers: delivery.headers, rawBody },
			credentials: headerKeyCredentials,
			staticData: { 'node:Trigger': { token: 'tok-1' } },
		});
		expect(result.response.statusCode).toBeUndefined();
		const event = { type: 'payment.succeeded', rawLength: rawBody.length };
		expect(result.workflowData).toEqual([[{ json: event }]]);
		expect(result.execution?.status).toBe('success');
		expect(result.execution?.output('Next')).toEqual([{ json: event, pairedItem: { item: 0 } }]);
	});

	it('answers 200 once the execution has started and closes the exchange, as n8n does (onReceived)', async () => {
		const result = await runWebhook({
			...common,
			workflow: triggerWorkflow,
			nodeName: 'Trigger',
			request: delivery,
			credentials: headerKeyCredentials,
			staticData: { 'node:Trigger': { token: 'tok-1' } },
		});
		expect(result.response).toEqual({ statusCode: undefined, headers: {}, body: undefined, ended: false });
		expect(result.answer).toEqual({ statusCode: 200, headers: {}, body: undefined, ended: true });
		expect(exchangeEnds).toEqual([{ statusCode: 200, finished: true }]);
		expect(result.execution?.status).toBe('success');
	});

	it('answers 500 and runs nothing when n8n cannot start the execution', async () => {
		const result = await runWebhook({
			...common,
			workflow: triggerWorkflow,
			nodeName: 'Trigger',
			request: delivery,
			credentials: headerKeyCredentials,
			staticData: { 'node:Trigger': { token: 'tok-1' } },
			executionStartFails: true,
		});
		expect(result.workflowData).toEqual([[{ json: { type: 'payment.succeeded', rawLength: JSON.stringify(delivery.body).length } }]]);
		expect(result.answer.statusCode).toBe(500);
		expect(result.answer.body).toEqual({ code: 0, message: 'There was a problem executing the workflow' });
		expect(result.execution).toBeUndefined();
		expect(exchangeEnds).toEqual([{ statusCode: 500, finished: true }]);
	});
});

describe('fresh state per test', () => {
	// Each of these two tests fills the redelivery memory; whichever runs second proves that the
	// harness emptied it in between. Neither needs the other.
	it.each(['first', 'second'])('starts the %s test with an empty redelivery memory', (which) => {
		expect(recentEvents.size).toBe(0);
		expect(recentEvents.seen('workflow-harness:node-1:production', `event-${which}`)).toBe(false);
	});

	it('empties the redelivery memory on demand, as a restart of n8n would', () => {
		recentEvents.seen('workflow-harness:node-1:production', 'event-1');
		expect(recentEvents.seen('workflow-harness:node-1:production', 'event-1')).toBe(true);
		resetRedeliveryMemory();
		expect(recentEvents.seen('workflow-harness:node-1:production', 'event-1')).toBe(false);
	});

	it("names the one-off interceptors a test left unused, not a fake's standing routes", () => {
		takeUnusedInterceptors();
		nock(API).get('/once').reply(200, {});
		nock(API).persist().get('/standing').reply(200, {});
		expect(takeUnusedInterceptors()).toEqual([`GET ${API}:443/once`]);
		nock.cleanAll();
	});

	it('waits for a run the test did not wait for, so its requests cannot reach the next test', async () => {
		nock(API).post('/payments').query(true).delay(300).reply(200, { id: 'late' });
		let ended = false;
		void runWorkflow({
			...common,
			workflow: callWorkflow('test.callWithHeaderKey', { amount: 1 }),
			credentials: headerKeyCredentials,
		}).then(() => {
			ended = true;
		});
		await settleInFlightRuns();
		expect(ended).toBe(true);
	});
});

describe('runWebhookLifecycle', () => {
	it('creates, finds and deletes the provider webhook, keeping static data between calls', async () => {
		const staticData: IDataObject = {};
		const options = { ...common, credentials: headerKeyCredentials, staticData };
		const register = nock(API)
			.post('/webhooks', {
				url: 'https://n8n.example.test/webhook/Trigger-webhook-id/webhook',
				event: 'payment.failed',
			})
			.query({ tenant: 'default-tenant' })
			.matchHeader('x-api-key', 'test-key-1')
			.reply(200, { id: 'wh_1', token: 'tok-1' });

		expect((await runWebhookLifecycle(triggerWorkflow, 'Trigger', 'checkExists', options)).result).toBe(false);
		const created = await runWebhookLifecycle(triggerWorkflow, 'Trigger', 'create', options);
		expect(created).toEqual({ result: true, staticData: { 'node:Trigger': { webhookId: 'wh_1', token: 'tok-1' } } });
		expect(staticData).toEqual(created.staticData);
		expect(register.isDone()).toBe(true);
		expect((await runWebhookLifecycle(triggerWorkflow, 'Trigger', 'checkExists', options)).result).toBe(true);

		const remove = nock(API).delete('/webhooks/wh_1').query(true).reply(204);
		await runWebhookLifecycle(triggerWorkflow, 'Trigger', 'delete', options);
		expect(remove.isDone()).toBe(true);
		expect(staticData).toEqual({ 'node:Trigger': {} });
	});
});

describe('testCredential', () => {
	it('sends the credential test request authenticated', async () => {
		nock(API).get('/me').query({ tenant: 'default-tenant' }).matchHeader('x-api-key', 'good-key').reply(200, {});
		nock(API).get('/me').query(true).times(2).reply(401, { message: 'bad key' });
		expect(await testCredential('headerKeyApi', { apiKey: 'good-key' }, { credentialTypes })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await testCredential('headerKeyApi', { apiKey: 'bad-key' }, { credentialTypes })).toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
	});
});
