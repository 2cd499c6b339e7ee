// Time-out clean-up of a Craftgate link, from a context without node parameters: deactivate
// (PUT PASSIVE keeping every field) and delete, each as the Craftgate node's operations do it.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { deactivateCraftgateLink, deleteCraftgateLink } from '../../../../../nodes/shared/payment/cleanUp';
import { craftgateError, FAKE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, PRODUCT } from '../../../../fakes/craftgate';
import { requestContext } from './contexts';

const contextFor = (fake: FakeCraftgate) => requestContext({ craftgateApi: FAKE_CREDENTIALS }, fake.httpHelper(FAKE_CREDENTIALS));

describe('deactivateCraftgateLink', () => {
	it('reads the link and puts it back PASSIVE with all its fields, with the timeout given', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		await expect(deactivateCraftgateLink(contextFor(fake), '12', 4_000)).resolves.toEqual({ linkId: 12, linkStatus: 'PASSIVE', alreadyPassive: false });
		expect(fake.calls.map((call) => [call.method, call.path, call.options?.timeout])).toEqual([
			['GET', '/craftlink/v1/products/12', 4_000],
			['PUT', '/craftlink/v1/products/12', 4_000],
		]);
		expect(fake.calls[1].body).toMatchObject({ name: PRODUCT.name, price: PRODUCT.price, currency: 'TRY', orderId: 'ord-1', expiresAt: PRODUCT.expiresAt, status: 'PASSIVE' });
		expect(fake.products[12].status).toBe('PASSIVE');
	});

	it('leaves a link that is PASSIVE already alone', async () => {
		const fake = new FakeCraftgate({ products: [{ ...PRODUCT, status: 'PASSIVE' }] });
		await expect(deactivateCraftgateLink(contextFor(fake), '12', 4_000)).resolves.toMatchObject({ alreadyPassive: true });
		expect(fake.calls.map((call) => call.method)).toEqual(['GET']);
	});

	it('a Craftgate refusal is a NodeApiError with its code, without the keys, and the PUT is sent once', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		const stateful = fake.respond;
		fake.respond = (call) => (call.method === 'PUT' ? craftgateError(500, '0', `busy (${FAKE_KEYS.secretKey})`) : stateful(call));
		const error = (await deactivateCraftgateLink(contextFor(fake), '12', 4_000).catch((e: Error) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.providerCode).toBe('0');
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(FAKE_KEYS.secretKey);
		expect(fake.calls.filter((call) => call.method === 'PUT')).toHaveLength(1);
	});
});

describe('deleteCraftgateLink', () => {
	it('deletes the link once, with the timeout given', async () => {
		const fake = new FakeCraftgate({ products: [PRODUCT] });
		await expect(deleteCraftgateLink(contextFor(fake), '12', 5_000)).resolves.toEqual({ linkId: 12, deleted: true });
		expect(fake.calls.map((call) => [call.method, call.path, call.options?.timeout])).toEqual([['DELETE', '/craftlink/v1/products/12', 5_000]]);
		expect(fake.products[12]).toBeUndefined();
	});

	it('reports an unknown link as Craftgate\'s 5015', async () => {
		const fake = new FakeCraftgate();
		const error = (await deleteCraftgateLink(contextFor(fake), '99', 5_000).catch((e: Error) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.providerCode).toBe('5015');
		expect(fake.calls).toHaveLength(1);
	});
});

it.each([
	['deactivate', deactivateCraftgateLink],
	['delete', deleteCraftgateLink],
])('%s refuses a link id that is not digits before anything is sent', async (_name, cleanUp) => {
	const fake = new FakeCraftgate({ products: [PRODUCT] });
	const error = await cleanUp(contextFor(fake), '12?x=1', 5_000).catch((e: Error) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).description).toBe('Check field "linkId".');
	expect(fake.calls).toHaveLength(0);
});
