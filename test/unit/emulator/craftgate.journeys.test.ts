// The Craftgate emulator's controls for payment journeys: pay a link named by its order id, and a
// payment that lands while the link is being deactivated (a time-out clean-up).
import 'reflect-metadata';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { signCraftgateRequest } from '../../../nodes/Craftgate/transport/signing';
import { createEmulator, postJson, startReceiver } from './helpers';

const ACCOUNT = { apiKey: 'emulator-craftgate-api', secretKey: 'emulator-craftgate-secret' };

let emu: any;
beforeAll(async () => {
	emu = await createEmulator({ providers: ['craftgate'], config: { craftgate: { retryDelaysMs: [] } } });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.deepMerge(emu.config.craftgate, { merchantWebhookUrl: null });
});

async function call(method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<{ statusCode: number; body: any }> {
	const request = signCraftgateRequest(ACCOUNT, { method, baseURL: emu.url, url: path, body });
	return (await Container.get(OutboundHttp)
		.requests()
		.request({ ...request, returnFullResponse: true, ignoreHttpStatusErrors: true })) as { statusCode: number; body: any };
}

const control = (path: string, body: unknown = {}) => postJson(`${emu.url}/_control/craftgate/${path}`, body);

const link = (orderId: string): IDataObject => ({ name: 'MyCompany WhatsApp Order', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId, stock: 1 });

async function createLink(orderId: string) {
	const answer = await call('POST', '/craftlink/v1/products', link(orderId));
	expect(answer.statusCode).toBe(200);
	return answer.body.data;
}

/** What the package's Deactivate does: the link's fields again, with status PASSIVE. */
const deactivate = async (id: number, orderId: string) => await call('PUT', `/craftlink/v1/products/${id}`, { ...link(orderId), status: 'PASSIVE' });

describe('paying a link named by its order id', () => {
	it('pays the newest link carrying the order id', async () => {
		await createLink('TR-1');
		const newest = await createLink('TR-1');
		const paid = await control('pay', { orderId: 'TR-1' });
		expect(paid.status).toBe(200);
		expect(paid.json.product).toMatchObject({ id: newest.id, soldCount: 1 });
		expect(paid.json.payment).toMatchObject({ orderId: 'TR-1', paymentStatus: 'SUCCESS' });
	});

	it('answers 404 for an order id no link carries, 410 once its link is deleted', async () => {
		expect((await control('pay', { orderId: 'nobody' })).status).toBe(404);
		const { id } = await createLink('TR-2');
		expect((await call('DELETE', `/craftlink/v1/products/${id}`)).statusCode).toBe(200);
		expect((await control('pay', { orderId: 'TR-2' })).status).toBe(410);
	});
});

describe('a payment during the deactivation of a link', () => {
	it('is stored before the link turns PASSIVE, once, with its webhook', async () => {
		const receiver = await startReceiver();
		try {
			emu.deepMerge(emu.config.craftgate, { merchantWebhookUrl: receiver.url });
			const { id } = await createLink('TR-3');
			expect((await control('pay-on-deactivate', { orderId: 'TR-3' })).status).toBe(200);

			const answer = await deactivate(id, 'TR-3');
			expect(answer.body.data).toMatchObject({ id, status: 'PASSIVE', soldCount: 1 });
			expect(emu.state.craftgate.payments).toEqual([expect.objectContaining({ orderId: 'TR-3', paymentStatus: 'SUCCESS', paymentSource: 'PAY_BY_LINK' })]);
			const [webhook] = await receiver.waitFor(1);
			expect(JSON.parse(webhook.body)).toMatchObject({ status: 'SUCCESS', payloadId: String(emu.state.craftgate.payments[0].id) });
			expect(emu.state.craftgate.payOnDeactivate).toEqual([]);

			// Used up: reactivating and deactivating again pays nothing more.
			await call('PUT', `/craftlink/v1/products/${id}`, { ...link('TR-3'), status: 'ACTIVE', stock: 2 });
			await deactivate(id, 'TR-3');
			expect(emu.state.craftgate.payments).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});

	it('waits for the deactivation: other updates and other links leave the rule alone', async () => {
		const first = await createLink('TR-4');
		const other = await createLink('TR-5');
		await control('pay-on-deactivate', { productId: first.id, outcome: 'failure' });
		await call('PUT', `/craftlink/v1/products/${first.id}`, { ...link('TR-4'), name: 'Renamed' });
		await deactivate(other.id, 'TR-5');
		expect(emu.state.craftgate.payments).toEqual([]);
		await deactivate(first.id, 'TR-4');
		expect(emu.state.craftgate.payments).toEqual([expect.objectContaining({ orderId: 'TR-4', paymentStatus: 'FAILURE' })]);
		expect(emu.state.craftgate.products[first.id]).toMatchObject({ status: 'PASSIVE', soldCount: 0 });
	});

	it('refuses a rule that names no link or has an unknown outcome', async () => {
		expect((await control('pay-on-deactivate', {})).status).toBe(400);
		expect((await control('pay-on-deactivate', { orderId: 'TR-6', outcome: 'maybe' })).status).toBe(400);
	});
});
