import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { toNodeOperationError } from '../../shared/errors';
import type { MessageOutcome, OutgoingMessage, SendResult } from '../transport/messages';

/** One input item turned into a message, plus what its output item should repeat (reference, recipient). */
export interface PreparedMessage {
	message: IDataObject;
	summary: IDataObject;
}

export type SendMessages = (
	this: IExecuteFunctions,
	messages: OutgoingMessage[],
	options: { stopOnFailure: boolean },
) => Promise<SendResult>;

const LISTED_ITEMS = 20;

function listItems(indexes: number[]): string {
	const shown = indexes.slice(0, LISTED_ITEMS).join(', ');
	return indexes.length > LISTED_ITEMS ? `${shown} and ${indexes.length - LISTED_ITEMS} more` : shown;
}

/**
 * Without "Continue On Fail" the node stops at the first rejected message, but messages of the
 * same run may already be out: say which, so that nobody resends them.
 */
function reportWhatWentOut(
	error: NodeApiError | NodeOperationError,
	outcomes: MessageOutcome[],
	unsent: number[],
): NodeApiError | NodeOperationError {
	const accepted = outcomes.filter((outcome) => outcome.accepted).map((outcome) => outcome.itemIndex);
	const notes: string[] = [];
	if (accepted.length > 0) {
		notes.push(
			`Exotel accepted ${accepted.length} other message(s) of this run (input items ${listItems(accepted)}): do not send them again.`,
		);
	}
	if (unsent.length > 0) notes.push(`Input items ${listItems(unsent)} were not sent.`);
	if (notes.length > 0) error.description = [error.description, ...notes].filter(Boolean).join(' ');
	return error;
}

function errorJson(error: NodeApiError | NodeOperationError, summary: IDataObject): IDataObject {
	const json: IDataObject = { ...summary, error: error.message };
	if (error.description) json.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	const exotelCode = (error.errorResponse as IDataObject | undefined)?.exotelCode;
	if (exotelCode !== undefined && exotelCode !== null) json.exotelCode = exotelCode;
	return json;
}

/**
 * The shape of every Exotel send operation: prepare and validate ALL items first (bad input
 * stops the node before anything is sent, or becomes an error item with Continue On Fail), send
 * the valid ones in bulk, and return one output item per input item, in input order.
 */
export async function sendOneMessagePerItem(
	this: IExecuteFunctions,
	prepare: (itemIndex: number) => PreparedMessage | Promise<PreparedMessage>,
	send: SendMessages,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const results: Array<INodeExecutionData[] | undefined> = new Array(items.length);
	const summaries = new Map<number, IDataObject>();
	const outgoing: OutgoingMessage[] = [];

	const output = (json: IDataObject, itemIndex: number) =>
		this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } });

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const prepared = await prepare(itemIndex);
			summaries.set(itemIndex, prepared.summary);
			outgoing.push({ itemIndex, message: prepared.message });
		} catch (error) {
			const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results[itemIndex] = output(errorJson(nodeError, {}), itemIndex);
		}
	}

	const { outcomes, unsent } = await send.call(this, outgoing, { stopOnFailure: !continueOnFail });

	for (const outcome of outcomes) {
		const summary = summaries.get(outcome.itemIndex) ?? {};
		if (outcome.accepted) {
			const json: IDataObject = { ...summary, sid: outcome.sid, status: outcome.status, requestId: outcome.requestId };
			results[outcome.itemIndex] = output(json, outcome.itemIndex);
		} else if (continueOnFail) {
			results[outcome.itemIndex] = output(errorJson(outcome.error, summary), outcome.itemIndex);
		}
	}

	if (!continueOnFail) {
		const firstFailure = outcomes.find((outcome) => !outcome.accepted);
		if (firstFailure && !firstFailure.accepted) throw reportWhatWentOut(firstFailure.error, outcomes, unsent);
	}

	return results.flatMap((itemResults) => itemResults ?? []);
}
