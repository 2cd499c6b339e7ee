import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Anything unexpected in the waiting node's webhook(): answered 500 with a short body and logged,
 * never n8n's stack trace; the execution keeps waiting.
 */
export function answerUnexpected(ctx: IWebhookFunctions, error: unknown): IWebhookResponseData {
	ctx.logger.error(`Wait for Payment could not handle a call: ${error instanceof Error ? error.message : String(error)}`);
	ctx.getResponseObject().status(500).json({ error: 'Internal Server Error' });
	return { noWebhookResponse: true };
}
