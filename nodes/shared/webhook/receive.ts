import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { wakeWaitsFor } from '../payment/waitChecks';
import { ProviderUnreachableError } from '../transport/request';
import { recentEvents } from './dedup';
import type { PaymentEvent } from './paymentEvent';
import { WebhookPayloadError } from './payloadError';

/** The part of express.Response used here (n8n-workflow types it from express). */
interface JsonResponse {
	status(code: number): JsonResponse;
	json(body: unknown): unknown;
	end(): unknown;
	statusCode?: number;
	headersSent?: boolean;
	writableFinished?: boolean;
	once?(event: 'close', listener: () => void): unknown;
}

function reply(ctx: IWebhookFunctions, statusCode: number, body: IDataObject): IWebhookResponseData {
	const res: JsonResponse = ctx.getResponseObject();
	res.status(statusCode).json(body);
	res.end();
	return { noWebhookResponse: true };
}

function reasonOf(failure: unknown): string {
	return failure instanceof Error ? failure.message : String(failure);
}

function logContext(ctx: IWebhookFunctions): IDataObject {
	return { node: ctx.getNode().name, workflowId: ctx.getWorkflow().id };
}

/** The raw request body as bytes, as the provider sent them (never a re-serialisation). */
export async function getRawBody(ctx: IWebhookFunctions): Promise<Buffer> {
	const req = ctx.getRequestObject();
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.readRawBody === 'function') {
		// n8n leaves bodies of content types it does not parse unread (node typeVersion > 1).
		await req.readRawBody();
		if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	}
	// No bytes to be had: an empty body makes every signature check fail closed.
	return Buffer.alloc(0);
}

/**
 * Answers 401 through the response object and starts no execution. A `webhookResponse`
 * returned instead would be ignored by n8n 2.41 in onReceived mode (docs/n8n.md §5.3).
 * The body is the same whichever check failed.
 */
export function rejectUnauthorized(ctx: IWebhookFunctions): IWebhookResponseData {
	return reply(ctx, 401, { error: 'Unauthorized' });
}

/** Answers 403 (a caller outside the trigger's IP allowlist, as n8n's Webhook node does). */
export function rejectForbidden(ctx: IWebhookFunctions): IWebhookResponseData {
	return reply(ctx, 403, { error: 'Forbidden' });
}

async function isAuthentic(
	ctx: IWebhookFunctions,
	authenticate: () => boolean | Promise<boolean>,
): Promise<boolean> {
	try {
		return (await authenticate()) === true;
	} catch (error) {
		ctx.logger.warn(`Payment webhook authentication could not run: ${reasonOf(error)}`, logContext(ctx));
		return false;
	}
}

async function readEvents(
	toEvents: () => PaymentEvent[] | Promise<PaymentEvent[]>,
): Promise<{ events: PaymentEvent[] } | { failure: unknown }> {
	try {
		return { events: await toEvents() };
	} catch (failure) {
		return { failure };
	}
}

/** What a trigger needs to receive a delivery (see receivePaymentWebhook). */
export interface WebhookHandlers {
	/** Whether the caller's address may deliver at all (403 otherwise); every caller when absent. */
	isAllowedCaller?: () => boolean;
	authenticate: () => boolean | Promise<boolean>;
	toEvents: () => PaymentEvent[] | Promise<PaymentEvent[]>;
	ignoreRedeliveries: boolean;
}

/** A delivery the trigger could not turn into events: the answer it gets and what is logged. */
interface Refusal {
	statusCode: number;
	body: IDataObject;
	log: string;
}

/**
 * Why a provider call made while reading a delivery failed, as far as the answer depends on it:
 * `unavailable` (no answer, time-out, 429, 5xx: the provider should deliver again later) or
 * `notFound` (the provider says the payment does not exist).
 */
function providerFailureOf(failure: unknown): 'unavailable' | 'notFound' | undefined {
	if (failure instanceof ProviderUnreachableError) return 'unavailable';
	if (!(failure instanceof NodeApiError || failure instanceof NodeOperationError)) return undefined;
	const marked = failure.context?.callFailure;
	if (marked === 'unanswered') return 'unavailable';
	if (marked === 'notFound') return 'notFound';
	const status = Number((failure as NodeApiError).httpCode);
	if (status === 429 || status >= 500) return 'unavailable';
	if (status === 404) return 'notFound';
	return undefined;
}

/**
 * The answer to a delivery whose events could not be made. Never n8n's error page (a 500 with
 * a stack trace): each answer is chosen here, with a short body, and the reason goes to the log.
 */
function refusalFor(failure: unknown): Refusal {
	const reason = reasonOf(failure);
	if (failure instanceof WebhookPayloadError) {
		return { statusCode: 400, body: { error: 'Bad Request', message: failure.message }, log: `payload refused: ${reason}` };
	}
	const providerFailure = providerFailureOf(failure);
	if (providerFailure === 'unavailable') {
		return {
			statusCode: 503,
			body: { error: 'Service Unavailable', message: 'The event could not be confirmed with the payment provider now; deliver it again later' },
			log: `the payment provider could not be asked to confirm the event, answered 503 so that it delivers again: ${reason}`,
		};
	}
	if (providerFailure === 'notFound') {
		return {
			statusCode: 422,
			body: { error: 'Unprocessable Entity', message: 'The payment provider does not know the payment this event names' },
			log: `the payment provider does not know the payment of this authentic event (check the credential's API host), answered 422: ${reason}`,
		};
	}
	if (failure instanceof NodeApiError) {
		return { statusCode: 500, body: { error: 'Internal Server Error' }, log: `the event could not be processed, answered 500: ${reason}` };
	}
	// Anything else thrown while reading the delivery (a value a lookup refuses, a shape the
	// parser does not know) comes from its content.
	return { statusCode: 400, body: { error: 'Bad Request', message: 'Unreadable webhook payload' }, log: `payload refused: ${reason}` };
}

/**
 * The one path every payment trigger takes: check the caller's address (403), authenticate (401
 * and nothing else when it fails), turn the delivery into normalized events (400 when it cannot
 * be read; when a provider call fails, 503 if the provider could not be reached or answered
 * 429/5xx, 422 if it does not know the payment, 500 otherwise), drop redeliveries this process has
 * already seen (when `ignoreRedeliveries`), and return one output item per remaining event. With
 * nothing left to emit it answers 200 and starts no execution. No exception leaves it: anything
 * unexpected is answered 500 with a short body and logged. `handlers` may be a function, so that
 * reading the trigger's parameters is covered too.
 */
export async function receivePaymentWebhook(
	ctx: IWebhookFunctions,
	handlers: WebhookHandlers | (() => WebhookHandlers),
): Promise<IWebhookResponseData> {
	try {
		return await receive(ctx, typeof handlers === 'function' ? handlers() : handlers);
	} catch (error) {
		const res: JsonResponse = ctx.getResponseObject();
		if (res.headersSent === true || res.writableFinished === true) {
			ctx.logger.error(`Payment webhook failed unexpectedly after answering: ${reasonOf(error)}`, logContext(ctx));
			return { noWebhookResponse: true };
		}
		ctx.logger.error(`Payment webhook failed unexpectedly, answered 500: ${reasonOf(error)}`, logContext(ctx));
		return reply(ctx, 500, { error: 'Internal Server Error' });
	}
}

async function receive(ctx: IWebhookFunctions, handlers: WebhookHandlers): Promise<IWebhookResponseData> {
	if (handlers.isAllowedCaller && !(await isAuthentic(ctx, handlers.isAllowedCaller))) {
		ctx.logger.debug('Payment webhook rejected: caller not in the IP allowlist', logContext(ctx));
		return rejectForbidden(ctx);
	}
	if (!(await isAuthentic(ctx, handlers.authenticate))) {
		ctx.logger.debug('Payment webhook rejected: not authentic', logContext(ctx));
		return rejectUnauthorized(ctx);
	}

	const read = await readEvents(handlers.toEvents);
	if ('failure' in read) {
		const refusal = refusalFor(read.failure);
		const log = `Payment webhook ${refusal.log}`;
		if (refusal.statusCode >= 500) ctx.logger.error(log, logContext(ctx));
		else ctx.logger.warn(log, logContext(ctx));
		return reply(ctx, refusal.statusCode, refusal.body);
	}
	let events = read.events;
	// An authentic payment event ends a Wait for Payment in this process sooner than its interval.
	for (const event of events) wakeWaitsFor(event.provider, event.reference);

	let duplicates = 0;
	if (handlers.ignoreRedeliveries) {
		const scope = redeliveryScope(ctx);
		events = events.filter((event) => {
			if (!recentEvents.seen(scope, event.eventId)) return true;
			duplicates++;
			ctx.logger.debug(`Payment webhook redelivery ignored: ${event.eventId}`, logContext(ctx));
			return false;
		});
		forgetIfNotStarted(ctx, scope, events);
	}

	if (events.length === 0) {
		return reply(ctx, 200, { received: true, duplicates });
	}
	return { workflowData: [ctx.helpers.returnJsonArray(events as unknown as IDataObject[])] };
}

/**
 * Whose deliveries one memory covers: this trigger node of this workflow, with the test URL
 * (mode `manual`) apart from the production URL, so an event caught while listening for a test
 * event does not suppress its real delivery.
 */
function redeliveryScope(ctx: IWebhookFunctions): string {
	const url = ctx.getMode() === 'manual' ? 'test' : 'production';
	return `${ctx.getWorkflow().id}:${ctx.getNode().id}:${url}`;
}

/**
 * The memory records an event before n8n has started its execution. n8n answers the provider once
 * the execution is started; if the answer is an error or never completes, the execution did not
 * start, so the event is forgotten and the provider's redelivery is let through.
 */
function forgetIfNotStarted(ctx: IWebhookFunctions, scope: string, events: PaymentEvent[]): void {
	if (events.length === 0) return;
	const res: JsonResponse = ctx.getResponseObject();
	if (typeof res.once !== 'function') return;
	res.once('close', () => {
		const started = res.writableFinished === true && (res.statusCode ?? 200) < 400;
		if (started) return;
		for (const event of events) recentEvents.forget(scope, event.eventId);
		ctx.logger.warn(
			`Payment webhook answered ${res.statusCode ?? 'nothing'}: its execution did not start, a redelivery will be let through`,
			logContext(ctx),
		);
	});
}
