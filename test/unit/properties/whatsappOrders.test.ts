// Generated invalid WhatsApp orders (the shared order rules of nodes/shared/whatsapp, money in
// nodes/shared/money.ts) run through the Exotel, 360dialog and WhatsApp Order Status nodes against
// their fakes: a batch in which some input items are broken sends nothing when the node stops
// (no Continue On Fail), and never sends a broken item when it goes on; every error names the
// input item (0-based) and the field.
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { WhatsAppOrderStatus } from '../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { EXOTEL_CREDENTIALS, fakeExotel, referenceOf } from '../../fakes/exotel';
import { acceptAll, fakeDialog360, TEST_CREDENTIALS as DIALOG360_CREDENTIALS } from '../../fakes/dialog360';
import { createExecuteContext } from '../helpers/executeContext';
import {
	badChargeAmount,
	badPositiveAmount,
	errorItemFor,
	expectNamesItemAndField,
	runs,
	someIndexes,
} from './arbitraries';

/** A valid order item from a catalog: ₹14.00, on sale at ₹10.00. */
const catalogItem = (k: number): IDataObject => ({ retailerId: `SKU-${k}`, name: `Bread ${k}`, amount: '14.00', saleAmount: '10.00', quantity: 1 });

/** The order fields both WhatsApp payment nodes share, valid as they are; `ref` keeps items apart. */
function validOrder(ref: string, lines: number): IDataObject {
	return {
		orderInput: 'fields',
		referenceId: ref,
		goodsType: 'digital-goods',
		paymentConfiguration: 'cfg-1',
		bodyText: 'Tap Review and Pay',
		footerText: 'Thank you',
		header: 'none',
		itemsFromCatalog: true,
		catalogId: 'catalog-1',
		items: { item: Array.from({ length: lines }, (_, k) => catalogItem(k)) },
		taxAmount: '1.00',
		expiration: 'none',
		additionalFields: { shippingAmount: '0.50', discountAmount: '1.00', discountDescription: 'Welcome' },
	};
}

/** One way to break an order item, and the field the error must name. */
interface Breakage {
	what: string;
	field: string;
	apply(order: IDataObject): void;
}

const lineOf = (order: IDataObject, line: number) => ((order.items as IDataObject).item as IDataObject[])[line];
const extraOf = (order: IDataObject) => order.additionalFields as IDataObject;

const badPhone = fc.oneof(
	fc.constantFrom('', 'abc', '12345', '+', '1234567890123456', '+91 98x 12345', '9198765432#', 'call me'),
	fc.integer({ min: 1, max: 9_999_999 }).map(String),
);

const badReference = fc.oneof(
	fc.constantFrom('order #1', 'ORD/1', 'ORD 1', 'zakaz-№1', 'ORD:1', 'ödeme-1'),
	fc.integer({ min: 36, max: 80 }).map((length) => 'R'.repeat(length)),
);

/** The ways to break an order of `lines` lines; fields as the errors name them. */
function breakage(lines: number): fc.Arbitrary<Breakage> {
	const line = fc.integer({ min: 0, max: lines - 1 });
	return fc.oneof(
		fc.tuple(line, badPositiveAmount).map(([k, value]) => ({
			what: `items[${k}].amount = ${JSON.stringify(value)}`,
			field: `items[${k}].amount`,
			apply: (order: IDataObject) => {
				Object.assign(lineOf(order, k), { amount: value, saleAmount: '' });
			},
		})),
		fc.tuple(line, badPositiveAmount).map(([k, value]) => ({
			what: `items[${k}].sale_amount = ${JSON.stringify(value)}`,
			field: `items[${k}].sale_amount`,
			apply: (order: IDataObject) => {
				lineOf(order, k).saleAmount = value;
			},
		})),
		fc.tuple(line, fc.integer({ min: 1400, max: 99_999 })).map(([k, paise]) => ({
			what: `items[${k}].sale_amount ${paise} not below amount 1400`,
			field: `items[${k}].sale_amount`,
			apply: (order: IDataObject) => {
				lineOf(order, k).saleAmount = (paise / 100).toFixed(2);
			},
		})),
		fc.tuple(line, fc.constantFrom<unknown>(0, -1, -7, 1.5, 2.25, 'two', '1.5', 'x')).map(([k, quantity]) => ({
			what: `items[${k}].quantity = ${JSON.stringify(quantity)}`,
			field: `items[${k}].quantity`,
			apply: (order: IDataObject) => {
				lineOf(order, k).quantity = quantity as number;
			},
		})),
		fc.tuple(line, fc.integer({ min: 61, max: 120 })).map(([k, length]) => ({
			what: `items[${k}].name of ${length} characters`,
			field: `items[${k}].name`,
			apply: (order: IDataObject) => {
				lineOf(order, k).name = 'n'.repeat(length);
			},
		})),
		line.map((k) => ({
			what: `items[${k}].retailer_id empty`,
			field: `items[${k}].retailer_id`,
			apply: (order: IDataObject) => {
				lineOf(order, k).retailerId = '';
			},
		})),
		badChargeAmount.map((value) => ({
			what: `tax = ${JSON.stringify(value)}`,
			field: 'tax',
			apply: (order: IDataObject) => {
				order.taxAmount = value;
			},
		})),
		badChargeAmount.map((value) => ({
			what: `shipping = ${JSON.stringify(value)}`,
			field: 'shipping',
			apply: (order: IDataObject) => {
				extraOf(order).shippingAmount = value;
			},
		})),
		badChargeAmount.map((value) => ({
			what: `discount = ${JSON.stringify(value)}`,
			field: 'discount',
			apply: (order: IDataObject) => {
				extraOf(order).discountAmount = value;
			},
		})),
		// Sums given by hand that do not add up: off by at least one paisa.
		fc.integer({ min: 1, max: 50_000 }).map((off) => ({
			what: `subtotal off by ${off} paise`,
			field: 'subtotal',
			apply: (order: IDataObject) => {
				extraOf(order).subtotal = ((lines * 1000 + off) / 100).toFixed(2);
			},
		})),
		fc.integer({ min: 1, max: 50_000 }).map((off) => ({
			what: `total off by ${off} paise`,
			field: 'total_amount',
			apply: (order: IDataObject) => {
				extraOf(order).total = ((lines * 1000 + 50 + off) / 100).toFixed(2);
			},
		})),
		badReference.map((value) => ({
			what: `reference_id = ${JSON.stringify(value)}`,
			field: 'reference_id',
			apply: (order: IDataObject) => {
				order.referenceId = value;
			},
		})),
		fc.integer({ min: 1025, max: 1400 }).map((length) => ({
			what: `body text of ${length} characters`,
			field: 'body.text',
			apply: (order: IDataObject) => {
				order.bodyText = 'b'.repeat(length);
			},
		})),
		fc.integer({ min: 61, max: 120 }).map((length) => ({
			what: `footer text of ${length} characters`,
			field: 'footer.text',
			apply: (order: IDataObject) => {
				order.footerText = 'f'.repeat(length);
			},
		})),
		fc.integer({ min: 1, max: 4 }).map((minutes) => ({
			what: `expires in ${minutes} minute(s)`,
			field: 'expiration.timestamp',
			apply: (order: IDataObject) => {
				Object.assign(order, { expiration: 'inMinutes', expiresInMinutes: minutes, expirationDescription: 'soon' });
			},
		})),
		badPhone.map((value) => ({
			what: `to = ${JSON.stringify(value)}`,
			field: 'to',
			apply: (order: IDataObject) => {
				order.to = value;
			},
		})),
	);
}

/** A batch of `count` orders of which those at `broken` are each broken one way. */
const batch = fc
	.record({ count: fc.integer({ min: 1, max: 6 }), lines: fc.integer({ min: 1, max: 3 }) })
	.chain(({ count, lines }) =>
		someIndexes(count).chain((broken) =>
			fc.array(breakage(lines), { minLength: broken.length, maxLength: broken.length }).map((ways) => ({
				count,
				lines,
				broken: new Map(broken.map((index, i) => [index, ways[i]])),
			})),
		),
	);

type Batch = { count: number; lines: number; broken: Map<number, Breakage> };

/** Per-item parameters of a batch; every item its own reference ID. */
function itemParameters({ count, lines, broken }: Batch): IDataObject[] {
	return Array.from({ length: count }, (_, index) => {
		const order = validOrder(`PB-${index}`, lines);
		broken.get(index)?.apply(order);
		return order;
	});
}

const describeBatch = (b: Batch) => [...b.broken].map(([i, way]) => `item ${i}: ${way.what}`).join('; ');

async function outcome(execution: Promise<INodeExecutionData[][]>): Promise<{ output?: INodeExecutionData[]; error?: any }> {
	try {
		const [output] = await execution;
		return { output };
	} catch (error) {
		return { error };
	}
}

/** What a WhatsApp payment node needs to run a batch against its fake. */
interface Sender {
	name: string;
	base: IDataObject;
	/** Starts the node; `sent()` lists the reference IDs that reached the fake. */
	start(items: IDataObject[], continueOnFail: boolean): { execution: Promise<INodeExecutionData[][]>; sent: () => string[] };
}

const exotel: Sender = {
	name: 'Exotel',
	base: {
		resource: 'paymentRequest',
		operation: 'send',
		from: '+918012345678',
		to: '+919876543210',
		paymentType: 'payment_gateway:razorpay',
		options: {},
	},
	start(items, continueOnFail) {
		const fake = fakeExotel();
		const { ctx, http } = createExecuteContext({
			parameters: this.base,
			itemParameters: items,
			continueOnFail,
			credentials: { exotelApi: EXOTEL_CREDENTIALS },
		});
		http.mockImplementation(fake.http);
		return {
			execution: new Exotel().execute.call(ctx) as Promise<INodeExecutionData[][]>,
			sent: () => fake.seen.flatMap((request) => request.messages.map(referenceOf)),
		};
	},
};

const dialog360: Sender = {
	name: '360dialog',
	base: { resource: 'paymentRequest', operation: 'send', to: '+91 98765 43210', paymentGateway: 'razorpay', options: {} },
	start(items, continueOnFail) {
		const { http, calls } = fakeDialog360(acceptAll);
		const { ctx } = createExecuteContext({
			parameters: this.base,
			itemParameters: items,
			continueOnFail,
			credentials: { dialog360Api: DIALOG360_CREDENTIALS },
			http,
		});
		return {
			execution: new Dialog360().execute.call(ctx) as Promise<INodeExecutionData[][]>,
			sent: () =>
				calls
					.filter((call) => call.method === 'POST')
					.map((call) => String(((call.body?.interactive as IDataObject)?.action as any)?.parameters?.reference_id)),
		};
	},
};

describe.each([exotel, dialog360])('$name Payment Request → Send with generated invalid orders', (sender) => {
	it('stops before sending anything, naming the first broken input item and its field', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, sent } = sender.start(itemParameters(generated), false);
				const { output, error } = await outcome(execution);
				const [first, way] = [...generated.broken][0];
				expect({ sent: sent(), output, case: describeBatch(generated) }).toEqual({ sent: [], output: undefined, case: describeBatch(generated) });
				expectNamesItemAndField(error, first, way.field);
			}),
			runs(250),
		);
	});

	it('with Continue On Fail sends only the valid items and pairs an error item, naming it and its field, with each broken one', async () => {
		await fc.assert(
			fc.asyncProperty(batch, async (generated) => {
				const { execution, sent } = sender.start(itemParameters(generated), true);
				const { output, error } = await outcome(execution);
				expect(error).toBeUndefined();
				const valid = Array.from({ length: generated.count }, (_, i) => i).filter((i) => !generated.broken.has(i));
				expect(sent()).toEqual(valid.map((i) => `PB-${i}`));
				expect(output).toHaveLength(generated.count);
				for (const [index, way] of generated.broken) {
					expectNamesItemAndField(errorItemFor(output!, index), index, way.field);
				}
			}),
			runs(150),
		);
	});
});

describe('WhatsApp Order Status → Update Status with generated invalid input', () => {
	const base: IDataObject = {
		provider: 'exotel',
		resource: 'order',
		operation: 'updateStatus',
		from: '+918012345678',
		to: '+919876543210',
		status: 'processing',
		bodyText: 'We are packing your order',
		options: {},
	};

	const statusBreakage: fc.Arbitrary<Breakage> = fc.oneof(
		badReference.map((value) => ({
			what: `reference_id = ${JSON.stringify(value)}`,
			field: 'reference_id',
			apply: (item: IDataObject) => {
				item.referenceId = value;
			},
		})),
		fc.integer({ min: 1025, max: 1400 }).map((length) => ({
			what: `body text of ${length}`,
			field: 'body.text',
			apply: (item: IDataObject) => {
				item.bodyText = 'b'.repeat(length);
			},
		})),
		fc.integer({ min: 121, max: 200 }).map((length) => ({
			what: `description of ${length}`,
			field: 'description',
			apply: (item: IDataObject) => {
				item.options = { statusDescription: 'd'.repeat(length) };
			},
		})),
		fc.constantFrom('completed', 'canceled').map((current) => ({
			what: `current status ${current} is final`,
			field: 'options.currentStatus',
			apply: (item: IDataObject) => {
				item.options = { currentStatus: current };
			},
		})),
		badPhone.map((value) => ({
			what: `to = ${JSON.stringify(value)}`,
			field: 'to',
			apply: (item: IDataObject) => {
				item.to = value;
			},
		})),
	);

	const statusBatch = fc
		.integer({ min: 1, max: 6 })
		.chain((count) =>
			someIndexes(count).chain((broken) =>
				fc.array(statusBreakage, { minLength: broken.length, maxLength: broken.length }).map((ways) => ({
					count,
					lines: 0,
					broken: new Map(broken.map((index, i) => [index, ways[i]])),
				})),
			),
		);

	function start(generated: Batch, continueOnFail: boolean) {
		const fake = fakeExotel();
		const items = Array.from({ length: generated.count }, (_, index) => {
			const item: IDataObject = { referenceId: `PB-${index}` };
			generated.broken.get(index)?.apply(item);
			return item;
		});
		const { ctx, http } = createExecuteContext({ parameters: base, itemParameters: items, continueOnFail, credentials: { exotelApi: EXOTEL_CREDENTIALS } });
		http.mockImplementation(fake.http);
		const sent = () => fake.seen.flatMap((request) => request.messages.map(referenceOf));
		return { execution: new WhatsAppOrderStatus().execute.call(ctx) as Promise<INodeExecutionData[][]>, sent };
	}

	it('stops before sending anything, naming the first broken input item and its field', async () => {
		await fc.assert(
			fc.asyncProperty(statusBatch, async (generated) => {
				const { execution, sent } = start(generated, false);
				const { output, error } = await outcome(execution);
				const [first, way] = [...generated.broken][0];
				expect({ sent: sent(), output, case: describeBatch(generated) }).toEqual({ sent: [], output: undefined, case: describeBatch(generated) });
				expectNamesItemAndField(error, first, way.field);
			}),
			runs(150),
		);
	});

	it('with Continue On Fail sends only the valid items', async () => {
		await fc.assert(
			fc.asyncProperty(statusBatch, async (generated) => {
				const { execution, sent } = start(generated, true);
				const { output } = await outcome(execution);
				const valid = Array.from({ length: generated.count }, (_, i) => i).filter((i) => !generated.broken.has(i));
				expect(sent()).toEqual(valid.map((i) => `PB-${i}`));
				for (const [index, way] of generated.broken) {
					expectNamesItemAndField(errorItemFor(output!, index), index, way.field);
				}
			}),
			runs(100),
		);
	});
});
