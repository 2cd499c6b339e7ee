import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorItemJson, toNodeOperationError } from '../errors';
import { refuseRetryOnFail } from '../retry';
import { requestTimeoutMs } from '../transport/timeout';

/*
 * How a WhatsApp message node (payment request, order status) turns input items into messages:
 * validate every item before anything is sent, send through the provider's transport (bulk or
 * one by one, never retried), and answer one output item per input item, in input order.
 */

/** One WhatsApp message in the provider's wire shape, with the input item it came from. */
export interface OutgoingMessage {
	itemIndex: number;
	message: IDataObject;
	/** How long the request carrying it may wait for an answer: the item's Options → Timeout (Seconds). */
	timeoutMs?: number;
}

export type MessageOutcome =
	| {
			itemIndex: number;
			accepted: true;
			/** What the output item reports about the sent message (ids, status), besides the summary. */
			output: IDataObject;
	  }
	| { itemIndex: number; accepted: false; error: NodeApiError | NodeOperationError };

export interface SendResult {
	/** In the order of `messages`, for those that were sent. */
	outcomes: MessageOutcome[];
	/** Items not sent because an earlier request failed and `stopOnFailure` was set. */
	unsent: number[];
}

/** A provider's transport: sends each message once, and with `stopOnFailure` nothing after a failure. */
export type SendMessages = (
	this: IExecuteFunctions,
	messages: OutgoingMessage[],
	options: { stopOnFailure: boolean },
) => Promise<SendResult>;

/** One input item turned into a message, plus what its output item should repeat (reference, recipient). */
export interface PreparedMessage {
	message: IDataObject;
	summary: IDataObject;
}

/** The reference_id of an interactive order message, for the output item. */
export function referenceIdOf(interactive: IDataObject): string | null {
	const parameters = (interactive.action as IDataObject | undefined)?.parameters as IDataObject | undefined;
	return typeof parameters?.reference_id === 'string' ? parameters.reference_id : null;
}

/** Refuses n8n's "Retry On Fail": a retry could send the same messages (`what`) twice. */
export function refuseAutomaticRetry(ctx: IExecuteFunctions, provider: string, what = 'payment request'): void {
	refuseRetryOnFail(
		ctx,
		provider,
		`send the same ${what} to the customer twice`,
		'on a failure, check the message status before sending again' + (what === 'payment request' ? ', and resend with a new reference_id.' : '.'),
	);
}

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
	provider: string,
): NodeApiError | NodeOperationError {
	const accepted = outcomes.filter((outcome) => outcome.accepted).map((outcome) => outcome.itemIndex);
	const notes: string[] = [];
	if (accepted.length > 0) {
		notes.push(
			`${provider} accepted ${accepted.length} other message(s) of this run (input items ${listItems(accepted)}): do not send them again.`,
		);
	}
	if (unsent.length > 0) notes.push(`Input items ${listItems(unsent)} were not sent.`);
	if (notes.length > 0) error.description = [error.description, ...notes].filter(Boolean).join(' ');
	return error;
}

/**
 * The shape of every WhatsApp send operation: prepare and validate ALL items first (bad input
 * stops the node before anything is sent, or becomes an error item with Continue On Fail), send
 * the valid ones through `send`, and return one output item per input item, in input order.
 * `provider` names the provider in what the user reads ("Exotel accepted 2 other messages").
 */
export async function sendOneMessagePerItem(
	this: IExecuteFunctions,
	prepare: (itemIndex: number) => PreparedMessage | Promise<PreparedMessage>,
	send: SendMessages,
	provider: string,
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
			const timeoutMs = requestTimeoutMs(this, itemIndex);
			summaries.set(itemIndex, prepared.summary);
			outgoing.push({ itemIndex, message: prepared.message, timeoutMs });
		} catch (error) {
			const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results[itemIndex] = output(errorItemJson(nodeError), itemIndex);
		}
	}

	const { outcomes, unsent } = await send.call(this, outgoing, { stopOnFailure: !continueOnFail });

	for (const outcome of outcomes) {
		const summary = summaries.get(outcome.itemIndex) ?? {};
		if (outcome.accepted) {
			results[outcome.itemIndex] = output({ ...summary, ...outcome.output }, outcome.itemIndex);
		} else if (continueOnFail) {
			results[outcome.itemIndex] = output(errorItemJson(outcome.error, summary), outcome.itemIndex);
		}
	}

	if (!continueOnFail) {
		const firstFailure = outcomes.find((outcome) => !outcome.accepted);
		if (firstFailure && !firstFailure.accepted) {
			throw reportWhatWentOut(firstFailure.error, outcomes, unsent, provider);
		}
	}

	return results.flatMap((itemResults) => itemResults ?? []);
}
