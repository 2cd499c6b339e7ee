// Wait for Payment (issue #12) in a real n8n 2.41 against the emulator: the execution waits in
// n8n's own waiting state and ends on Paid, Failed or Timed Out.
// - Exotel: the payment request's status callback is the execution's resume URL; a delivery
//   receipt leaves it waiting, a payment callback ends it on Paid; n8n's own timer ends it on
//   Timed Out (the node decided that output before waiting).
// - Craftgate: the payment is looked up at every check; the time limit deactivates the link.
// Each test starts its own journey (own order id) and reads only its own execution.
export {};

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');

const { linearWorkflow, nodeOutput, request, waitFor, PACKAGE_PREFIX } = harness;

const WAIT = `${PACKAGE_PREFIX}waitForPayment`;
const CRAFTGATE = `${PACKAGE_PREFIX}craftgate`;
const CRAFTGATE_TRIGGER = `${PACKAGE_PREFIX}craftgateTrigger`;

const EXOTEL_ID = 'e2eWaitExotel';
const CRAFTGATE_ID = 'e2eWaitCraftgate';
const CRAFTGATE_TRIGGER_ID = 'e2eWaitCgTrigger';
const EXOTEL_PATH = 'e2e-wait-exotel';
const CRAFTGATE_PATH = 'e2e-wait-craftgate';

/** A Webhook node that answers at once, so the journey goes on (and waits) after the answer. */
function startNode(path: string) {
	return {
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/** Three no-op nodes, one per output, so each run shows which output fired. */
function outputNodes() {
	return ['On Paid', 'On Failed', 'On Timed Out'].map((name) => ({
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		parameters: {},
	}));
}

function withOutputs(workflow: any, waitName: string) {
	const [paid, failed, timedOut] = outputNodes();
	workflow.nodes.push(paid, failed, timedOut);
	workflow.connections[waitName] = {
		main: [[{ node: paid.name, type: 'main', index: 0 }], [{ node: failed.name, type: 'main', index: 0 }], [{ node: timedOut.name, type: 'main', index: 0 }]],
	};
	return workflow;
}

/** { orderId, seconds } → the resume URL kept by a Set node (what a builder gives Exotel as Status Callback URL) → wait. */
const exotelWorkflow = withOutputs(
	linearWorkflow({
		id: EXOTEL_ID,
		name: 'E2E Wait for Payment: Exotel',
		nodes: [
			startNode(EXOTEL_PATH),
			harness.setNode('Order', { orderId: '={{ $json.body.orderId }}', resumeUrl: '={{ $execution.resumeUrl }}' }),
			{
				name: 'Wait for Payment',
				type: WAIT,
				typeVersion: 1,
				credentials: { exotelApi: { id: '', name: '' } },
				parameters: { provider: 'exotel', limitAmount: '={{ $("Start").item.json.body.seconds }}', limitUnit: 'seconds' },
			},
		],
	}),
	'Wait for Payment',
);

/** { orderId, seconds, cleanUp } → a Craftgate link → wait for its payment. */
const craftgateWorkflow = withOutputs(
	linearWorkflow({
		id: CRAFTGATE_ID,
		name: 'E2E Wait for Payment: Craftgate',
		nodes: [
			startNode(CRAFTGATE_PATH),
			{
				name: 'Create Link',
				type: CRAFTGATE,
				typeVersion: 1,
				credentials: { craftgateApi: { id: '', name: '' } },
				parameters: {
					resource: 'link',
					operation: 'create',
					name: 'E2E wait order',
					price: '49.90',
					currency: 'TRY',
					additionalFields: { orderId: '={{ $json.body.orderId }}' },
				},
			},
			{
				name: 'Wait for Payment',
				type: WAIT,
				typeVersion: 1,
				credentials: { craftgateApi: { id: '', name: '' } },
				parameters: {
					provider: 'craftgate',
					linkId: '={{ $json.linkId }}',
					limitAmount: '={{ $("Start").item.json.body.seconds }}',
					limitUnit: 'seconds',
					checkInterval: 30,
					cleanUp: '={{ $("Start").item.json.body.cleanUp }}',
				},
			},
		],
	}),
	'Wait for Payment',
);

const craftgateTriggerWorkflow = linearWorkflow({
	id: CRAFTGATE_TRIGGER_ID,
	name: 'E2E Wait for Payment: Craftgate Trigger',
	nodes: [{ name: 'Craftgate Trigger', type: CRAFTGATE_TRIGGER, typeVersion: 1, credentials: { craftgateApi: { id: '', name: '' } }, parameters: { events: ['API_AUTH', 'CHECKOUTFORM_AUTH'], options: {} } }],
});

describe('Wait for Payment in a real n8n (issue #12)', () => {
	let n8n: any;
	let emulator: any;
	let orders = 0;
	const newOrderId = () => `e2e-wait-${Date.now()}-${++orders}`;
	const control = async (path: string, body: object = {}) => await request(`${emulator.url}/_control/craftgate/${path}`, { method: 'POST', body });

	/** The run of `workflowId` whose Start node received `orderId`. */
	const runOf = (workflowId: string, orderId: string) =>
		n8n.executions(workflowId).find((run: any) => nodeOutput(run, 'Start')?.[0]?.body?.orderId === orderId);

	async function runWith(workflowId: string, orderId: string, status: string[]): Promise<any> {
		return await waitFor(
			() => {
				const run = runOf(workflowId, orderId);
				return run && status.includes(run.status) ? run : undefined;
			},
			{ timeoutMs: 240_000, what: `the ${workflowId} run of ${orderId} in status ${status.join('/')}` },
		);
	}

	/** Which output nodes ran in `run`. */
	const ranOutputs = (run: any) => ['On Paid', 'On Failed', 'On Timed Out'].filter((name) => nodeOutput(run, name) !== undefined);

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, providers: ['craftgate', 'exotel'], config: { craftgate: { retryDelaysMs: [] } } });
		const credentials = harness.emulatorCredentials(emulator.url);
		const workflows = [exotelWorkflow, craftgateWorkflow, craftgateTriggerWorkflow].map((workflow) => harness.bindCredentials(workflow, credentials));
		n8n = await harness.startN8n({ name: 'wait', credentials, workflows, publish: [EXOTEL_ID, CRAFTGATE_ID, CRAFTGATE_TRIGGER_ID] });
		const triggerUrl = n8n.triggerUrl(CRAFTGATE_TRIGGER_ID, 'Craftgate Trigger');
		expect((await control('config', { merchantWebhookUrl: triggerUrl })).status).toBe(200);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	async function startExotelJourney(seconds: number): Promise<{ orderId: string; resumeUrl: string }> {
		const orderId = newOrderId();
		expect((await n8n.runWorkflowByWebhook(EXOTEL_PATH, { orderId, seconds })).status).toBe(200);
		const waiting = await runWith(EXOTEL_ID, orderId, ['waiting']);
		return { orderId, resumeUrl: nodeOutput(waiting, 'Order')[0].resumeUrl };
	}

	function exotelCallback(orderId: string, fields: object) {
		return { whatsapp: { messages: [{ callback_type: 'dlr', sid: `sid-${orderId}`, to: '+919876543210', ...fields }] } };
	}

	test('Exotel: a delivery receipt leaves the journey waiting, the payment callback ends it on Paid', async () => {
		const { orderId, resumeUrl } = await startExotelJourney(600);
		const receipt = await request(resumeUrl, { method: 'POST', body: exotelCallback(orderId, { exo_status_code: 30001, exo_detailed_status: 'EX_MESSAGE_DELIVERED' }) });
		expect(receipt.status).toBe(200);
		expect(receipt.json).toEqual({ waiting: true });
		expect(runOf(EXOTEL_ID, orderId).status).toBe('waiting');

		const paid = await request(resumeUrl, {
			method: 'POST',
			body: exotelCallback(orderId, { exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_SUCCESS', payment_reference_id: orderId, payment_transaction_id: `tx-${orderId}` }),
		});
		expect(paid.status).toBe(200);
		const run = await runWith(EXOTEL_ID, orderId, ['success', 'error']);
		expect(run.status).toBe('success');
		expect(ranOutputs(run)).toEqual(['On Paid']);
		expect(nodeOutput(run, 'On Paid')[0]).toMatchObject({ outcome: 'paid', provider: 'exotel', status: 'paid', transactionId: `tx-${orderId}` });
	});

	test('Exotel: a resume URL without its token is refused and the journey keeps waiting', async () => {
		const { orderId, resumeUrl } = await startExotelJourney(600);
		const url = new URL(resumeUrl);
		url.search = '';
		const forged = await request(url.toString(), {
			method: 'POST',
			body: exotelCallback(orderId, { exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_SUCCESS', payment_transaction_id: 'tx-forged' }),
		});
		expect(forged.status).toBe(401);
		expect(runOf(EXOTEL_ID, orderId).status).toBe('waiting');
	});

	test("Exotel: n8n's own timer ends the wait on Timed Out, not on Paid", async () => {
		const orderId = newOrderId();
		expect((await n8n.runWorkflowByWebhook(EXOTEL_PATH, { orderId, seconds: 5 })).status).toBe(200);
		const run = await runWith(EXOTEL_ID, orderId, ['success', 'error']);
		expect(run.status).toBe('success');
		expect(ranOutputs(run)).toEqual(['On Timed Out']);
		expect(nodeOutput(run, 'On Timed Out')[0]).toMatchObject({ outcome: 'timedOut', provider: 'exotel', checkedAtDeadline: false });
	});

	async function startCraftgateJourney(seconds: number, cleanUp: string): Promise<{ orderId: string; linkId: number }> {
		const orderId = newOrderId();
		expect((await n8n.runWorkflowByWebhook(CRAFTGATE_PATH, { orderId, seconds, cleanUp })).status).toBe(200);
		const waiting = await runWith(CRAFTGATE_ID, orderId, ['waiting']);
		return { orderId, linkId: nodeOutput(waiting, 'Create Link')[0].linkId };
	}

	test('Craftgate: the payer pays, the trigger wakes the wait, the lookup confirms it: Paid', async () => {
		const { orderId, linkId } = await startCraftgateJourney(600, 'deactivateLink');
		const paid = await control('pay', { productId: linkId, outcome: 'success' });
		expect(paid.status).toBe(200);
		const run = await runWith(CRAFTGATE_ID, orderId, ['success', 'error']);
		expect(ranOutputs(run)).toEqual(['On Paid']);
		expect(nodeOutput(run, 'On Paid')[0]).toMatchObject({ outcome: 'paid', provider: 'craftgate', status: 'paid', reference: orderId });
	});

	test('Craftgate: the time limit deactivates the link and ends on Timed Out', async () => {
		const { orderId, linkId } = await startCraftgateJourney(5, 'deactivateLink');
		const run = await runWith(CRAFTGATE_ID, orderId, ['success', 'error']);
		expect(ranOutputs(run)).toEqual(['On Timed Out']);
		expect(nodeOutput(run, 'On Timed Out')[0]).toMatchObject({
			outcome: 'timedOut',
			provider: 'craftgate',
			checkedAtDeadline: true,
			cleanUp: { action: 'deactivateLink', done: true },
		});
		const refused = await control('pay', { productId: linkId, outcome: 'success' });
		expect(refused.status).not.toBe(200);
	});
});
