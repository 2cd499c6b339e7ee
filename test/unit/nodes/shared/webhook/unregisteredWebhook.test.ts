import type { IDataObject, IHookFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { unregisteredWebhookMethods } from '../../../../../nodes/shared/webhook/unregisteredWebhook';

const PRODUCTION_URL = 'https://n8n.example.test/webhook/3f2a/webhook';

/** The part of IHookFunctions the methods use; `staticData` is the node's, kept between calls. */
function hookContext(options: { staticData?: IDataObject; webhookUrl?: string; webhookId?: string | null } = {}) {
	const staticData = options.staticData ?? {};
	const node: INode = {
		id: 'n1',
		name: 'Payment Trigger',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...(options.webhookId === null ? {} : { webhookId: options.webhookId ?? '3f2a' }),
	};
	const info = jest.fn();
	const ctx = {
		getNode: () => node,
		getWorkflowStaticData: (type: string) => (type === 'node' ? staticData : {}),
		getNodeWebhookUrl: (name: string) => (name === 'default' ? (options.webhookUrl ?? PRODUCTION_URL) : undefined),
		logger: { info, debug: jest.fn(), warn: jest.fn(), error: jest.fn() },
	} as unknown as IHookFunctions;
	return { ctx, staticData, info };
}

describe('unregisteredWebhookMethods', () => {
	const methods = unregisteredWebhookMethods({ provider: 'Craftgate', urlIsSecret: false }).default;
	const secretUrl = unregisteredWebhookMethods({ provider: 'Exotel', urlIsSecret: true }).default;

	it('has nothing on first publication, then remembers the URL it was published with', async () => {
		const { ctx, staticData, info } = hookContext();
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(staticData).toEqual({ webhookUrl: PRODUCTION_URL });
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(info).not.toHaveBeenCalled();
	});

	it('notices a changed URL and says the provider must be given the new one', async () => {
		const { ctx, staticData, info } = hookContext({ staticData: { webhookUrl: 'https://old.example/webhook/1/webhook' } });
		expect(await methods.checkExists.call(ctx)).toBe(false);
		await methods.create.call(ctx);
		expect(staticData.webhookUrl).toBe(PRODUCTION_URL);
		expect(info).toHaveBeenCalledWith('The webhook URL of "Payment Trigger" changed: give Craftgate the new Production URL');
	});

	it('forgets the URL on unpublishing, so the next publication starts over', async () => {
		const { ctx, staticData, info } = hookContext({ staticData: { webhookUrl: PRODUCTION_URL, other: 1 } });
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(staticData).toEqual({ other: 1 });
		expect(await methods.checkExists.call(ctx)).toBe(false);
		await methods.create.call(ctx);
		expect(info).not.toHaveBeenCalled();
	});

	it('refuses a node without a webhook ID when the URL is the secret', async () => {
		const { ctx, staticData } = hookContext({ webhookId: null });
		const failure = secretUrl.create.call(ctx);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow('This trigger has no webhook ID, so its URL would be guessable');
		expect(staticData).toEqual({});
	});

	it('accepts a node without a webhook ID when the URL is not the secret', async () => {
		const { ctx } = hookContext({ webhookId: null });
		expect(await methods.create.call(ctx)).toBe(true);
	});
});
