import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { scrubSecrets } from '../../shared/secrets';

/** Craftgate's error object: `{"errors": {...}}` (an object, not an array). */
export interface CraftgateErrorDetails {
	errorCode?: string;
	errorDescription?: string;
	errorGroup?: string;
	providerError?: { errorCode?: string; errorMessage?: string };
}

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
		return 'Craftgate refused the credentials: check the API key, the secret key and the environment (sandbox keys only work on the sandbox).';
	}
	if (status === 404) return 'Craftgate does not know this id (wrong id, deleted, or another environment).';
	if (status === 422) return 'Craftgate refused the request under one of its business rules.';
	if (status === 429) return 'Craftgate is rate limiting these requests; try again later.';
	if (status >= 500) return 'Craftgate failed to process the request; try again later.';
	return 'Craftgate refused the request.';
}

/**
 * The NodeApiError for a Craftgate error answer. It is built from the error fields alone, never
 * from the request, and any of `secrets` Craftgate echoes in its text is replaced by ***.
 */
export function craftgateApiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex?: number,
	secrets: readonly unknown[] = [],
): NodeApiError {
	const details = scrubDetails(readErrors(body), secrets);
	const errorCode = details.errorCode === undefined ? undefined : String(details.errorCode);
	const summary = errorCode
		? `Craftgate error ${errorCode}: ${details.errorDescription ?? 'no description'}`
		: `Craftgate answered HTTP ${status}`;
	const providerError = details.providerError?.errorCode
		? ` Provider error ${details.providerError.errorCode}: ${details.providerError.errorMessage ?? ''}`.trimEnd()
		: '';
	const response: JsonObject = { httpCode: String(status) };
	if (errorCode) response.errorCode = errorCode;
	if (details.errorDescription) response.errorDescription = details.errorDescription;
	if (details.errorGroup) response.errorGroup = details.errorGroup;
	return new NodeApiError(node, response, {
		message: summary,
		description: hintFor(status, details) + providerError,
		httpCode: String(status),
		itemIndex,
	});
}

/**
 * A request that got no Craftgate answer (network, timeout, credential misconfiguration).
 * n8n's own error would carry the request options, signing headers included; this one keeps
 * only the message and the low-level code.
 */
export function craftgateTransportError(
	node: INode,
	error: unknown,
	itemIndex?: number,
	secrets: readonly unknown[] = [],
): NodeApiError {
	const cause = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
	const code = cause?.cause?.code ?? cause?.code;
	const reason = scrubSecrets(cause?.cause?.message ?? cause?.message ?? 'unknown error', secrets);
	const response: JsonObject = { message: reason };
	if (typeof code === 'string') response.code = code;
	return new NodeApiError(node, response, {
		message: `Craftgate request failed: ${reason}`,
		description: 'No answer from Craftgate. Check the environment or base URL in the Craftgate credential and the network.',
		itemIndex,
	});
}
