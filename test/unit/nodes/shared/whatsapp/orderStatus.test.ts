import {
	allowedNextStatuses,
	assertTransitionAllowed,
	buildOrderStatus,
	validateOrderStatus,
} from '../../../../../nodes/shared/whatsapp';
import type { OrderStatus, OrderStatusInput } from '../../../../../nodes/shared/whatsapp';
import { ruleError } from './fixtures';

const ALL: OrderStatus[] = ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'];

describe('allowedNextStatuses (docs/providers.md §2.8)', () => {
	it('pending can move to any status', () => {
		expect(allowedNextStatuses('pending')).toEqual(['processing', 'partially_shipped', 'shipped', 'completed', 'canceled']);
	});

	it.each<[OrderStatus, OrderStatus[]]>([
		['processing', ['partially_shipped', 'shipped', 'completed', 'canceled']],
		['partially_shipped', ['processing', 'shipped', 'completed', 'canceled']],
		['shipped', ['processing', 'partially_shipped', 'completed', 'canceled']],
	])('%s moves to the other fulfilment statuses or ends', (from, next) => {
		expect(allowedNextStatuses(from)).toEqual(next);
	});

	it.each<OrderStatus>(['completed', 'canceled'])('%s is final', (from) => {
		expect(allowedNextStatuses(from)).toEqual([]);
	});

	it('reads the hyphen spelling too', () => {
		expect(allowedNextStatuses('partially-shipped' as OrderStatus)).toContain('shipped');
	});
});

describe('assertTransitionAllowed', () => {
	const allowed: Array<[OrderStatus, OrderStatus]> = ALL.flatMap((from) => allowedNextStatuses(from).map((to) => [from, to] as [OrderStatus, OrderStatus]));

	it.each(allowed)('allows %s → %s', (from, to) => {
		expect(() => assertTransitionAllowed('ORD-1', from, to)).not.toThrow();
	});

	it('allows exactly 5 + 3 × 4 moves', () => {
		expect(allowed).toHaveLength(17);
	});

	it.each<[OrderStatus, string]>([
		['completed', 'Completed'],
		['canceled', 'Canceled'],
	])('refuses any move from %s, saying it is final', (from, label) => {
		for (const to of ALL) {
			const error = ruleError(() => assertTransitionAllowed('ORD-1', from, to));
			expect(error.message).toBe(`order "ORD-1" is ${label}, which is final: no status change is allowed`);
			expect(error.field).toBe('status');
		}
	});

	it('refuses going back to pending, listing the allowed moves', () => {
		expect(ruleError(() => assertTransitionAllowed('ORD-1', 'shipped', 'pending')).message).toBe(
			'order "ORD-1" cannot go from Shipped to Pending; from Shipped it can go to Processing, Partially Shipped, Completed or Canceled',
		);
	});

	it('refuses staying in the same status', () => {
		expect(() => assertTransitionAllowed('ORD-1', 'processing', 'processing')).toThrow('cannot go from Processing to Processing');
		expect(() => assertTransitionAllowed('ORD-1', 'pending', 'pending')).toThrow('cannot go from Pending to Pending');
	});

	it('accepts either spelling of partially shipped', () => {
		expect(() => assertTransitionAllowed('ORD-1', 'partially-shipped' as OrderStatus, 'shipped')).not.toThrow();
		expect(() => assertTransitionAllowed('ORD-1', 'processing', 'partially-shipped' as OrderStatus)).not.toThrow();
	});

	it('refuses what is not a status', () => {
		const error = ruleError(() => assertTransitionAllowed('ORD-1', 'captured' as OrderStatus, 'shipped'));
		expect(error.message).toBe(
			'order "ORD-1": current status "captured" is not an order status (Pending, Processing, Partially Shipped, Shipped, Completed or Canceled)',
		);
		expect(error.field).toBe('currentStatus');
		expect(() => assertTransitionAllowed('ORD-1', 'pending', 'failed' as OrderStatus)).toThrow('status "failed" is not an order status');
	});
});

describe('buildOrderStatus', () => {
	const input = (change: Partial<OrderStatusInput> = {}): OrderStatusInput => ({
		referenceId: 'ORD-1',
		status: 'shipped',
		bodyText: 'Your order is on its way',
		...change,
	});

	it('builds the documented wire object', () => {
		expect(buildOrderStatus(input({ footerText: 'Thanks', description: 'Tracking: AB123' }))).toEqual({
			type: 'order_status',
			body: { text: 'Your order is on its way' },
			footer: { text: 'Thanks' },
			action: {
				name: 'review_order',
				parameters: { reference_id: 'ORD-1', order: { status: 'shipped', description: 'Tracking: AB123' } },
			},
		});
	});

	it('leaves blank footer and description off', () => {
		const wire = buildOrderStatus(input({ footerText: '', description: ' ' })) as any;
		expect(wire.footer).toBeUndefined();
		expect(wire.action.parameters.order).toEqual({ status: 'shipped' });
	});

	it('spells partially shipped as configured, partially_shipped by default', () => {
		const spelled = (spelling?: OrderStatusInput['partiallyShippedSpelling']) =>
			(buildOrderStatus(input({ status: 'partially_shipped', partiallyShippedSpelling: spelling })) as any).action.parameters.order.status;
		expect(spelled()).toBe('partially_shipped');
		expect(spelled('partially_shipped')).toBe('partially_shipped');
		expect(spelled('partially-shipped')).toBe('partially-shipped');
		expect((buildOrderStatus(input({ status: 'partially-shipped' as never })) as any).action.parameters.order.status).toBe('partially_shipped');
	});

	it('does not respell other statuses', () => {
		expect((buildOrderStatus(input({ partiallyShippedSpelling: 'partially-shipped' })) as any).action.parameters.order.status).toBe('shipped');
	});

	it('refuses pending and payment statuses, which are not order updates', () => {
		expect(ruleError(() => buildOrderStatus(input({ status: 'pending' as never }))).message).toBe(
			'status must be one of "processing", "partially_shipped", "partially-shipped", "shipped", "completed", "canceled"; got "pending"',
		);
		expect(() => buildOrderStatus(input({ status: 'captured' as never }))).toThrow('got "captured"');
	});

	it('checks the texts: body ≤ 1024, footer ≤ 60, description ≤ 120', () => {
		expect(() => buildOrderStatus(input({ bodyText: 'b'.repeat(1024), footerText: 'f'.repeat(60), description: 'd'.repeat(120) }))).not.toThrow();
		expect(() => buildOrderStatus(input({ bodyText: 'b'.repeat(1025) }))).toThrow('body.text is 1025 characters long; at most 1024 are allowed');
		expect(() => buildOrderStatus(input({ footerText: 'f'.repeat(61) }))).toThrow('footer.text is 61 characters long; at most 60 are allowed');
		const error = ruleError(() => buildOrderStatus(input({ status: 'canceled', description: 'd'.repeat(121) })));
		expect(error.message).toBe('description is 121 characters long; at most 120 are allowed');
		expect(error.field).toBe('description');
		expect(() => buildOrderStatus(input({ bodyText: '' }))).toThrow('body.text must not be empty');
	});

	it('checks reference_id as order_details does', () => {
		expect(() => buildOrderStatus(input({ referenceId: 'ORD 1' }))).toThrow('reference_id "ORD 1" may only contain');
		expect(() => buildOrderStatus(input({ referenceId: 'r'.repeat(36) }))).toThrow('at most 35 are allowed');
		expect((buildOrderStatus(input({ referenceId: 57848 as unknown as string })) as any).action.parameters.reference_id).toBe('57848');
	});

	it('refuses a move the rules forbid when the current status is known', () => {
		expect(() => buildOrderStatus(input({ status: 'processing', currentStatus: 'completed' }))).toThrow(
			'order "ORD-1" is Completed, which is final: no status change is allowed',
		);
		expect(() => buildOrderStatus(input({ status: 'completed', currentStatus: 'shipped' }))).not.toThrow();
		expect(() => buildOrderStatus(input({ currentStatus: '' as never }))).not.toThrow();
		expect(() => buildOrderStatus(input({ currentStatus: undefined }))).not.toThrow();
	});

	it('reports the message problems before the transition', () => {
		expect(() => buildOrderStatus(input({ bodyText: '', currentStatus: 'completed' }))).toThrow('body.text must not be empty');
	});
});

describe('validateOrderStatus', () => {
	const seed = () => ({
		type: 'order_status',
		body: { text: 'your-text-body-content' },
		action: {
			name: 'review_order',
			parameters: { reference_id: 'reference-id-value', order: { status: 'processing', description: 'optional-text' } },
		},
	});

	it('accepts the seed example with a real status, in either spelling', () => {
		expect(() => validateOrderStatus(seed())).not.toThrow();
		for (const status of ['partially_shipped', 'partially-shipped']) {
			const message = seed();
			message.action.parameters.order.status = status;
			expect(() => validateOrderStatus(message)).not.toThrow();
		}
	});

	it('refuses the seed example as printed, whose status is a list of choices', () => {
		const message = seed();
		message.action.parameters.order.status = 'processing | partially_shipped | shipped | completed | canceled';
		expect(() => validateOrderStatus(message)).toThrow('status must be one of');
	});

	it('refuses the wrong action name or type', () => {
		const message: any = seed();
		message.action.name = 'review_and_pay';
		message.type = 'order_details';
		expect(ruleError(() => validateOrderStatus(message)).message).toBe(
			'interactive.type must be "order_status", got "order_details"; action.name must be "review_order", got "review_and_pay"',
		);
	});
});

describe('refusal messages', () => {
	// n8n 2.41 files a failed execution whose error message contains "canceled" as canceled.
	it('never contain the lowercase word canceled, whatever the move', () => {
		const statuses: OrderStatus[] = ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'];
		const refusals: string[] = [];
		for (const from of statuses) {
			for (const to of statuses) {
				try {
					assertTransitionAllowed('ORD-1', from, to);
				} catch (error) {
					refusals.push((error as Error).message);
				}
			}
		}
		// Some moves are refused (from completed or canceled at least), so the check below is not empty.
		expect(refusals.length).toBeGreaterThanOrEqual(2 * statuses.length - 2);
		expect(refusals.filter((message) => message.includes('canceled'))).toEqual([]);
		expect(() => assertTransitionAllowed('ORD-1', 'Partially Shipped' as OrderStatus, 'shipped')).not.toThrow();
	});
});
