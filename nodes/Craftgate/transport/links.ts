import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inputItem, type InputRuleError } from '../../shared/errors';
import type { RequestContext } from '../../shared/transport/request';
import { parseLinkId, writableFields, type CraftgateProduct } from '../helpers/product';
import { craftgateRequest } from './index';

/**
 * How one call is made: the item it is for (for error messages; none from a webhook) and its
 * time limit. Callers in an action read the time limit from the item's options; callers in a
 * webhook get it as an argument, since they may not read node parameters.
 */
export interface LinkCall {
	itemIndex?: number;
	timeoutMs?: number;
}

/**
 * A link id given to a call made outside an action's parameters (a status check, a clean-up),
 * checked before it goes into a path: digits only, else a NodeOperationError naming the field.
 */
export function checkedLinkId(ctx: RequestContext, value: unknown, itemIndex?: number): string {
	try {
		return parseLinkId(value);
	} catch (error) {
		// parseLinkId throws only InputRuleError.
		const where = itemIndex === undefined ? '' : ` of ${inputItem(itemIndex)}`;
		throw new NodeOperationError(ctx.getNode(), (error as InputRuleError).message, { itemIndex, description: `Check field "linkId"${where}.` });
	}
}

/** GET /craftlink/v1/products/{id}: one link. A read, tried again on a failure. */
export async function readLink(this: RequestContext, linkId: string, call: LinkCall): Promise<CraftgateProduct> {
	return (await craftgateRequest.call(this, {
		method: 'GET',
		path: `/craftlink/v1/products/${linkId}`,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: 'read',
	})) as CraftgateProduct;
}

/** PUT /craftlink/v1/products/{id}: Craftgate replaces the whole product, so `body` must hold every field to keep. */
export async function replaceLink(this: RequestContext, linkId: string, body: IDataObject, call: LinkCall): Promise<CraftgateProduct> {
	return (await craftgateRequest.call(this, {
		method: 'PUT',
		path: `/craftlink/v1/products/${linkId}`,
		body,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
	})) as CraftgateProduct;
}

/**
 * Sets the link PASSIVE so nobody can pay it any more, keeping its other fields (read first,
 * since the PUT replaces the product). A link that is already PASSIVE is left alone.
 */
export async function deactivateLink(
	this: RequestContext,
	linkId: string,
	call: LinkCall,
): Promise<{ product: CraftgateProduct; alreadyPassive: boolean }> {
	const current = await readLink.call(this, linkId, call);
	if (current.status === 'PASSIVE') return { product: current, alreadyPassive: true };
	const product = await replaceLink.call(this, linkId, { ...writableFields(current), status: 'PASSIVE' }, call);
	return { product, alreadyPassive: false };
}

/** DELETE /craftlink/v1/products/{id} (irreversible). Asked once. */
export async function deleteLink(this: RequestContext, linkId: string, call: LinkCall): Promise<void> {
	await craftgateRequest.call(this, {
		method: 'DELETE',
		path: `/craftlink/v1/products/${linkId}`,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		allowEmpty: true,
	});
}
