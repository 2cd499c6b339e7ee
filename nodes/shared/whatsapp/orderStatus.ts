import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../errors';
import { ProblemList } from './problems';
import { orderStatusSchema } from './schemas';
import type { OrderStatus, OrderStatusInput, PartiallyShippedSpelling } from './types';

export const ORDER_STATUSES: readonly OrderStatus[] = [
	'pending',
	'processing',
	'partially_shipped',
	'shipped',
	'completed',
	'canceled',
];

/** Statuses that are interchangeable while the order is being fulfilled (docs/providers.md §2.8). */
const IN_PROGRESS: readonly OrderStatus[] = ['processing', 'partially_shipped', 'shipped'];
const FINAL: readonly OrderStatus[] = ['completed', 'canceled'];

/** Takes either spelling of partially shipped and the editor labels; anything else stays undefined. */
export function normalizeOrderStatus(status: unknown): OrderStatus | undefined {
	if (typeof status !== 'string') return undefined;
	const canonical = status.trim().toLowerCase().replace(/[\s-]+/g, '_');
	return ORDER_STATUSES.find((known) => known === canonical);
}

/** Statuses an order may move to from `from` (docs/providers.md §2.8). */
export function allowedNextStatuses(from: OrderStatus): OrderStatus[] {
	const current = normalizeOrderStatus(from);
	if (current === 'pending') return ORDER_STATUSES.filter((status) => status !== 'pending');
	if (current !== undefined && IN_PROGRESS.includes(current)) {
		return [...IN_PROGRESS.filter((status) => status !== current), ...FINAL];
	}
	return [];
}

/*
 * Messages name statuses by their editor labels, never by the wire value: n8n 2.41 files a
 * failed execution whose error message contains the word "canceled" as a *canceled* execution
 * (WorkflowExecute.processSuccessExecution), which would hide a refused order status change
 * from the list of failed executions.
 */
const STATUS_LABELS: Record<OrderStatus, string> = {
	pending: 'Pending',
	processing: 'Processing',
	partially_shipped: 'Partially Shipped',
	shipped: 'Shipped',
	completed: 'Completed',
	canceled: 'Canceled',
};

function labelOf(status: OrderStatus): string {
	return STATUS_LABELS[status];
}

function listOf(statuses: readonly OrderStatus[]): string {
	const labels = statuses.map(labelOf);
	return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/**
 * Throws InputRuleError when `from` → `to` is forbidden, saying which moves are allowed from
 * `from` (e.g. `order "ORD-1" is completed, which is final: no status change is allowed`).
 * Both spellings of partially shipped are accepted.
 */
export function assertTransitionAllowed(referenceId: string, from: OrderStatus, to: OrderStatus): void {
	const order = `order ${JSON.stringify(referenceId)}`;
	const current = normalizeOrderStatus(from);
	const next = normalizeOrderStatus(to);
	if (current === undefined) {
		throw new InputRuleError(
			`${order}: current status ${JSON.stringify(from)} is not an order status (${listOf(ORDER_STATUSES)})`,
			'currentStatus',
		);
	}
	if (next === undefined) {
		throw new InputRuleError(`${order}: status ${JSON.stringify(to)} is not an order status (${listOf(ORDER_STATUSES)})`, 'status');
	}
	if (FINAL.includes(current)) {
		throw new InputRuleError(`${order} is ${labelOf(current)}, which is final: no status change is allowed`, 'status');
	}
	const allowed = allowedNextStatuses(current);
	if (!allowed.includes(next)) {
		throw new InputRuleError(
			`${order} cannot go from ${labelOf(current)} to ${labelOf(next)}; from ${labelOf(current)} it can go to ${listOf(allowed)}`,
			'status',
		);
	}
}

/**
 * Validates an `order_status` interactive object as it goes on the wire (docs/providers.md §2.4):
 * statuses in either spelling of partially shipped. Throws InputRuleError listing every problem.
 */
export function validateOrderStatus(interactive: unknown): IDataObject {
	const problems = new ProblemList();
	const parsed = orderStatusSchema.safeParse(interactive);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) problems.addIssue(interactive, issue);
		problems.throwIfAny();
	}
	return interactive as IDataObject;
}

/** Empty form fields arrive as '', null or undefined; all mean "not given". */
function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function spell(status: OrderStatus, spelling: PartiallyShippedSpelling | undefined): string {
	return status === 'partially_shipped' && spelling === 'partially-shipped' ? 'partially-shipped' : status;
}

/**
 * Builds and validates the `interactive` object of type `order_status` (docs/providers.md §2.4).
 * When `currentStatus` is given, a transition §2.8 forbids is refused. `partially_shipped` goes on
 * the wire as `partiallyShippedSpelling` says (default `partially_shipped`).
 */
export function buildOrderStatus(input: OrderStatusInput): IDataObject {
	const status = normalizeOrderStatus(input.status);
	const order: IDataObject = { status: status === undefined ? input.status : spell(status, input.partiallyShippedSpelling) };
	if (isGiven(input.description)) order.description = input.description;
	const wire: IDataObject = { type: 'order_status', body: { text: input.bodyText } };
	if (isGiven(input.footerText)) wire.footer = { text: input.footerText };
	const referenceId = typeof input.referenceId === 'number' ? String(input.referenceId) : input.referenceId;
	wire.action = { name: 'review_order', parameters: { reference_id: referenceId, order } };
	validateOrderStatus(wire);
	if (status !== undefined && isGiven(input.currentStatus)) {
		assertTransitionAllowed(referenceId, input.currentStatus as OrderStatus, status);
	}
	return wire;
}
