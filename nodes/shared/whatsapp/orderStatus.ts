import type { IDataObject } from 'n8n-workflow';
import type { OrderStatus, OrderStatusInput } from './types';

/** Statuses an order may move to from `from` (providers.md §2.8). */
export declare function allowedNextStatuses(from: OrderStatus): OrderStatus[];

/**
 * Throws InputRuleError when `from` → `to` is forbidden, saying which moves are allowed from
 * `from` (e.g. `order "ORD-1" is completed, which is final: no status change is allowed`).
 */
export declare function assertTransitionAllowed(referenceId: string, from: OrderStatus, to: OrderStatus): void;

/** Builds and validates the `interactive` object of type `order_status` (providers.md §2.4). */
export declare function buildOrderStatus(input: OrderStatusInput): IDataObject;
