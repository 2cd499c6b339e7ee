import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';
import { calypsoErrorCode } from '../transport/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `input`: the user gave the key. `generated`: made now for this item. `retry`: made for this
 * very item by an earlier try of the same execution that n8n's "Retry On Fail" is repeating,
 * so Calypso may already hold an object with it.
 */
export type KeySource = 'input' | 'generated' | 'retry';

export interface IdempotencyKey {
	key: string;
	source: KeySource;
}

/**
 * Keys generated for an input item, held by the item object itself: n8n's "Retry On Fail" runs
 * the node again over the very same input item objects, while a new execution or loop run
 * brings new ones. Entries go when the item does (WeakMap).
 */
const keysByItem = new WeakMap<object, Map<string, string>>();

function slotFor(ctx: IExecuteFunctions, itemIndex: number, operation: string, payload: IDataObject) {
	const item = ctx.getInputData()[itemIndex];
	if (!item || typeof item !== 'object') return undefined;
	const fingerprint = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
	const request = [ctx.getExecutionId(), operation, fingerprint].join('\u0000');
	let keys = keysByItem.get(item);
	if (!keys) {
		keys = new Map();
		keysByItem.set(item, keys);
	}
	return { keys, request };
}

/**
 * The idempotency key for one item's create, decided once before anything is sent: the one
 * the user gave (a UUID, as Calypso requires), or a new crypto.randomUUID(). `payload` is the
 * request without its key; with the operation it tells a retry of this item from a new request.
 */
export function resolveIdempotencyKey(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { provided: unknown; field: string; operation: string; payload: IDataObject },
): IdempotencyKey {
	const provided = typeof options.provided === 'string' ? options.provided.trim() : options.provided;
	if (provided !== undefined && provided !== null && provided !== '') {
		if (typeof provided !== 'string' || !UUID.test(provided)) {
			throw new InputRuleError(
				`${options.field} must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (or empty to generate one), got ${JSON.stringify(provided)}`,
				options.field,
			);
		}
		return { key: provided.toLowerCase(), source: 'input' };
	}
	const slot = slotFor(ctx, itemIndex, options.operation, options.payload);
	const earlier = slot?.keys.get(slot.request);
	if (earlier !== undefined) return { key: earlier, source: 'retry' };
	const key = randomUUID();
	slot?.keys.set(slot.request, key);
	return { key, source: 'generated' };
}

/** What a create threw, as the node error it already is (calypsoRequest throws n8n's node errors only). */
function asNodeError(ctx: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
}

async function attempt<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	return await run().then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
}

/** Whether the transport tried the create again after an attempt Calypso may have carried out. */
function earlierAttemptMayHaveActed(error: unknown): boolean {
	return error instanceof NodeApiError && error.context?.earlierAttemptMayHaveActed === true;
}

/**
 * Sends a create. When an earlier try may have reached Calypso (n8n's retry of the item, or the
 * transport's own retry of the request) and Calypso answers 016 (key already used), the object
 * that try created is read back by its key instead of failing: the retry then ends with the one
 * object, never a second.
 */
export async function createOnce(
	ctx: IExecuteFunctions,
	key: IdempotencyKey,
	create: () => Promise<IDataObject>,
	readExisting: () => Promise<IDataObject>,
): Promise<{ result: IDataObject; alreadyExisted: boolean }> {
	const created = await attempt(create);
	if (created.ok) return { result: created.value, alreadyExisted: false };
	const mayBeOurs = key.source === 'retry' || earlierAttemptMayHaveActed(created.error);
	if (!mayBeOurs || calypsoErrorCode(created.error) !== '016') throw asNodeError(ctx, created.error);
	const existing = await attempt(readExisting);
	if (!existing.ok) throw asNodeError(ctx, created.error);
	return { result: existing.value, alreadyExisted: true };
}
