import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { referenceIdSchema } from '../../shared/whatsapp';
import type { PaymentStatus } from '../../shared/webhook';
import { normalizePaymentStatus } from '../helpers/paymentStatus';
import type { RequestContext } from '../../shared/transport/request';
import { inputItem, withCallFailure } from '../../shared/errors';
import { dialog360UnexpectedAnswer } from './errors';
import { dialog360Request } from './request';

/**
 * Where the lookup lives. 360dialog documents `/v1/payments/...`, the On-Premise style; on the
 * Cloud API host the path is probably `/payments/...` (docs/providers.md §2.6), so both are offered.
 */
export const LOOKUP_PATHS = ['/v1/payments', '/payments'] as const;
export type LookupPath = (typeof LOOKUP_PATHS)[number];
/** The one default of the Get operation and the trigger (see lookupPayment). */
export const DEFAULT_LOOKUP_PATH: LookupPath = '/v1/payments';

export interface LookupInput {
	paymentConfiguration: string;
	referenceId: string;
	/** DEFAULT_LOOKUP_PATH when not chosen. */
	lookupPath?: string;
}

export interface PaymentLookup {
	referenceId: string;
	paymentConfiguration: string;
	/** 360dialog's own status: new, pending, captured, canceled or failed. */
	status: string;
	normalizedStatus: PaymentStatus;
	amount: { value: number; offset: number; currency: string } | null;
	transactions: IDataObject[];
	/** The payment object as 360dialog returned it. */
	raw: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The payment object in the answer: payments[] (matched by reference_id), `payment`, or the body itself. */
function findPayment(body: unknown, referenceId: string): IDataObject | 'none' | undefined {
	if (!isObject(body)) return undefined;
	if (Array.isArray(body.payments)) {
		const payments = body.payments.filter(isObject);
		if (payments.length === 0) return 'none';
		return payments.find((payment) => payment.reference_id === referenceId) ?? payments[0];
	}
	if (isObject(body.payment)) return body.payment;
	if (typeof body.status === 'string') return body;
	return undefined;
}

function amountOf(payment: IDataObject, transactions: IDataObject[]): PaymentLookup['amount'] {
	const candidates = [payment, ...transactions];
	for (const candidate of candidates) {
		const amount = candidate.amount;
		if (isObject(amount) && Number.isSafeInteger(amount.value) && Number.isSafeInteger(amount.offset)) {
			const currency = typeof candidate.currency === 'string' ? candidate.currency : 'INR';
			return { value: amount.value as number, offset: amount.offset as number, currency };
		}
	}
	return null;
}

/** Reads a lookup answer defensively; undefined when the shape is not one this node knows. */
export function readPaymentLookup(body: unknown, paymentConfiguration: string, referenceId: string): PaymentLookup | 'none' | undefined {
	const payment = findPayment(body, referenceId);
	if (payment === undefined || payment === 'none') return payment;
	if (typeof payment.status !== 'string') return undefined;
	const transactions = Array.isArray(payment.transactions) ? payment.transactions.filter(isObject) : [];
	return {
		referenceId: typeof payment.reference_id === 'string' ? payment.reference_id : referenceId,
		paymentConfiguration,
		status: payment.status,
		normalizedStatus: normalizePaymentStatus(payment.status, transactions),
		amount: amountOf(payment, transactions),
		transactions,
		raw: payment,
	};
}

/** The lookup's input checked before anything is sent; a NodeOperationError names the field (and the item, when given). */
export function checkLookupInput(ctx: RequestContext, input: Required<LookupInput>, itemIndex?: number): void {
	const fail = (message: string, field: string) => {
		throw new NodeOperationError(ctx.getNode(), message, {
			itemIndex,
			description: itemIndex === undefined ? undefined : `Check field "${field}" of ${inputItem(itemIndex)}.`,
		});
	};
	if (!(LOOKUP_PATHS as readonly string[]).includes(input.lookupPath)) {
		fail(`"Lookup Path" must be ${LOOKUP_PATHS.join(' or ')}, got "${input.lookupPath}"`, 'options.lookupPath');
	}
	if (input.paymentConfiguration === '') fail('"Payment Configuration" is empty', 'paymentConfiguration');
	const reference = referenceIdSchema.safeParse(input.referenceId);
	if (!reference.success) fail(`reference_id ${reference.error.issues[0].message}`, 'referenceId');
}

/**
 * Asks 360dialog for the payment of an order (docs/providers.md §2.6): GET
 * `<lookupPath>/<payment configuration>/<reference_id>`, answered in the same HTTP session.
 * `request` sets the time limit and whether the read is tried again (the Get operation's);
 * a trigger asks once with the default time limit.
 */
export async function lookupPayment(
	this: RequestContext,
	lookupInput: LookupInput,
	itemIndex?: number,
	request: { timeoutMs?: number; retry?: 'read' } = {},
): Promise<PaymentLookup> {
	const input = { ...lookupInput, lookupPath: lookupInput.lookupPath ?? DEFAULT_LOOKUP_PATH };
	checkLookupInput(this, input, itemIndex);
	const path = `${input.lookupPath}/${encodeURIComponent(input.paymentConfiguration)}/${encodeURIComponent(input.referenceId)}`;
	const answer = await dialog360Request.call(this, { method: 'GET', path, itemIndex, ...request });
	const lookup = readPaymentLookup(answer.body, input.paymentConfiguration, input.referenceId);
	if (lookup === 'none') {
		const error = dialog360UnexpectedAnswer(this.getNode(), 'the payment lookup', answer.body, {
			itemIndex,
			advice: `The payments list is empty: no payment is known for reference_id "${input.referenceId}" under payment configuration "${input.paymentConfiguration}".`,
		});
		throw withCallFailure(error, 'notFound');
	}
	if (lookup === undefined) {
		throw dialog360UnexpectedAnswer(this.getNode(), 'the payment lookup', answer.body, {
			itemIndex,
			advice: 'Expected payments[] with a status, or a single payment object. If 360dialog changed its answer, try the other Lookup Path.',
		});
	}
	return lookup;
}
