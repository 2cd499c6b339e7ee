import type { IDataObject } from 'n8n-workflow';
import { FakeCraftgate, ok, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ ...PRODUCT, id: from + i }));
const getMany = (fields: IDataObject): IDataObject => ({ resource: 'link', operation: 'getAll', filters: {}, ...fields });

describe('Get Many', () => {
	it('maps the filters to Craftgate\'s query parameters', async () => {
		const fake = new FakeCraftgate({ respond: () => ok({ page: 0, size: 10, totalSize: 1, items: items(1, 1) }) });
		await runCraftgate(
			getMany({
				returnAll: false,
				limit: 10,
				filters: {
					name: 'My Shop & Co',
					orderId: 'ord-1',
					currency: 'TRY',
					minPrice: '10',
					maxPrice: '200.50',
					minExpiresAt: '2025-07-01T00:00:00Z',
					channel: 'WHATSAPP',
				},
			}),
			{ fake },
		);
		expect(fake.calls[0].url.search).toBe(
			'?name=My%20Shop%20%26%20Co&orderId=ord-1&channel=WHATSAPP&currency=TRY&minPrice=10&maxPrice=200.5&minExpiresAt=2025-07-01T03%3A00%3A00&page=0&size=10',
		);
	});

	it('finds the links of an order in the fake account', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT, { ...PRODUCT, id: 13, orderId: 'ord-2' }, { ...PRODUCT, id: 14 }] });
		const { output } = await runCraftgate(getMany({ returnAll: true, filters: { orderId: 'ord-1' } }), { fake });
		expect(output.map((item) => item.json.linkId)).toEqual([12, 14]);
	});

	it('Return All pages until totalSize is reached', async () => {
		const fake = new FakeCraftgate({
			respond: (call) => {
				const page = Number(call.query.page);
				return ok({ page, size: 100, totalSize: 150, items: page === 0 ? items(1, 100) : items(101, 50) });
			},
		});
		const { output } = await runCraftgate(getMany({ returnAll: true }), { fake });
		expect(fake.calls.map((c) => c.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
		expect(output).toHaveLength(150);
		expect(output[149].json.linkId).toBe(150);
		expect(output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a Limit stops early and asks only for what it needs', async () => {
		const fake = new FakeCraftgate({ respond: () => ok({ page: 0, size: 5, totalSize: 300, items: items(1, 5) }) });
		const { output } = await runCraftgate(getMany({ returnAll: false, limit: 5 }), { fake });
		expect(fake.calls).toHaveLength(1);
		expect(fake.calls[0].query.size).toBe('5');
		expect(output).toHaveLength(5);
	});

	it('stops on an empty page even without totalSize', async () => {
		const fake = new FakeCraftgate({ respond: (call) => ok({ items: call.query.page === '0' ? items(1, 100) : [] }) });
		const { output } = await runCraftgate(getMany({ returnAll: true }), { fake });
		expect(fake.calls).toHaveLength(2);
		expect(output).toHaveLength(100);
	});

	it('refuses a min price above the max price, and a limit below 1', async () => {
		const prices = await runCraftgate(getMany({ returnAll: true, filters: { minPrice: '20', maxPrice: '10' } }));
		expect(prices.error?.message).toBe('Min Price is above Max Price');
		const limit = await runCraftgate(getMany({ returnAll: false, limit: 0 }));
		expect(limit.error?.message).toBe('Limit must be a whole number of at least 1, got 0');
		expect([...prices.fake.calls, ...limit.fake.calls]).toEqual([]);
	});
});
