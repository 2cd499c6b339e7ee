import { checkedLinkId, deactivateLink, deleteLink } from '../../Craftgate/transport/links';
import type { RequestContext } from '../transport/request';

/*
 * What a waiting node may do to a payment when its time runs out, callable from its webhook():
 * nothing here reads node parameters. The same calls as the Craftgate node's Deactivate and
 * Delete operations; errors are Craftgate's (NodeApiError with its code), never carrying keys.
 */

/** The link id as a number, as Craftgate answers it; as text beyond JavaScript's safe integers. */
function linkIdValue(id: string): number | string {
	return Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

export interface DeactivatedLink {
	linkId: number | string;
	linkStatus: 'PASSIVE';
	/** The link was PASSIVE already: nothing was changed. */
	alreadyPassive: boolean;
}

export interface DeletedLink {
	linkId: number | string;
	deleted: true;
}

/** Makes a Craftgate link PASSIVE so nobody can pay it any more (it can be made ACTIVE again). */
export async function deactivateCraftgateLink(ctx: RequestContext, linkId: string, timeoutMs: number): Promise<DeactivatedLink> {
	const id = checkedLinkId(ctx, linkId);
	const { alreadyPassive } = await deactivateLink.call(ctx, id, { timeoutMs });
	return { linkId: linkIdValue(id), linkStatus: 'PASSIVE', alreadyPassive };
}

/** Deletes a Craftgate link (irreversible). Sent once: a failure is reported, not repeated. */
export async function deleteCraftgateLink(ctx: RequestContext, linkId: string, timeoutMs: number): Promise<DeletedLink> {
	const id = checkedLinkId(ctx, linkId);
	await deleteLink.call(ctx, id, { timeoutMs });
	return { linkId: linkIdValue(id), deleted: true };
}
