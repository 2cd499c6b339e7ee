import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { PaymentCheck } from '../../shared/payment/check';
import type { PaymentEvent } from '../../shared/webhook';

/** The node's outputs, in order. */
export const OUTPUT_NAMES = ['Paid', 'Failed', 'Timed Out'];
const PAID = 0;
const FAILED = 1;
const TIMED_OUT = 2;

export interface CleanUpReport {
	action: string;
	done: boolean;
	/** Why it was not done, or what went wrong. */
	note?: string;
}

function routed(output: number, json: IDataObject): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	outputs[output] = [{ json, pairedItem: { item: 0 } }];
	return outputs;
}

/** A payment event (from a callback) on Paid or Failed. */
export function eventOutputs(event: PaymentEvent, paid: boolean): INodeExecutionData[][] {
	return routed(paid ? PAID : FAILED, { outcome: paid ? 'paid' : 'failed', ...event } as unknown as IDataObject);
}

/**
 * A check that found the payment paid or failed: the payment event when the provider reported
 * one, the check's facts otherwise. Null for a pending check.
 */
export function checkOutputs(check: PaymentCheck, extra: IDataObject = {}): INodeExecutionData[][] | null {
	if (check.outcome === 'pending') return null;
	const json: IDataObject = {
		outcome: check.outcome,
		...((check.event ?? { provider: check.provider, reference: check.reference, status: check.status }) as unknown as IDataObject),
		check: check as unknown as IDataObject,
		...extra,
	};
	return routed(check.outcome === 'paid' ? PAID : FAILED, json);
}

export interface TimedOut {
	provider: string;
	reference: string | null;
	deadline: number;
	/** The last status seen, null when none was read. */
	lastCheck: PaymentCheck | null;
	/** Whether the status was read at the deadline (false: n8n's timer ended the wait, see the README). */
	checkedAtDeadline: boolean;
	cleanUp: CleanUpReport;
}

export function timedOutJson(timedOut: TimedOut): IDataObject {
	return {
		outcome: 'timedOut',
		provider: timedOut.provider,
		reference: timedOut.reference,
		deadline: new Date(timedOut.deadline).toISOString(),
		checkedAtDeadline: timedOut.checkedAtDeadline,
		lastCheck: timedOut.lastCheck as unknown as IDataObject,
		cleanUp: timedOut.cleanUp as unknown as IDataObject,
	};
}

export function timedOutOutputs(timedOut: TimedOut): INodeExecutionData[][] {
	return routed(TIMED_OUT, timedOutJson(timedOut));
}

export function timedOutItem(timedOut: TimedOut): INodeExecutionData {
	return { json: timedOutJson(timedOut), pairedItem: { item: 0 } };
}
