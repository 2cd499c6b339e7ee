// Wait for Payment on Exotel in n8n-core's engine: the run waits at once (nothing is sent, nothing
// scheduled); the payment request's status callback, posted to the resume URL, resumes it on Paid
// or keeps it waiting; n8n's own timer resumes it on Timed Out.
import type { IExecuteData } from 'n8n-workflow';
import { scheduledCheckCount } from '../../../nodes/shared/payment/waitChecks';
import { nock, runWorkflow, type WorkflowJson } from '../harness';
import { callbackBody, deliveredCallback, EXOTEL_CREDENTIALS, paidCallback } from '../../fakes/exotel';
import { resumeByTime, resumeByWebhook } from './resume';

const OUTPUT_NODES = ['On Paid', 'On Failed', 'On Timed Out'];

const workflow: WorkflowJson = {
	nodes: [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{ name: 'Wait for Payment', type: 'n8n-nodes-chat-payments.waitForPayment', parameters: { provider: 'exotel', limitAmount: 2, limitUnit: 'hours' } },
		...OUTPUT_NODES.map((name) => ({ name, type: 'n8n-nodes-base.noOp' })),
	],
	connections: {
		Start: { main: [[{ node: 'Wait for Payment', type: 'main', index: 0 }]] },
		'Wait for Payment': { main: OUTPUT_NODES.map((node) => [{ node, type: 'main' as const, index: 0 }]) },
	},
};
const options = { workflow, credentials: { exotelApi: EXOTEL_CREDENTIALS } };

beforeEach(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

async function startJourney() {
	const started = Date.now();
	const first = await runWorkflow({ ...options, input: [{ orderId: 'order-7' }] });
	return { first, started };
}

describe('Wait for Payment (Exotel) in the engine', () => {
	it('waits until the time limit with its Timed Out item decided, sending and scheduling nothing', async () => {
		const { first, started } = await startJourney();
		expect(first.status).toBe('waiting');
		expect(first.executedNodes).toEqual(['Start', 'Wait for Payment']);
		const waitTill = first.run.waitTill?.getTime() ?? 0;
		expect(waitTill).toBeGreaterThanOrEqual(started + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
		const entry = first.run.data.executionData?.nodeExecutionStack[0] as IExecuteData;
		expect(entry.metadata).toMatchObject({ forwardAllOutputs: true });
		expect(entry.data.main[2]?.[0].json).toEqual({
			outcome: 'timedOut',
			provider: 'exotel',
			reference: null,
			deadline: new Date(waitTill).toISOString(),
			checkedAtDeadline: false,
			lastCheck: null,
			cleanUp: { action: 'none', done: false },
		});
		expect(scheduledCheckCount()).toBe(0);

		const resumed = await resumeByTime(options, first.run);
		expect(resumed.run.status).toBe('success');
		expect(resumed.executedNodes).toEqual(['Wait for Payment', 'On Timed Out']);
		expect(resumed.output('On Timed Out')[0].json).toMatchObject({ outcome: 'timedOut', provider: 'exotel' });
	});

	it('a delivery receipt keeps it waiting; the payment callback resumes it on Paid', async () => {
		const { first } = await startJourney();
		const receipt = await resumeByWebhook({ ...options, executionId: 'exotel-wait' }, first.run, { method: 'POST', body: callbackBody(deliveredCallback()) });
		expect(receipt.answer).toEqual({ statusCode: 200, body: { waiting: true } });
		expect(receipt.execution).toBeUndefined();

		const paid = await resumeByWebhook({ ...options, executionId: 'exotel-wait' }, first.run, { method: 'POST', body: callbackBody(paidCallback()) });
		expect(paid.execution?.run.status).toBe('success');
		expect(paid.execution?.executedNodes).toEqual(['Wait for Payment', 'On Paid']);
		expect(paid.execution?.output('On Paid')).toEqual([
			{ json: expect.objectContaining({ outcome: 'paid', provider: 'exotel', status: 'paid', transactionId: '4142800001' }), pairedItem: { item: 0 } },
		]);
	});

	it('a payment failure resumes it on Failed; a body without a callback is refused (400) and it keeps waiting', async () => {
		const { first } = await startJourney();
		const refused = await resumeByWebhook({ ...options, executionId: 'exotel-wait' }, first.run, { method: 'POST', body: { hello: 'world' } });
		expect(refused.answer.statusCode).toBe(400);
		expect(refused.execution).toBeUndefined();

		const failed = await resumeByWebhook({ ...options, executionId: 'exotel-wait' }, first.run, {
			method: 'POST',
			body: callbackBody(paidCallback({ exo_status_code: undefined, exo_detailed_status: 'EX_PAYMENT_FAILED' })),
		});
		expect(failed.execution?.executedNodes).toEqual(['Wait for Payment', 'On Failed']);
		expect(failed.execution?.output('On Failed', 0)[0].json).toMatchObject({ outcome: 'failed', status: 'failed' });
	});
});
