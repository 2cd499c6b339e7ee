import type { IDataObject, IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { withErrorFacts } from '../../shared/errors';
import type { MessageOutcome, OutgoingMessage, SendResult } from '../../shared/whatsapp/messageBatch';
import type { TextContent } from '../../shared/whatsapp/textMessage';
import { messagesPath } from './apiHost';
import { dialog360UnexpectedAnswer, NOT_RESENT } from './errors';
import { DIALOG360_CREDENTIAL, dialog360Request } from './request';

/** The Cloud API message carrying an interactive object (docs/providers.md §2.3). */
export function interactiveMessage(to: string, interactive: IDataObject): IDataObject {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'interactive', interactive };
}

/** The Cloud API text message, preview_url inside `text` (docs/providers.md §2.10). */
export function textMessage(to: string, text: TextContent): IDataObject {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { ...text } };
}

function firstOf(list: unknown): IDataObject | undefined {
	return Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null ? (list[0] as IDataObject) : undefined;
}

/** `{contacts:[{input, wa_id}], messages:[{id, message_status?}]}` → what the output item says. */
function acceptedOutput(body: unknown): IDataObject | undefined {
	const answer = (body ?? {}) as IDataObject;
	const message = firstOf(answer.messages);
	if (typeof message?.id !== 'string' || message.id === '') return undefined;
	const contact = firstOf(answer.contacts);
	const output: IDataObject = { wamid: message.id, waId: typeof contact?.wa_id === 'string' ? contact.wa_id : null };
	if (typeof message.message_status === 'string') output.messageStatus = message.message_status;
	return output;
}

/**
 * Sends WhatsApp messages through 360dialog, one request per message (the Cloud API has no bulk
 * send), each exactly once. With `stopOnFailure`, nothing is sent after the first failure: the
 * rest are reported in `unsent`, so the caller can say exactly what went out.
 */
export async function sendDialog360Messages(
	this: IExecuteFunctions,
	messages: OutgoingMessage[],
	options: { stopOnFailure: boolean },
): Promise<SendResult> {
	const outcomes: MessageOutcome[] = [];
	if (messages.length === 0) return { outcomes, unsent: [] };
	const path = messagesPath(await this.getCredentials(DIALOG360_CREDENTIAL));

	for (let position = 0; position < messages.length; position++) {
		const { itemIndex, message, timeoutMs } = messages[position];
		let outcome: MessageOutcome;
		try {
			const answer = await dialog360Request.call(this, { method: 'POST', path, body: message, itemIndex, mayHaveSent: true, timeoutMs });
			const output = acceptedOutput(answer.body);
			outcome = output
				? { itemIndex, accepted: true, output }
				: {
						itemIndex,
						accepted: false,
						// Taken without an ID: it may have gone out.
						error: withErrorFacts(
							dialog360UnexpectedAnswer(this.getNode(), 'the message', answer.body, {
								itemIndex,
								advice: `It answered HTTP ${answer.statusCode} without a message ID (messages[0].id). ${NOT_RESENT}`,
							}),
							{ outcomeUnknown: true },
						),
					};
		} catch (error) {
			outcome = { itemIndex, accepted: false, error: error as NodeApiError | NodeOperationError };
		}
		outcomes.push(outcome);
		if (options.stopOnFailure && !outcome.accepted) {
			return { outcomes, unsent: messages.slice(position + 1).map((entry) => entry.itemIndex) };
		}
	}
	return { outcomes, unsent: [] };
}
