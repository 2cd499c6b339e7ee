import type { IExecuteFunctions, INode, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { MessageOutcome, OutgoingMessage, SendResult } from '../../shared/whatsapp/messageBatch';
import { exotelMessageError, exotelUnansweredError } from './errors';
import { EXOTEL_CREDENTIAL, exotelApiRequest, exotelSecrets } from './request';

/** Exotel takes at most 100 messages per request (more is a 400). */
export const MAX_MESSAGES_PER_REQUEST = 100;

interface MessageResult {
	code?: unknown;
	status?: unknown;
	error_data?: unknown;
	data?: { sid?: unknown } | null;
}

function isAccepted(result: MessageResult): boolean {
	const code = Number(result.code);
	const okCode = Number.isFinite(code) && code >= 200 && code < 300;
	const okStatus = typeof result.status === 'string' && result.status.toLowerCase() === 'success';
	return (okCode || okStatus) && !result.error_data;
}

function readResults(body: unknown): { results: MessageResult[]; requestId: string | null } {
	const envelope = (body ?? {}) as { request_id?: unknown; response?: { whatsapp?: { messages?: unknown } } };
	const messages = envelope.response?.whatsapp?.messages;
	return {
		results: Array.isArray(messages) ? (messages as MessageResult[]) : [],
		requestId: typeof envelope.request_id === 'string' ? envelope.request_id : null,
	};
}

/** Reads Exotel's answer to one bulk request: one outcome per message, matched by position. */
function outcomesOf(node: INode, batch: OutgoingMessage[], body: unknown, secrets: string[]): MessageOutcome[] {
	const { results, requestId } = readResults(body);
	return batch.map(({ itemIndex }, position): MessageOutcome => {
		const result = results[position];
		if (!result || typeof result !== 'object') {
			return { itemIndex, accepted: false, error: exotelUnansweredError(node, itemIndex) };
		}
		if (!isAccepted(result)) {
			return { itemIndex, accepted: false, error: exotelMessageError(node, result, { itemIndex, secrets }) };
		}
		const sid = result.data && typeof result.data.sid === 'string' ? result.data.sid : null;
		return { itemIndex, accepted: true, output: { sid, status: String(result.status ?? 'success'), requestId } };
	});
}

/** One request carries the whole batch: it waits as long as the most patient of its items asks. */
function batchTimeoutMs(batch: OutgoingMessage[]): number | undefined {
	const limits = batch.map((entry) => entry.timeoutMs).filter((limit): limit is number => limit !== undefined);
	return limits.length > 0 ? Math.max(...limits) : undefined;
}

/**
 * Sends WhatsApp messages through Exotel in as few requests as allowed (100 per request),
 * each request once. A request that fails as a whole gives every message in it the same error.
 * With `stopOnFailure`, no further request is sent after one with any failure: the rest are
 * reported in `unsent`, so the caller can say exactly what went out.
 */
export async function sendWhatsAppMessages(
	this: IExecuteFunctions,
	messages: OutgoingMessage[],
	options: { stopOnFailure: boolean },
): Promise<SendResult> {
	const outcomes: MessageOutcome[] = [];
	if (messages.length === 0) return { outcomes, unsent: [] };
	const secrets = exotelSecrets(await this.getCredentials(EXOTEL_CREDENTIAL));

	for (let start = 0; start < messages.length; start += MAX_MESSAGES_PER_REQUEST) {
		const batch = messages.slice(start, start + MAX_MESSAGES_PER_REQUEST);
		let batchOutcomes: MessageOutcome[];
		try {
			const answer = await exotelApiRequest.call(
				this,
				'POST',
				'/messages',
				{ whatsapp: { messages: batch.map((entry) => entry.message) } },
				{ itemIndex: batch[0].itemIndex, timeoutMs: batchTimeoutMs(batch) },
			);
			batchOutcomes = outcomesOf(this.getNode(), batch, answer.body, secrets);
		} catch (error) {
			batchOutcomes = batch.map(({ itemIndex }) => ({ itemIndex, accepted: false, error: error as NodeApiError | NodeOperationError }));
		}
		outcomes.push(...batchOutcomes);
		if (options.stopOnFailure && batchOutcomes.some((outcome) => !outcome.accepted)) {
			return {
				outcomes,
				unsent: messages.slice(start + MAX_MESSAGES_PER_REQUEST).map((entry) => entry.itemIndex),
			};
		}
	}
	return { outcomes, unsent: [] };
}
