// waitUntil: decides the Timed Out output before waiting (n8n resumes a wait on time without
// running the node again, forwarding its stack entry's data), then puts the execution to wait.
import type { IExecuteData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { waitUntil } from '../../../../nodes/WaitForPayment/wait/waitUntil';

function contextWith(entry: IExecuteData) {
	const order: string[] = [];
	const putExecutionToWait = jest.fn<Promise<void>, [Date]>(async () => {
		// What n8n saves is the entry as it is when the execution is put to wait.
		order.push(`wait with ${JSON.stringify(entry.data.main)}`);
	});
	const ctx = { getExecuteData: () => entry, putExecutionToWait } as unknown as IExecuteFunctions;
	return { ctx, putExecutionToWait, order };
}

const INPUT: INodeExecutionData = { json: { linkId: '12' } };
const TIMED_OUT: INodeExecutionData = { json: { outcome: 'timedOut' }, pairedItem: { item: 0 } };

it('puts [[], [], [timedOut]] and forwardAllOutputs on the stack entry, then waits until the date', async () => {
	const entry: IExecuteData = {
		node: { id: 'n', name: 'Wait for Payment', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
		data: { main: [[INPUT]] },
		source: { main: [{ previousNode: 'Start' }] },
		metadata: { subRun: [{ node: 'x', runIndex: 0 }] },
	};
	const { ctx, putExecutionToWait, order } = contextWith(entry);
	const at = Date.UTC(2030, 0, 1, 10, 0, 0);

	await waitUntil(ctx, at, TIMED_OUT);

	expect(entry.data).toEqual({ main: [[], [], [TIMED_OUT]] });
	expect(entry.metadata).toEqual({ subRun: [{ node: 'x', runIndex: 0 }], forwardAllOutputs: true });
	expect(entry.source).toEqual({ main: [{ previousNode: 'Start' }] });
	expect(putExecutionToWait).toHaveBeenCalledTimes(1);
	expect(putExecutionToWait.mock.calls[0][0]).toEqual(new Date(at));
	expect(order).toEqual([`wait with ${JSON.stringify([[], [], [TIMED_OUT]])}`]);
});

it('works on an entry without metadata', async () => {
	const entry = { node: {}, data: { main: [[INPUT]] }, source: null } as unknown as IExecuteData;
	const { ctx } = contextWith(entry);
	await waitUntil(ctx, 0, TIMED_OUT);
	expect(entry.metadata).toEqual({ forwardAllOutputs: true });
});
