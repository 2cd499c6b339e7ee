/**
 * A delivery the trigger cannot read. receivePaymentWebhook answers it 400 with this message, so
 * it must say what is wrong without quoting secrets.
 */
export class WebhookPayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WebhookPayloadError';
	}
}
