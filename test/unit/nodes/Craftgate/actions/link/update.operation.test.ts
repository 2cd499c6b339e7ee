import { FakeCraftgate, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

describe('Update', () => {
	it('reads the link, applies only the changes and PUTs the whole product (price re-checked for the currency)', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const { output } = await runCraftgate(
			{ resource: 'link', operation: 'update', linkId: '12', updateFields: { name: 'New title', price: '99.5', stock: 3 }, options: {} },
			{ fake },
		);
		expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /craftlink/v1/products/12', 'PUT /craftlink/v1/products/12']);
		expect(fake.calls[1].body).toEqual({
			name: 'New title',
			description: 'Order #ord-1',
			channel: 'WHATSAPP',
			orderId: 'ord-1',
			conversationId: 'conv-1',
			price: 99.5,
			currency: 'TRY',
			stock: 1,
			enabledInstallments: [1],
			expiresAt: '2030-01-01T10:00:00',
			multiPayment: false,
			status: 'ACTIVE',
		});
		expect(output[0].json).toMatchObject({ linkId: 12, name: 'New title', price: 99.5 });
	});

	it('clearing the order id lets the stock change', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		await runCraftgate({ resource: 'link', operation: 'update', linkId: '12', updateFields: { orderId: '', stock: 3 } }, { fake });
		expect(fake.calls[1].body).not.toHaveProperty('orderId');
		expect(fake.calls[1].body?.stock).toBe(3);
	});

	it('a new currency re-checks the current price, before anything is changed', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const { error } = await runCraftgate({ resource: 'link', operation: 'update', linkId: '12', updateFields: { currency: 'JPY' } }, { fake });
		expect(error?.message).toBe('price 149.9 has more decimals than JPY allows (no decimals); it is not rounded, enter it with no decimals');
		expect(fake.calls.map((c) => c.method)).toEqual(['GET']);
	});

	it('refuses an update without changes, and an empty title', async () => {
		const none = await runCraftgate({ resource: 'link', operation: 'update', linkId: '12', updateFields: {} });
		expect(none.error?.message).toBe('Add at least one field under Update Fields');
		expect(none.fake.calls).toHaveLength(0);
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const blank = await runCraftgate({ resource: 'link', operation: 'update', linkId: '12', updateFields: { name: ' ' } }, { fake });
		expect(blank.error?.message).toBe('Title is required');
	});
});
