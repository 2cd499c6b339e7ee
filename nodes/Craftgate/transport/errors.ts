import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { withCallFailure, withErrorFacts } from '../../shared/errors';
import { scrubSecrets } from '../../shared/secrets';

/** Craftgate's error object: `{"errors": {...}}` (an object, not an array). */
export interface CraftgateErrorDetails {
	errorCode?: string;
	errorDescription?: string;
	errorGroup?: string;
	providerError?: { errorCode?: string; errorMessage?: string };
}

/** How to find a link that a failed create may have made anyway: a Get Many filter and its value. */
export interface LinkLookup {
	/** The Get Many filter, as the editor names it, e.g. "Order ID". */
	filter: string;
	value: string;
	/** Whether `value` is the link's reference (order, conversation or external ID), not its title. */
	isReference: boolean;
}

export interface CraftgateErrorContext {
	itemIndex?: number;
	/** What an error must not quote: the credential's keys (Craftgate may echo the API key). */
	secrets?: readonly unknown[];
	/** Set when the request creates a payment link. */
	creates?: LinkLookup;
}

/** Network failures where the request never left this machine, so nothing can have been created. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

function readErrors(body: unknown): CraftgateErrorDetails {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return {};
		}
	}
	if (body && typeof body === 'object' && 'errors' in body) {
		const errors = (body as { errors: unknown }).errors;
		if (errors && typeof errors === 'object' && !Array.isArray(errors)) return errors as CraftgateErrorDetails;
	}
	return {};
}

function scrubDetails(details: CraftgateErrorDetails, secrets: readonly unknown[]): CraftgateErrorDetails {
	const scrub = (value: unknown) => (typeof value === 'string' ? scrubSecrets(value, secrets) : undefined);
	return {
		errorCode: details.errorCode === undefined ? undefined : scrubSecrets(String(details.errorCode), secrets),
		errorDescription: scrub(details.errorDescription),
		errorGroup: scrub(details.errorGroup),
		providerError: details.providerError && {
			errorCode: scrub(details.providerError.errorCode),
			errorMessage: scrub(details.providerError.errorMessage),
		},
	};
}

function hintFor(status: number, details: CraftgateErrorDetails): string {
	if (details.errorGroup || Number(details.errorCode) > 10000) {
		return `Payment error${details.errorGroup ? ` (group ${details.errorGroup})` : ''}: the bank or Craftgate declined it.`;
	}
	if (status === 401 || status === 403) {
		return 'Craftgate refused the credentials: check the API Key and the Secret Key, and that the API Host of the credential is the one they belong to (sandbox keys only work on the sandbox).';
	}
	if (status === 404) return 'Craftgate does not know this ID (wrong ID, deleted, or made on the other API host).';
	if (status === 422) return 'Craftgate refused the request under one of its business rules.';
	if (status === 429) return 'Craftgate is rate limiting these requests; try again later.';
	if (status >= 500) return 'Craftgate failed to process the request.';
	return 'Craftgate refused the request.';
}

/** What to do before creating again when a create may have gone through without an answer. */
function lookupAdvice(lookup: LinkLookup): string {
	return ` The payment link may have been created anyway: before creating it again, look for it with Get Many (filter ${lookup.filter} = "${lookup.value}") or in the Craftgate panel, and create it again only if none is found.`;
}

function outcomeFacts(context: CraftgateErrorContext, outcomeUnknown: boolean) {
	return {
		referenceId: context.creates?.isReference ? context.creates.value : undefined,
		outcomeUnknown: context.creates && outcomeUnknown ? true : undefined,
	};
}

/**
 * The NodeApiError for a Craftgate error answer. It is built from the error fields alone, never
 * from the request, and any secret Craftgate echoes in its text is replaced by ***. Craftgate's
 * errorCode stays on it as `providerCode`.
 */
export function craftgateApiError(
	node: INode,
	status: number,
	body: unknown,
	context: CraftgateErrorContext = {},
): NodeApiError {
	const details = scrubDetails(readErrors(body), context.secrets ?? []);
	const errorCode = details.errorCode === undefined ? undefined : String(details.errorCode);
	const summary = errorCode
		? `Craftgate error ${errorCode}: ${details.errorDescription ?? 'no description'}`
		: `Craftgate answered HTTP ${status}`;
	const providerError = details.providerError?.errorCode
		? ` Provider error ${details.providerError.errorCode}: ${details.providerError.errorMessage ?? ''}`.trimEnd()
		: '';
	// A server error on a create does not say whether the link was made before it failed.
	const outcomeUnknown = status >= 500;
	const advice = context.creates && outcomeUnknown ? lookupAdvice(context.creates) : '';
	const response: JsonObject = { httpCode: String(status) };
	if (errorCode) response.errorCode = errorCode;
	if (details.errorDescription) response.errorDescription = details.errorDescription;
	if (details.errorGroup) response.errorGroup = details.errorGroup;
	const error = new NodeApiError(node, response, {
		message: summary,
		description: hintFor(status, details) + providerError + advice,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
	return withErrorFacts(error, { providerCode: errorCode, ...outcomeFacts(context, outcomeUnknown) });
}

/**
 * A request that got no Craftgate answer (`cause`: what the request failed with). n8n's own error
 * would carry the request options, signing headers included; this one keeps only the reason,
 * scrubbed. The message is written here in full: n8n swaps a message naming a network code for
 * its own, which advises retrying, and a create must not be retried blindly.
 */
export function craftgateTransportError(
	node: INode,
	cause: unknown,
	timedOut: boolean,
	context: CraftgateErrorContext = {},
	timeoutMs?: number,
): NodeApiError {
	const failure = cause as { message?: string; code?: string; cause?: { code?: string; message?: string } };
	const code = failure?.cause?.code ?? failure?.code;
	const reason = scrubSecrets(failure?.cause?.message ?? failure?.message ?? 'unknown error', context.secrets ?? []);
	const network = timedOut || typeof code === 'string' || /\bE[A-Z_]{4,}\b/.test(reason);
	const message = timedOut
		? `Craftgate did not answer within ${Math.round((timeoutMs ?? 0) / 1000)} s`
		: network
			? 'No answer from Craftgate'
			: `Craftgate request failed: ${reason}`;
	const notSent = typeof code === 'string' && NOT_SENT_CODES.includes(code);
	const advice = context.creates && !notSent ? lookupAdvice(context.creates) : '';
	const response: JsonObject = { message: reason };
	// Not under "code": NodeApiError would swap the message for a generic one of its own.
	if (typeof code === 'string') response.networkErrorCode = code;
	const error = new NodeApiError(node, response, {
		message,
		description: `${network ? `Reason: ${reason}. ` : ''}Check the API Host in the Craftgate credential and the network.${advice}`,
		itemIndex: context.itemIndex,
	});
	return withCallFailure(withErrorFacts(error, outcomeFacts(context, !notSent)), 'unanswered');
}

/**
 * A 2xx answer without the `data` Craftgate wraps every answer in (empty, cut off, not JSON). A
 * create that got it may have made the link: the error says so and how to look for it.
 */
export function craftgateNoDataError(
	node: INode,
	statusCode: number,
	request: { method: string; path: string },
	context: CraftgateErrorContext = {},
): NodeApiError {
	const advice = context.creates ? lookupAdvice(context.creates) : '';
	const error = new NodeApiError(
		node,
		{ httpCode: String(statusCode) },
		{
			message: 'Craftgate answered without data',
			description: `${request.method} ${request.path} returned HTTP ${statusCode} but no "data" object.${advice}`,
			itemIndex: context.itemIndex,
		},
	);
	return withErrorFacts(error, outcomeFacts(context, true));
}
