import { randomUUID } from 'crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { payloadText } from '../../shared/text';
import { isLocalUrl } from '../../shared/url';
import { calypsoApiHost, calypsoRequest } from '../transport';
import { calypsoErrorCode } from '../transport/errors';

const SUBSCRIPTIONS_PATH = '/api/v1/subscription/webhook';

/** What the trigger keeps in its node static data about its Calypso webhook subscription. */
export interface SubscriptionData {
	requestId?: string;
	publicKey?: string;
	secretKey?: string;
	url?: string;
}

export function subscriptionData(ctx: { getWorkflowStaticData(type: string): IDataObject }): SubscriptionData & IDataObject {
	return ctx.getWorkflowStaticData('node') as SubscriptionData & IDataObject;
}

function clear(data: IDataObject): void {
	for (const key of ['requestId', 'publicKey', 'secretKey', 'url']) delete data[key];
}

/** Every subscription of the account (POST with no payload), read tolerantly. */
export async function listSubscriptions(this: IHookFunctions): Promise<IDataObject[]> {
	const answer = (await calypsoRequest.call(this, { path: SUBSCRIPTIONS_PATH, retry: 'read' })) as IDataObject;
	const list = answer.subscriptions;
	return Array.isArray(list) ? (list as IDataObject[]).filter((entry) => entry !== null && typeof entry === 'object') : [];
}

/**
 * Found only when a subscription with our stored requestId exists and still points at this
 * node's URL. Never deletes anything. The keys are refreshed from the list (they can be
 * regenerated in Calypso's dashboard); without keys the subscription is of no use, so it counts as missing.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const data = subscriptionData(this);
	if (!data.requestId) return false;
	const url = this.getNodeWebhookUrl('default');
	const ours = (await listSubscriptions.call(this)).find((entry) => entry.requestId === data.requestId);
	if (!ours || ours.url !== url) return false;
	data.publicKey = payloadText(ours.publicKey) ?? data.publicKey;
	data.secretKey = payloadText(ours.secretKey) ?? data.secretKey;
	data.url = url;
	return Boolean(data.publicKey && data.secretKey);
}

async function refuseLocalUrl(this: IHookFunctions, url: string | undefined): Promise<void> {
	if (!url || !isLocalUrl(url)) return;
	if (isLocalUrl(await calypsoApiHost.call(this))) return; // the offline emulator: it can reach a local n8n
	throw new NodeOperationError(this.getNode(), `Calypso cannot reach n8n's webhook URL ${url}`, {
		description:
			'n8n gives a local address for this workflow, so Calypso could never deliver its events. Set WEBHOOK_URL (n8n\'s public address) and activate the workflow again.',
	});
}

/**
 * Subscribes this node's URL to the chosen events, with a requestId generated here, and keeps
 * the requestId and the subscription's own keys (Calypso signs webhooks with its secretKey).
 */
export async function createSubscription(this: IHookFunctions, subscribed: { serviceTypes?: string[]; eventTypes?: string[] }): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default');
	await refuseLocalUrl.call(this, url);
	const requestId = randomUUID();
	const payload: IDataObject = { requestId, url };
	if (subscribed.eventTypes?.length) payload.notificationEventTypes = subscribed.eventTypes;
	if (subscribed.serviceTypes?.length) payload.notificationServiceTypes = subscribed.serviceTypes;
	const created = (await calypsoRequest.call(this, { path: `${SUBSCRIPTIONS_PATH}/create`, payload })) as IDataObject;

	const data = subscriptionData(this);
	clear(data);
	data.requestId = payloadText(created.requestId) ?? requestId;
	data.url = url;
	data.publicKey = payloadText(created.publicKey) ?? undefined;
	data.secretKey = payloadText(created.secretKey) ?? undefined;
	if (!data.publicKey || !data.secretKey) {
		const listed = (await listSubscriptions.call(this)).find((entry) => entry.requestId === data.requestId);
		data.publicKey = payloadText(listed?.publicKey) ?? undefined;
		data.secretKey = payloadText(listed?.secretKey) ?? undefined;
	}
	if (!data.publicKey || !data.secretKey) {
		throw new NodeApiError(this.getNode(), { requestId: String(data.requestId) }, {
			message: 'Calypso created the webhook subscription but gave no keys to verify its webhooks',
			description: `Subscription ${String(data.requestId)} has no publicKey/secretKey in Calypso's answers; deactivate and activate the workflow again.`,
		});
	}
	return true;
}

/** Deletes our subscription (an already missing one counts as deleted) and forgets it. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const data = subscriptionData(this);
	if (!data.requestId) return true;
	const failure = await calypsoRequest
		.call(this, { method: 'DELETE', path: SUBSCRIPTIONS_PATH, payload: { requestId: data.requestId }, allowEmpty: true })
		.then(
			() => undefined,
			(error: unknown) => error,
		);
	if (failure !== undefined) {
		const notFound = failure instanceof NodeApiError && (failure.httpCode === '404' || calypsoErrorCode(failure) === '004');
		// calypsoRequest throws n8n's node errors only (NodeApiError, or NodeOperationError for a bad API host).
		if (!notFound) throw failure as NodeApiError | NodeOperationError;
	}
	clear(data);
	return true;
}
