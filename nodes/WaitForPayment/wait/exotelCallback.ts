import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { readCallbackItems } from '../../Exotel/trigger/callbackBody';
import { callbackToEvent, classifyCallback, isInboundMessage } from '../../Exotel/trigger/callbackEvents';
import { WebhookPayloadError } from '../../shared/webhook';
import { answerUnexpected } from './answer';
import { eventOutputs } from './outputs';

const FAILED_STATUSES = new Set(['failed', 'canceled', 'expired']);

/**
 * An Exotel status callback sent to the waiting node's resume URL (the payment request's Status
 * Callback URL). A payment success resumes on Paid, a payment failure on Failed; delivery
 * receipts, pending payments and unknown codes are answered and the wait goes on.
 */
export async function receiveExotelCallback(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = ctx.getResponseObject();
	try {
		const items = (await readCallbackItems(ctx)).filter((item) => !isInboundMessage(item));
		for (const item of items) {
			const { category, status } = classifyCallback(item);
			const decisive = category === 'paymentSucceeded' || (category === 'paymentOther' && FAILED_STATUSES.has(status));
			if (!decisive) continue;
			return { workflowData: eventOutputs(callbackToEvent(item), category === 'paymentSucceeded') };
		}
		return { webhookResponse: { waiting: true } };
	} catch (error) {
		if (error instanceof WebhookPayloadError) {
			res.status(400).json({ error: error.message });
			return { noWebhookResponse: true };
		}
		return answerUnexpected(ctx, error);
	}
}
