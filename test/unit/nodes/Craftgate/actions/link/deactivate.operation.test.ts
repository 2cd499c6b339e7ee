import { FakeCraftgate, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

describe('Deactivate', () => {
	it('PUTs status PASSIVE and keeps everything else', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const { output } = await runCraftgate({ resource: 'link', operation: 'deactivate', linkId: '12' }, { fake });
		expect(fake.calls[1].method).toBe('PUT');
		expect(fake.calls[1].body).toMatchObject({ status: 'PASSIVE', name: PRODUCT.name, price: 149.9, orderId: 'ord-1' });
		expect(output[0].json).toMatchObject({ status: 'PASSIVE', alreadyPassive: false, linkId: 12 });
		expect(fake.products[12].status).toBe('PASSIVE');
	});

	it('sends no PUT for a link that is already passive', async () => {
		const fake = new FakeCraftgate({ products: [{ ...PRODUCT, status: 'PASSIVE' }] });
		const { output } = await runCraftgate({ resource: 'link', operation: 'deactivate', linkId: '12' }, { fake });
		expect(fake.calls).toHaveLength(1);
		expect(output[0].json.alreadyPassive).toBe(true);
	});
});
