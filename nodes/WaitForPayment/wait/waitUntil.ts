import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Puts the execution into n8n's waiting state until `at`, and decides now what the node outputs
 * if n8n's own timer ends the wait: n8n resumes a wait on time without running the node again;
 * it forwards the data of the node's execution-stack entry. That entry is the object
 * getExecuteData() returns, so the time-out item is put there on the Timed Out output, with
 * `forwardAllOutputs` (what n8n itself sets when a webhook resumes a multi-output node). Without
 * this, n8n would pass the node's input to its first output, Paid. The end-to-end suite proves it
 * in the n8n version the package pins (docs/n8n.md §7).
 */
export async function waitUntil(ctx: IExecuteFunctions, at: number, timedOut: INodeExecutionData): Promise<void> {
	const entry = ctx.getExecuteData();
	entry.data = { main: [[], [], [timedOut]] };
	entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
	await ctx.putExecutionToWait(new Date(at));
}
