import type { IWebhookFunctions } from 'n8n-workflow';
import type { PaymentCheck } from '../../shared/payment/check';
import { checkerFor } from '../../shared/payment/checkers';
import { deactivateCraftgateLink, deleteCraftgateLink } from '../../shared/payment/cleanUp';
import type { CleanUpReport } from './outputs';
import type { WaitState } from './state';

/** Provider errors arrive scrubbed of the credential's secrets by the Craftgate transport. */
function failure(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Time-Out Clean-Up at the deadline, for a payment still pending. The link is made passive first
 * so nobody can start paying, then checked again: a payment that went through meanwhile is
 * returned as the last check (the node reports it on Paid) and the link is not deleted.
 */
export async function runCleanUp(
	ctx: IWebhookFunctions,
	state: WaitState,
	check: PaymentCheck,
): Promise<{ report: CleanUpReport; lastCheck: PaymentCheck }> {
	const { target } = state;
	if (state.cleanUp === 'none' || target.provider !== 'craftgate') {
		return { report: { action: 'none', done: false }, lastCheck: check };
	}
	const action = state.cleanUp;
	try {
		await deactivateCraftgateLink(ctx, target.linkId, state.timeoutMs);
	} catch (error) {
		return { report: { action, done: false, note: `Deactivating link ${target.linkId} failed: ${failure(error)}` }, lastCheck: check };
	}
	let after: PaymentCheck;
	try {
		after = await checkerFor('craftgate')(ctx, target, state.timeoutMs);
	} catch (error) {
		return {
			report: { action, done: false, note: `Link ${target.linkId} is deactivated; checking it again failed: ${failure(error)}` },
			lastCheck: check,
		};
	}
	if (after.outcome === 'paid') {
		return { report: { action, done: false, note: 'Paid while the link was being deactivated: kept' }, lastCheck: after };
	}
	if (action === 'deleteLink') {
		try {
			await deleteCraftgateLink(ctx, target.linkId, state.timeoutMs);
		} catch (error) {
			return { report: { action, done: false, note: `Link ${target.linkId} is deactivated; deleting it failed: ${failure(error)}` }, lastCheck: after };
		}
	}
	return { report: { action, done: true }, lastCheck: after };
}
