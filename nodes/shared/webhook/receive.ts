import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { PaymentEvent } from './paymentEvent';

/** The raw request body as bytes, as the provider sent them (never a re-serialisation). */
export declare function getRawBody(ctx: IWebhookFunctions): Promise<Buffer>;

/** Answers 401 through the response object and starts no execution. */
export declare function rejectUnauthorized(ctx: IWebhookFunctions): IWebhookResponseData;

/**
 * The one path every payment trigger takes: authenticate (401 and nothing else when it fails),
 * turn the delivery into normalized events, drop redeliveries this process has already seen
 * (when `ignoreRedeliveries`), and return one output item per remaining event. With nothing
 * left to emit it answers 200 and starts no execution.
 */
export declare function receivePaymentWebhook(
	ctx: IWebhookFunctions,
	handlers: {
		authenticate: () => boolean | Promise<boolean>;
		toEvents: () => PaymentEvent[] | Promise<PaymentEvent[]>;
		ignoreRedeliveries: boolean;
	},
): Promise<IWebhookResponseData>;
