/**
 * Workflow-level test harness: workflow JSON runs through n8n-core's real engine
 * (WorkflowExecute, ExecuteContext, RoutingNode, WebhookContext, HookContext, request helpers).
 *
 * Writing a workflow test (test/workflow/<area>/<name>.test.ts):
 *
 *   import { nock, runWorkflow } from '../harness';
 *
 *   beforeEach(() => nock.disableNetConnect());
 *
 *   it('creates a payment link', async () => {
 *     const api = nock('https://sandbox-api.craftgate.io').post('/...').reply(200, { data: {...} });
 *     const run = await runWorkflow({
 *       workflow: {
 *         nodes: [
 *           { name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
 *           { name: 'Link', type: 'n8n-nodes-chat-payments.craftgate', parameters: { ... } },
 *         ],
 *         connections: { Start: { main: [[{ node: 'Link', type: 'main', index: 0 }]] } },
 *       },
 *       credentials: { craftgateApi: { apiHost: 'https://sandbox-api.craftgate.io', apiKey: 'test-api-key', secretKey: 'test-secret' } },
 *     });
 *     expect(run.status).toBe('success');
 *     expect(run.output('Link')).toEqual([{ json: {...}, pairedItem: { item: 0 } }]);
 *     expect(api.isDone()).toBe(true);
 *   });
 *
 * - Node `type`: `n8n-nodes-chat-payments.<name>` or `CUSTOM.<name>` load this package's nodes
 *   from source; `n8n-nodes-base.manualTrigger` and `n8n-nodes-base.noOp` are stand-ins; pass
 *   test-only node types in `nodeTypes`. `id`, `position`, `typeVersion` (default: latest) and
 *   `parameters` may be left out. `onError: 'continueRegularOutput'` turns on continueOnFail.
 * - Credentials: a node without a `credentials` field gets every credential type it declares that
 *   `credentials` provides. `httpRequestWithAuthentication` applies the credential type's real
 *   `authenticate` (generic or function). n8n resends a request once after a 401 (it assumes an
 *   expired token), so a nock scope answering 401 may be called twice.
 * - Import nock from here, not from 'nock' (see nock.ts). Only hosts nock intercepts are reached
 *   when you call nock.disableNetConnect().
 * - Every test starts fresh (isolation.ts), with nothing to call: after each test the harness waits
 *   for the runs it started (a timed-out test's run must not reach the next test's fakes), warns
 *   about one-off nock interceptors never called, and removes every interceptor; before each test
 *   it empties the triggers' redelivery memory. Call resetRedeliveryMemory() inside a test to
 *   stand for an n8n restart. Give each test its own fake (a fresh persisted scope).
 * - Webhook triggers: runWebhook({ workflow, nodeName, request: { headers, body, rawBody } })
 *   returns what webhook() answered (`response`), the answer the caller got in the end (`answer`:
 *   n8n's 200 once the execution started, in onReceived mode) and, if webhook() returned
 *   workflowData, the downstream run in `execution`. `executionStartFails: true` stands for n8n
 *   failing to start the execution (it answers 500, nothing runs). Lifecycle: runWebhookLifecycle(workflow, nodeName, 'create', { credentials,
 *   staticData }); reuse the same staticData object across calls.
 * - Expressions use isolated-vm like n8n 2.41 (N8N_EXPRESSION_ENGINE=legacy to switch).
 */
export { nock } from './nock';
export { resetRedeliveryMemory, settleInFlightRuns } from './isolation';
export { runWorkflow } from './runWorkflow';
export type { RunWorkflowOptions } from './runWorkflow';
export { runWebhook, runWebhookLifecycle } from './webhook';
export type { LifecycleOptions, LifecycleResult, RunWebhookOptions, WebhookRunResult } from './webhook';
export type { RecordedResponse, WebhookRequest } from './httpObjects';
export { testCredential } from './testCredential';
export type { CredentialTestResult } from './testCredential';
export type { HarnessOptions, WorkflowJson, WorkflowNodeJson, WorkflowRunResult } from './context';
export type { CredentialsMap } from './credentials';
export type { AnyNodeType } from './nodeTypes';
export { PACKAGE_NODE_PREFIX } from './nodeTypes';
export { DEFAULT_BASE_URL } from './additionalData';
