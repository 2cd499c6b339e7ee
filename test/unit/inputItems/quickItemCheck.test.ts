// The quick order line check that spares zod 1,000 lines (issue #13, the node's own work) must
// never accept a line orderItemSchema refuses, and should accept the lines it accepts.
import fc from 'fast-check';
import { isWellFormedOrderItem, orderItemSchema } from '../../../nodes/shared/whatsapp/schemas';

const SEED = 20261207;

const text = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('', '   ', 'é'.repeat(60), '😀'.repeat(60), '😀'.repeat(61), 'x'.repeat(61)));
const number = fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.double(), fc.constantFrom(0, 1, 100, 1.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity));
const anything = fc.oneof(text, number, fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant([]), fc.constant({}));
const amount = fc.oneof(
	fc.record({ value: number, offset: fc.oneof(fc.constant(100), number) }),
	fc.record({ value: number }, { requiredKeys: [] }),
	anything,
);
const address = fc.oneof(
	fc.record(
		{
			address_line1: fc.oneof(text, fc.constant('x'.repeat(101))),
			address_line2: fc.oneof(text, fc.constant(undefined)),
			city: text,
			zone_code: text,
			postal_code: fc.oneof(fc.constantFrom('560001', '56000', '5600011', 'abcdef'), fc.constant(560001), text),
			country_code: fc.oneof(fc.constantFrom('IN', 'in', 'IND'), text),
		},
		{ requiredKeys: [] },
	),
	anything,
);
const line = fc.oneof(
	fc.record(
		{
			retailer_id: fc.oneof(text, anything),
			name: fc.oneof(text, anything),
			amount,
			sale_amount: fc.oneof(amount, fc.constant(undefined)),
			quantity: fc.oneof(number, anything),
			country_of_origin: fc.oneof(text, fc.constant(undefined), anything),
			importer_name: fc.oneof(text, fc.constant(undefined)),
			importer_address: fc.oneof(address, fc.constant(undefined)),
			extra: anything,
		},
		{ requiredKeys: [] },
	),
	anything,
);
const goodLine = fc.record({
	retailer_id: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
	name: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
	amount: fc.record({ value: fc.integer({ min: 1, max: 1e9 }), offset: fc.constant(100) }),
	quantity: fc.integer({ min: 1, max: 1000 }),
});

describe('the quick order line check', () => {
	it('accepts no line that zod refuses, and the same lines as zod', () => {
		fc.assert(
			fc.property(line, (candidate) => {
				const quick = isWellFormedOrderItem(candidate);
				const zod = orderItemSchema.safeParse(candidate).success;
				if (quick) expect(zod).toBe(true);
				expect(quick).toBe(zod);
			}),
			{ seed: SEED, numRuns: 3000 },
		);
	});

	it('accepts well-formed lines', () => {
		fc.assert(fc.property(goodLine, (candidate) => isWellFormedOrderItem(candidate)), { seed: SEED, numRuns: 500 });
	});
});
