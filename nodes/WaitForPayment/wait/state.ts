import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { PaymentTarget } from '../../shared/payment/check';
import { hmac, safeEqual } from '../../shared/webhook';

/** What Time-Out Clean-Up may do before the Timed Out output: Craftgate links only. */
export type CleanUpAction = 'none' | 'deactivateLink' | 'deleteLink';

/**
 * Everything a waiting node's webhook() needs to check one payment. It travels in the query of
 * the node's own resume URL (the in-process checker adds it), signed with a key derived from the
 * credential's secret: the resume URL alone lets a caller resume the wait, but only the holder of
 * the provider secret can say which link is checked or cleaned up.
 */
export interface WaitState {
	executionId: string;
	target: PaymentTarget;
	/** Epoch ms: from then on a check that finds the payment pending ends the wait on Timed Out. */
	deadline: number;
	intervalMs: number;
	timeoutMs: number;
	cleanUp: CleanUpAction;
}

export const STATE_PARAM = 'cp_state';
export const SIGNATURE_PARAM = 'cp_sig';
export { CHECK_PARAM } from '../../shared/payment/waitChecks';

function stateKey(credentialSecret: string): Buffer {
	return createHash('sha256').update('n8n-nodes-chat-payments wait state\0').update(credentialSecret).digest();
}

/** The query parameters that carry `state`. */
export function signedStateQuery(state: WaitState, credentialSecret: string): Record<string, string> {
	const encoded = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
	return { [STATE_PARAM]: encoded, [SIGNATURE_PARAM]: hmac('sha256', stateKey(credentialSecret), encoded, 'hex') };
}

/**
 * The state a request's query carries, when its signature holds; null when there is none;
 * 'forged' when a state comes with a wrong or missing signature.
 */
export function stateFromQuery(query: IDataObject, credentialSecret: string): WaitState | null | 'forged' {
	const encoded = query[STATE_PARAM];
	if (encoded === undefined) return null;
	const signature = query[SIGNATURE_PARAM];
	if (typeof encoded !== 'string' || typeof signature !== 'string' || credentialSecret === '') return 'forged';
	if (!safeEqual(hmac('sha256', stateKey(credentialSecret), encoded, 'hex'), signature)) return 'forged';
	try {
		return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as WaitState;
	} catch {
		return 'forged';
	}
}
