import { FakeCraftgate, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

describe('Delete', () => {
	it('DELETEs the link and answers {deleted: true}', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const { output } = await runCraftgate({ resource: 'link', operation: 'delete', linkId: '12' }, { fake });
		expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /craftlink/v1/products/12']);
		expect(output[0].json).toEqual({ deleted: true, linkId: 12 });
		expect(fake.products).toEqual({});
	});
});
