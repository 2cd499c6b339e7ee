// The status checks and the Craftgate clean-up called from a node's webhook(), as Wait for Payment
// calls them while an execution waits: n8n-core's real WebhookContext (no item, parameters that
// are not the payment's), against the emulator.
import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { PaymentTarget } from '../../../nodes/shared/payment/check';
import { checkerFor } from '../../../nodes/shared/payment/checkers';
import { deactivateCraftgateLink, deleteCraftgateLink } from '../../../nodes/shared/payment/cleanUp';
import { runWebhook } from '../harness';
import { CONFIGURATION, control, credentials, fresh, openCalypsoWidget, openCraftgateLink, openDialog360Order, useEmulator } from './setup';

/** A test node: its webhook() runs the clean-up and then the check the request body asks for. */
class CheckFromWebhook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Check From Webhook',
		name: 'checkFromWebhook',
		group: ['trigger'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Check From Webhook' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'dialog360Api' }, { name: 'craftgateApi' }, { name: 'calypsoApi' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'check' }],
		properties: [],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { target, cleanUp } = this.getBodyData() as { target: PaymentTarget; cleanUp?: 'deactivate' | 'delete' };
		const json: IDataObject = {};
		if (cleanUp && target.provider === 'craftgate') {
			const clean = cleanUp === 'deactivate' ? deactivateCraftgateLink : deleteCraftgateLink;
			json.cleanUp = { ...(await clean(this, target.linkId, 10_000)) };
			if (cleanUp === 'delete') return { workflowData: [[{ json }]] };
		}
		json.check = (await checkerFor(target.provider)(this, target, 10_000)) as unknown as IDataObject;
		return { workflowData: [[{ json }]] };
	}
}

const setup = useEmulator();

async function callWebhook(body: IDataObject): Promise<IDataObject> {
	const result = await runWebhook({
		workflow: { nodes: [{ name: 'Waiting', type: 'test.checkFromWebhook', webhookId: 'check-from-webhook' }], connections: {} },
		nodeName: 'Waiting',
		nodeTypes: { 'test.checkFromWebhook': new CheckFromWebhook() },
		credentials: credentials(setup.emu),
		request: { body },
		runDownstream: false,
	});
	const json = result.workflowData?.[0]?.[0]?.json;
	if (!json) throw new Error(`webhook() answered without data: ${JSON.stringify(result.response)}`);
	return json;
}

describe('status checks and clean-up from webhook()', () => {
	it('each provider\'s check works from a webhook context', async () => {
		const { emu } = setup;
		const reference = fresh('D360-HOOK');
		await openDialog360Order(emu, reference);
		await control(emu, 'dialog360', 'pay', { reference_id: reference, outcome: 'captured' });
		const linkId = await openCraftgateLink(emu, fresh('cg-hook'));
		await control(emu, 'craftgate', 'pay', { productId: linkId, outcome: 'success' });
		const widgetKey = await openCalypsoWidget(emu, fresh('order-hook'));
		const picked = await control(emu, 'calypso', 'pick', { widgetKey, currency: 'USDT_TRX', amount: '10' });
		await control(emu, 'calypso', 'pay', { invoiceId: (picked.invoice as { id: string }).id });

		const targets: PaymentTarget[] = [
			{ provider: '360dialog', paymentConfiguration: CONFIGURATION, referenceId: reference },
			{ provider: 'craftgate', linkId: String(linkId) },
			{ provider: 'calypso', kind: 'widget', id: widgetKey },
		];
		const checks = [];
		for (const target of targets) checks.push((await callWebhook({ target })).check as IDataObject);
		expect(checks.map((check) => [check.provider, check.outcome])).toEqual([
			['360dialog', 'paid'],
			['craftgate', 'paid'],
			['calypso', 'paid'],
		]);
	});

	it('deactivating a link makes it unpayable and the check then says failed (canceled); deleting removes it', async () => {
		const { emu } = setup;
		const linkId = await openCraftgateLink(emu, fresh('cg-timeout'));
		const target = { provider: 'craftgate', linkId: String(linkId) };

		const deactivated = await callWebhook({ target, cleanUp: 'deactivate' });
		expect(deactivated.cleanUp).toEqual({ linkId, linkStatus: 'PASSIVE', alreadyPassive: false });
		expect(deactivated.check).toMatchObject({ outcome: 'failed', status: 'canceled', providerStatus: 'PASSIVE' });
		await expect(control(emu, 'craftgate', 'pay', { productId: linkId })).rejects.toThrow(/answered 409/);

		expect((await callWebhook({ target, cleanUp: 'deactivate' })).cleanUp).toMatchObject({ alreadyPassive: true });
		expect((await callWebhook({ target, cleanUp: 'delete' })).cleanUp).toEqual({ linkId, deleted: true });
		const state = emu.state.craftgate as { products: IDataObject; deleted: IDataObject };
		expect(state.products[linkId]).toBeUndefined();
		expect(state.deleted[linkId]).toBeTruthy();
	});
});
