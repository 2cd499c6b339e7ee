import { scrubSecrets } from '../../shared/secrets';
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { withCallFailure, withErrorFacts } from '../../shared/errors';

/** Calypso's error body: `{"errorCode":"003","message":"…"}` (docs/providers.md §4.3). */
export interface CalypsoErrorBody {
	errorCode?: string;
	message?: string;
}

/** What each documented code means, for answers that come without a message. */
export const ERROR_CODE_MEANINGS: Record<string, string> = {
	'000': 'Internal server error',
	'001': 'Bad request',
	'002': 'Invalid API key',
	'003': 'Wrong sign',
	'004': 'Requested object not found',
	'006': 'Invoice in incorrect state',
	'011': 'Invalid timestamp',
	'012': 'Invalid payout state',
	'014': 'Invalid hot wallet currency',
	'015': 'Currency does not match wallet blockchain',
	'016': 'Idempotency key already exists or validation failed',
};

const HINTS: Record<string, string> = {
	'000': 'Calypso failed to process the request; try again later.',
	'001': 'Calypso refused a field of the request: check the values sent (currency codes, amount, URLs).',
	'002': 'Calypso does not know this public key: check the Public Key and the API Host in the Calypso credential (keys belong to one host).',
	'003': 'Calypso refused the signature: check the Secret Key in the Calypso credential (it must be the secret of that public key).',
	'004': 'Calypso has no such object: check the id or key, and that the credential uses the right account and API host.',
	'006': 'The invoice is not in a state that allows this.',
	'011': "Calypso refused the request time: the n8n server's clock must be within ±3 minutes of real time (UTC). Check the server clock (NTP).",
	'014': 'This currency is not enabled for the account\'s hot wallet: add the asset in the Calypso dashboard or pick another currency.',
	'015': 'The currency does not match the wallet\'s blockchain: check the currency code (e.g. USDT vs USDT_TRX).',
	'016': 'Calypso already has an object with this idempotency key (or refused the request\'s validation). If an earlier attempt created it, look it up by this key instead of creating it again.',
};

function readBody(body: unknown): CalypsoErrorBody {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return {};
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const { errorCode, message } = body as { errorCode?: unknown; message?: unknown };
	return {
		errorCode: errorCode === undefined || errorCode === null ? undefined : String(errorCode).padStart(3, '0'),
		message: typeof message === 'string' ? message : undefined,
	};
}

/** Whether a 2xx body is in fact Calypso's error object. */
export function isErrorBody(body: unknown): boolean {
	const { errorCode, message } = readBody(body);
	return errorCode !== undefined && message !== undefined;
}

/** The error code of a Calypso error answer, if it has one. */
export function errorCodeOf(body: unknown): string | undefined {
	return readBody(body).errorCode;
}

function fallbackHint(status: number): string {
	if (status === 401 || status === 403) return 'Calypso refused the credentials: check the public key, the secret key and the API host.';
	if (status === 404) return 'Calypso has no such object or endpoint: check the id and the API host.';
	if (status === 429) return 'Calypso is rate limiting these requests; try again later.';
	if (status >= 500) return 'Calypso failed to process the request; try again later.';
	return 'Calypso refused the request.';
}

export interface ErrorContext {
	itemIndex?: number;
	/** The idempotency key a create carried: the user needs it to retry without creating twice. */
	idempotencyKey?: string;
	/** The credential's keys: Calypso may echo them back in an error, which must not quote them. */
	secrets?: readonly unknown[];
}

/** For a create whose outcome is unknown: how to retry without making a second object. */
function idempotencyAdvice(idempotencyKey: string | undefined, outcomeUnknown: boolean): string {
	if (!idempotencyKey) return '';
	if (outcomeUnknown) {
		return ` It may have been created anyway: retry with Idempotency Key = ${idempotencyKey} (Calypso never creates two objects with one key), or look it up by that key. Do not retry with a new key.`;
	}
	return ` The request's idempotency key was ${idempotencyKey}.`;
}

/**
 * The NodeApiError for a Calypso error answer. Built from the error body and the status only,
 * never from the request, so neither the secret nor the Sign header can end up in it. Calypso's
 * code and a create's idempotency key stay on it as facts, for Continue On Fail error items.
 */
export function calypsoApiError(node: INode, status: number, body: unknown, context: ErrorContext = {}): NodeApiError {
	const { errorCode, message } = readBody(body);
	const echoed = message === undefined ? undefined : scrubSecrets(message, context.secrets ?? []);
	const text = echoed ?? (errorCode ? ERROR_CODE_MEANINGS[errorCode] : undefined);
	const summary = errorCode ? `Calypso error ${errorCode}: ${text ?? 'no message'}` : `Calypso answered HTTP ${status}`;
	const hint = (errorCode && HINTS[errorCode]) || fallbackHint(status);
	const outcomeUnknown = status >= 500 || errorCode === '000';
	const response: JsonObject = { httpCode: String(status) };
	if (errorCode) response.errorCode = errorCode;
	if (text) response.message = text;
	const error = new NodeApiError(node, response, {
		message: summary,
		description: hint + idempotencyAdvice(context.idempotencyKey, outcomeUnknown),
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
	withErrorFacts(error, {
		providerCode: errorCode,
		idempotencyKey: context.idempotencyKey,
		outcomeUnknown: context.idempotencyKey && outcomeUnknown ? true : undefined,
	});
	return errorCode === '004' ? withCallFailure(error, 'notFound') : error;
}

/**
 * A request that got no answer (network, time-out, credential misconfiguration). n8n's own
 * error would carry the request options, Sign header included; this one keeps only the reason.
 * `error` is what the request failed with (the cause of ProviderUnreachableError); `timeoutMs`,
 * when it timed out, how long it waited.
 */
export function calypsoTransportError(
	node: INode,
	error: unknown,
	context: ErrorContext = {},
	timeoutMs?: number,
): NodeApiError {
	const cause = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
	const code = cause?.cause?.code ?? cause?.code;
	const reason = scrubSecrets(cause?.cause?.message ?? cause?.message ?? 'unknown error', context.secrets ?? []);
	const response: JsonObject = { message: reason };
	// Not under "code": NodeApiError would swap the message for a generic one of its own.
	if (typeof code === 'string') response.networkErrorCode = code;
	const message =
		timeoutMs === undefined ? `Calypso request failed: ${reason}` : `Calypso did not answer within ${Math.round(timeoutMs / 1000)} s`;
	const failure = new NodeApiError(node, response, {
		message,
		description:
			(timeoutMs === undefined ? '' : `Reason: ${reason}. `) +
			'No answer from Calypso. Check the API host in the Calypso credential and the network.' +
			idempotencyAdvice(context.idempotencyKey, true),
		itemIndex: context.itemIndex,
	});
	// n8n swaps a message naming a network code (ECONNRESET...) for its own, which advises retrying.
	failure.message = message;
	withErrorFacts(failure, {
		idempotencyKey: context.idempotencyKey,
		outcomeUnknown: context.idempotencyKey ? true : undefined,
	});
	return withCallFailure(failure, 'unanswered');
}

/** The Calypso error code a NodeApiError from calypsoApiError carries, if any. */
export function calypsoErrorCode(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = error.context?.providerCode;
	return typeof code === 'string' ? code : undefined;
}
