import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n's "Retry On Fail" runs a node again after a time-out or a 5xx, when the provider may
 * already have acted: a money request (payment request, payment link) could go out twice.
 * Refuse it before anything is sent. `risk` says what could happen twice; `advice`, what to do
 * instead after a failure.
 */
export function refuseRetryOnFail(ctx: IExecuteFunctions, provider: string, risk: string, advice: string): void {
	if (ctx.getNode().retryOnFail === true) {
		throw new NodeOperationError(ctx.getNode(), 'Turn off "Retry On Fail" for this node', {
			description: `A retry after a time-out or a 5xx answer from ${provider} could ${risk}. Nothing was sent. Turn the setting off; ${advice}`,
		});
	}
}
