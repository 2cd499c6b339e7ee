import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { dialog360Number, graphError, TEST_CREDENTIALS } from '../../../../fakes/dialog360';
import type { Call, Responder } from '../../../../fakes/dialog360';
import { N8N_URL, PARAMETERS, trigger, triggerContext } from '../triggerContext';

const methods = trigger.webhookMethods.default;
const OLD = { url: 'https://crm.example.test/hooks/whatsapp?token=old-crm-token', headers: { Authorization: 'old-crm-secret' } };

/** The number's webhook (GET shows it, POST changes it), with a test's own answers where given. */
function numberWebhook(initial: IDataObject | null, overrides: { get?: Responder; post?: Responder } = {}) {
	const number = dialog360Number({ webhook: initial });
	const respond: Responder = (call, index) => {
		if (call.path !== '/v1/configs/webhook') return graphError(404, 100, 'unexpected path');
		const override = call.method === 'GET' ? overrides.get : overrides.post;
		return override ? override(call, index) : number.respond(call, index);
	};
	return { state: number.state, respond };
}

const writes = (calls: Call[]) => calls.filter((call) => call.method !== 'GET');

describe('360dialog Trigger: webhook lifecycle', () => {
	describe('create', () => {
		it('reads the webhook there before, stores it, and points the number at n8n with a secret header of its own', async () => {
			const webhook = numberWebhook(OLD);
			const { hooks, calls, staticData } = triggerContext({ respond: webhook.respond, staticData: {} });
			expect(await methods.create.call(hooks)).toBe(true);
			expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
				'GET https://waba-v2.360dialog.io/v1/configs/webhook',
				'POST https://waba-v2.360dialog.io/v1/configs/webhook',
			]);
			const secret = staticData.secretToken as string;
			expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(calls[1].body).toEqual({ url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': secret } });
			expect(staticData).toEqual({ webhookUrl: N8N_URL, secretToken: secret, previousWebhook: OLD });
		});

		it('makes a new secret on every activation', async () => {
			const webhook = numberWebhook(OLD);
			const first = triggerContext({ respond: webhook.respond, staticData: {} });
			await methods.create.call(first.hooks);
			const second = triggerContext({ respond: webhook.respond, staticData: {} });
			await methods.create.call(second.hooks);
			expect(second.staticData.secretToken).not.toBe(first.staticData.secretToken);
		});

		it('records "nothing before" when no URL was set', async () => {
			const { hooks, staticData } = triggerContext({ respond: numberWebhook(null).respond, staticData: {} });
			await methods.create.call(hooks);
			expect(staticData.previousWebhook).toEqual({ url: null, headers: null });
		});

		it('treats a 404 on reading the webhook as "nothing before"', async () => {
			const webhook = numberWebhook(null, { get: () => ({ status: 404, body: { error: 'webhook not found' } }) });
			const { hooks, staticData } = triggerContext({ respond: webhook.respond, staticData: {} });
			await methods.create.call(hooks);
			expect(staticData.previousWebhook).toEqual({ url: null, headers: null });
		});

		it('keeps what was there before when the webhook is already its own (re-activation)', async () => {
			const webhook = numberWebhook({ url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': 'old-secret' } });
			const staticData: IDataObject = { webhookUrl: N8N_URL, secretToken: 'old-secret', previousWebhook: OLD };
			const { hooks } = triggerContext({ respond: webhook.respond, staticData });
			await methods.create.call(hooks);
			expect(staticData.previousWebhook).toEqual(OLD);
			expect(staticData.secretToken).not.toBe('old-secret');
		});

		it('keeps what was there before when the webhook still has its own old URL (n8n URL changed)', async () => {
			const oldOwn = 'https://old-n8n.example.test/webhook/d360-hook/webhook';
			const webhook = numberWebhook({ url: oldOwn });
			const staticData: IDataObject = { webhookUrl: oldOwn, secretToken: 's', previousWebhook: OLD };
			await methods.create.call(triggerContext({ respond: webhook.respond, staticData }).hooks);
			expect(staticData).toMatchObject({ webhookUrl: N8N_URL, previousWebhook: OLD });
		});

		it('logs only the origin of the URL it takes over, never its path or query', async () => {
			const { hooks, logger } = triggerContext({ respond: numberWebhook(OLD).respond, staticData: {} });
			await methods.create.call(hooks);
			const logged = JSON.stringify(logger.info.mock.calls);
			expect(logged).toContain('https://crm.example.test/');
			expect(logged).not.toContain('old-crm-token');
		});

		it.each([
			'http://localhost:5678/webhook/d360-hook/webhook',
			'http://127.0.0.1:5678/webhook/d360-hook/webhook',
			'http://127.1.2.3/webhook/x/webhook',
			'http://[::1]:5678/webhook/x/webhook',
		])('refuses to register %s with 360dialog, changing nothing', async (webhookUrl) => {
			const { hooks, calls } = triggerContext({ respond: numberWebhook(OLD).respond, staticData: {}, webhookUrl });
			const error = await methods.create.call(hooks).catch((failure: Error) => failure);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toContain('which 360dialog cannot reach');
			expect((error as NodeOperationError).description).toContain('WEBHOOK_URL');
			expect(calls).toHaveLength(0);
		});

		it('registers a localhost URL when the credential points at this machine too (the emulator)', async () => {
			const webhookUrl = 'http://127.0.0.1:5678/webhook/d360-hook/webhook';
			const credentials = { dialog360Api: { ...TEST_CREDENTIALS, apiHost: 'custom', customApiHost: 'http://127.0.0.1:8090' } };
			const webhook = numberWebhook(null);
			const { hooks, calls, staticData } = triggerContext({ respond: webhook.respond, staticData: {}, webhookUrl, credentials });
			expect(await methods.create.call(hooks)).toBe(true);
			expect(calls[1].url).toBe('http://127.0.0.1:8090/v1/configs/webhook');
			expect(webhook.state.webhook).toEqual({ url: webhookUrl, headers: { 'X-N8N-Webhook-Secret': staticData.secretToken } });
		});

		it('refuses signature checks without a partner secret in the credential, changing nothing', async () => {
			const { hooks, calls } = triggerContext({
				respond: numberWebhook(OLD).respond,
				staticData: {},
				nodeParameters: { ...PARAMETERS, options: { verifySignature: true } },
				credentials: { dialog360Api: { ...TEST_CREDENTIALS, partnerWebhookSecret: '' } },
			});
			await expect(methods.create.call(hooks)).rejects.toThrow('"Verify 360dialog Signature" is on but the credential has no Partner Webhook Secret');
			expect(calls).toHaveLength(0);
		});

		it.each([
			['create', methods.create],
			['checkExists', methods.checkExists],
		])('%s refuses to activate a trigger that confirms without a Payment Configuration, changing nothing', async (_name, method) => {
			const staticData: IDataObject = { webhookUrl: N8N_URL, secretToken: 's', previousWebhook: OLD };
			const { hooks, calls } = triggerContext({
				respond: numberWebhook(OLD).respond,
				staticData,
				nodeParameters: { confirmWithLookup: true, paymentConfiguration: ' ', options: {} },
			});
			const error = await method.call(hooks).catch((failure: Error) => failure);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('"Payment Configuration" is empty while "Confirm with Lookup" is on');
			expect((error as NodeOperationError).description).toContain('or turn off Confirm with Lookup. Nothing was changed at 360dialog.');
			expect(calls).toHaveLength(0);
			expect(staticData).toEqual({ webhookUrl: N8N_URL, secretToken: 's', previousWebhook: OLD });
		});

		it('activates without a Payment Configuration when it does not confirm', async () => {
			const webhook = numberWebhook(null);
			const { hooks, staticData } = triggerContext({ respond: webhook.respond, staticData: {}, nodeParameters: { confirmWithLookup: false, options: {} } });
			expect(await methods.create.call(hooks)).toBe(true);
			expect(webhook.state.webhook).toEqual({ url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': staticData.secretToken } });
		});

		it('lets a refused registration fail as an API error, storing nothing', async () => {
			const webhook = numberWebhook(OLD, { post: () => ({ status: 400, body: { error: { code: 100, message: 'Invalid URL' } } }) });
			const { hooks, staticData } = triggerContext({ respond: webhook.respond, staticData: {} });
			await expect(methods.create.call(hooks)).rejects.toBeInstanceOf(NodeApiError);
			expect(staticData).toEqual({});
		});

		it('keeps the header values it sends (its new secret, a restored header) out of an error that echoes them', async () => {
			const echo: Responder = (call) => ({
				status: 400,
				body: { error: { code: 100, message: `Invalid headers ${JSON.stringify((call.body as IDataObject).headers)}` } },
			});
			const created = triggerContext({ respond: numberWebhook(OLD, { post: echo }).respond, staticData: {} });
			const createError = await methods.create.call(created.hooks).catch((error: NodeApiError) => error);
			const sentSecret = String((writes(created.calls)[0].body as { headers: IDataObject }).headers['X-N8N-Webhook-Secret']);
			const restore = triggerContext({
				respond: numberWebhook({ url: N8N_URL }, { post: echo }).respond,
				staticData: { webhookUrl: N8N_URL, secretToken: 's', previousWebhook: OLD },
			});
			const restoreError = await methods.delete.call(restore.hooks).catch((error: NodeApiError) => error);
			for (const error of [createError, restoreError]) {
				expect(error).toBeInstanceOf(NodeApiError);
				expect((error as NodeApiError).message).toContain('Invalid headers');
				const text = JSON.stringify(error) + String((error as NodeApiError).message) + String((error as NodeApiError).description);
				for (const secret of [sentSecret, OLD.headers.Authorization]) expect(text).not.toContain(secret);
			}
		});
	});

	describe('delete', () => {
		const active = () => ({ webhookUrl: N8N_URL, secretToken: 's', previousWebhook: OLD }) as IDataObject;

		it('puts back the URL and headers that were there before, and forgets them', async () => {
			const webhook = numberWebhook({ url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': 's' } });
			const staticData = active();
			const { hooks, calls } = triggerContext({ respond: webhook.respond, staticData });
			expect(await methods.delete.call(hooks)).toBe(true);
			expect(writes(calls).map((call) => call.body)).toEqual([OLD]);
			expect(webhook.state.webhook).toEqual(OLD);
			expect(staticData).toEqual({});
		});

		it('puts back a URL without headers when none were readable', async () => {
			const webhook = numberWebhook({ url: N8N_URL });
			const staticData: IDataObject = { ...active(), previousWebhook: { url: OLD.url, headers: null } };
			await methods.delete.call(triggerContext({ respond: webhook.respond, staticData }).hooks);
			expect(webhook.state.webhook).toEqual({ url: OLD.url });
		});

		it('clears the webhook (empty URL) when there was none before', async () => {
			const webhook = numberWebhook({ url: N8N_URL });
			const staticData: IDataObject = { ...active(), previousWebhook: { url: null, headers: null } };
			const { hooks, calls } = triggerContext({ respond: webhook.respond, staticData });
			await methods.delete.call(hooks);
			expect(writes(calls).map((call) => call.body)).toEqual([{ url: '' }]);
			expect(staticData).toEqual({});
		});

		it('when 360dialog refuses an empty URL, leaves the webhook, says so in the log and still finishes', async () => {
			const webhook = numberWebhook({ url: N8N_URL }, { post: () => ({ status: 400, body: { error: { code: 100, message: 'url must not be empty' } } }) });
			const staticData: IDataObject = { ...active(), previousWebhook: { url: null, headers: null } };
			const { hooks, logger } = triggerContext({ respond: webhook.respond, staticData });
			expect(await methods.delete.call(hooks)).toBe(true);
			expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('360dialog refused to clear the webhook'), expect.anything());
			expect(staticData).toEqual({});
		});

		it('a 5xx while restoring is an error, not swallowed', async () => {
			const webhook = numberWebhook({ url: N8N_URL }, { post: () => ({ status: 502, body: 'bad gateway' }) });
			const { hooks } = triggerContext({ respond: webhook.respond, staticData: active() });
			await expect(methods.delete.call(hooks)).rejects.toBeInstanceOf(NodeApiError);
		});

		it('leaves the webhook alone when someone has pointed it elsewhere since', async () => {
			const webhook = numberWebhook({ url: 'https://someone-else.example.test/hook' });
			const staticData = active();
			const { hooks, calls } = triggerContext({ respond: webhook.respond, staticData });
			expect(await methods.delete.call(hooks)).toBe(true);
			expect(writes(calls)).toHaveLength(0);
			expect(staticData).toEqual({});
		});
	});

	describe('checkExists', () => {
		const stored = () => ({ webhookUrl: N8N_URL, secretToken: 's3cret-token', previousWebhook: OLD }) as IDataObject;

		it.each([
			['our URL and our secret header', { url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': 's3cret-token' } }, true],
			['our URL, header name in another case', { url: N8N_URL, headers: { 'x-n8n-webhook-secret': 's3cret-token' } }, true],
			['our URL, headers not shown', { url: N8N_URL }, true],
			['our URL with another secret', { url: N8N_URL, headers: { 'X-N8N-Webhook-Secret': 'other' } }, false],
			['our URL without our header', { url: N8N_URL, headers: { Authorization: 'x' } }, false],
			['another URL', { url: 'https://someone-else.example.test/hook' }, false],
			['no URL', { url: null }, false],
		])('with %s: %s, changing nothing', async (_name, config, expected) => {
			const { hooks, calls } = triggerContext({ respond: numberWebhook(config).respond, staticData: stored() });
			expect(await methods.checkExists.call(hooks)).toBe(expected);
			expect(writes(calls)).toHaveLength(0);
		});

		it('is false without a stored secret, before asking anything', async () => {
			const { hooks, calls } = triggerContext({ respond: numberWebhook({ url: N8N_URL }).respond, staticData: {} });
			expect(await methods.checkExists.call(hooks)).toBe(false);
			expect(calls).toHaveLength(0);
		});

		it('lets an API failure through instead of guessing', async () => {
			const webhook = numberWebhook(null, { get: () => ({ status: 401, body: { error: 'Invalid api key' } }) });
			const { hooks } = triggerContext({ respond: webhook.respond, staticData: stored() });
			await expect(methods.checkExists.call(hooks)).rejects.toBeInstanceOf(NodeApiError);
		});

		it('reads an unknown answer as an error naming what came', async () => {
			const webhook = numberWebhook(null, { get: () => ({ status: 200, body: { hooks: ['x'] } }) });
			const { hooks } = triggerContext({ respond: webhook.respond, staticData: stored() });
			await expect(methods.checkExists.call(hooks)).rejects.toThrow('360dialog answered the webhook configuration in a shape this node does not know');
		});
	});
});
