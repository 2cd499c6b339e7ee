import { NodeOperationError } from 'n8n-workflow';
import { FakeCraftgate, PRODUCT } from '../../../../../fakes/craftgate';
import { runCraftgate } from '../../contexts';

describe('Get', () => {
	it('GETs the link by id and adds the page language to a URL that already has a query', async () => {
		const fake = new FakeCraftgate({ products: [{ ...PRODUCT, url: 'https://sandbox-pbl.craftgate.io/l/tok-12?ref=wa' }] });
		const { output } = await runCraftgate({ resource: 'link', operation: 'get', linkId: '12', options: { pageLanguage: 'en' } }, { fake });
		expect(fake.calls.map((call) => [call.method, call.path, call.rawBody])).toEqual([['GET', '/craftlink/v1/products/12', undefined]]);
		expect(output[0].json.paymentUrl).toBe('https://sandbox-pbl.craftgate.io/l/tok-12?ref=wa&lang=en');
	});

	it('allows Retry On Fail: reading twice changes nothing', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const { output } = await runCraftgate({ resource: 'link', operation: 'get', linkId: 12 }, { fake, node: { retryOnFail: true } });
		expect(output[0].json).toMatchObject({ linkId: 12 });
	});

	it('refuses a link id that is not a number', async () => {
		const { error, fake } = await runCraftgate({ resource: 'link', operation: 'get', linkId: '../payments' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Link ID must be the numeric id Craftgate returned (e.g. 12345), got "../payments"');
		expect(fake.calls).toHaveLength(0);
	});
});
