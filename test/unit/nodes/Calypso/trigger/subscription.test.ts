import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CalypsoPayTrigger } from '../../../../../nodes/Calypso/CalypsoPayTrigger.node';
import { CALYPSO_CREDENTIALS, calypsoError, ok, type Responder } from '../../../../fakes/calypso';
import { calypsoTriggerContext as calypsoContext, N8N_URL, SUBSCRIPTION } from '../contexts';
import { UUID_V4 } from '../fixtures';

const trigger = new CalypsoPayTrigger();
const { checkExists, create, delete: remove } = trigger.webhookMethods.default;

const listed = (subscriptions: IDataObject[]): Responder => () => ok({ subscriptions });
const stored = () => ({ ...SUBSCRIPTION, url: N8N_URL });

describe('create (activation)', () => {
	it('subscribes this node\'s URL to every invoice event with a requestId it generates, and keeps the subscription keys', async () => {
		const { hooks, calls, staticData } = calypsoContext({
			respond: (call) => ok({ ...call.payload, notificationEventTypes: [], publicKey: 'pk-1', secretKey: 'sk-1', createdDate: '2026-01-01T00:00:00' }),
		});
		expect(await create.call(hooks)).toBe(true);
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe('/api/v1/subscription/webhook/create');
		expect(calls[0].payload).toEqual({ requestId: expect.stringMatching(UUID_V4), url: N8N_URL, notificationServiceTypes: ['INVOICE'] });
		expect(staticData).toEqual({ requestId: calls[0].payload?.requestId, url: N8N_URL, publicKey: 'pk-1', secretKey: 'sk-1' });
	});

	it('subscribes to the selected events only', async () => {
		const { hooks, calls } = calypsoContext({
			nodeParameters: { subscribeTo: 'selectedEvents', events: ['INVOICE_PAID', 'INVOICE_EXPIRED'] },
			respond: (call) => ok({ ...call.payload, publicKey: 'pk', secretKey: 'sk' }),
		});
		await create.call(hooks);
		expect(calls[0].payload).toEqual({ requestId: expect.any(String), url: N8N_URL, notificationEventTypes: ['INVOICE_PAID', 'INVOICE_EXPIRED'] });
	});

	it('reads the keys from the list when the create answer lacks them, and fails clearly if they are nowhere', async () => {
		let requestId = '';
		const found = calypsoContext({
			respond: (call) => {
				if (call.path.endsWith('/create')) {
					requestId = String(call.payload?.requestId);
					return ok({ requestId });
				}
				return ok({ subscriptions: [{ requestId: 'other', publicKey: 'x', secretKey: 'y' }, { requestId, url: N8N_URL, publicKey: 'pk-2', secretKey: 'sk-2' }] });
			},
		});
		await create.call(found.hooks);
		expect(found.staticData).toMatchObject({ publicKey: 'pk-2', secretKey: 'sk-2' });

		const missing = calypsoContext({ respond: (call) => (call.path.endsWith('/create') ? ok({}) : ok({ subscriptions: [] })) });
		const error = await create.call(missing.hooks).catch((e: Error) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toBe('Calypso created the webhook subscription but gave no keys to verify its webhooks');
		expect(missing.staticData.requestId).toBe(missing.calls[0].payload?.requestId);
	});

	it.each([
		'http://localhost:5678/webhook/x/webhook',
		'http://127.0.0.1:5678/webhook/x/webhook',
		'http://[::1]:5678/webhook/x/webhook',
		'http://[0:0:0:0:0:0:0:1]:5678/webhook/x/webhook',
		'http://0.0.0.0:5678/webhook/x/webhook',
	])('refuses to register the local URL %s with Calypso, sending nothing', async (webhookUrl) => {
		const { hooks, calls } = calypsoContext({ webhookUrl });
		const error = await create.call(hooks).catch((e: Error) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(`Calypso cannot reach n8n's webhook URL ${webhookUrl}`);
		expect((error as NodeOperationError).description).toBe(
			"n8n gives a local address for this workflow, so Calypso could never deliver its events. Set WEBHOOK_URL (n8n's public address) and activate the workflow again.",
		);
		expect(calls).toHaveLength(0);
	});

	it('registers a public host whose name merely starts with "127."', async () => {
		const webhookUrl = 'https://127.shop.example.com/webhook/x/webhook';
		const { hooks, calls } = calypsoContext({ webhookUrl, respond: (call) => ok({ ...call.payload, publicKey: 'pk', secretKey: 'sk' }) });
		expect(await create.call(hooks)).toBe(true);
		expect(calls[0].payload).toMatchObject({ url: webhookUrl });
	});

	it('registers a local URL when the API host is local too (the emulator)', async () => {
		const { hooks, calls } = calypsoContext({
			webhookUrl: 'http://127.0.0.1:5678/webhook/x/webhook',
			credentials: { calypsoApi: { ...CALYPSO_CREDENTIALS, apiHost: 'custom', customApiHost: 'http://127.0.0.1:8090' } },
			respond: (call) => ok({ ...call.payload, publicKey: 'pk', secretKey: 'sk' }),
		});
		expect(await create.call(hooks)).toBe(true);
		expect(calls[0].url).toBe('http://127.0.0.1:8090/api/v1/subscription/webhook/create');
	});
});

describe('checkExists', () => {
	it('is false without a stored subscription, asking nothing', async () => {
		const { hooks, calls } = calypsoContext();
		expect(await checkExists.call(hooks)).toBe(false);
		expect(calls).toHaveLength(0);
	});

	it('is true when our requestId is listed at our URL, refreshing the keys; the list call has no payload', async () => {
		const { hooks, calls, staticData } = calypsoContext({
			staticData: stored(),
			respond: listed([{ requestId: SUBSCRIPTION.requestId, url: N8N_URL, publicKey: 'rotated-pk', secretKey: 'rotated-sk', extra: 1 }]),
		});
		expect(await checkExists.call(hooks)).toBe(true);
		expect(calls.map((c) => [c.method, c.path, c.payload])).toEqual([['POST', '/api/v1/subscription/webhook', undefined]]);
		expect(calls[0].envelope).not.toHaveProperty('payload');
		expect(staticData).toMatchObject({ publicKey: 'rotated-pk', secretKey: 'rotated-sk' });
	});

	it.each([
		['not listed', [{ requestId: 'someone-else', url: N8N_URL }]],
		['listed at another URL', [{ requestId: SUBSCRIPTION.requestId, url: 'https://old.example.test/webhook/x/webhook' }]],
	])('is false when our subscription is %s, and deletes nothing', async (_name, subscriptions) => {
		const { hooks, calls } = calypsoContext({ staticData: stored(), respond: listed(subscriptions) });
		expect(await checkExists.call(hooks)).toBe(false);
		expect(calls.every((c) => c.method === 'POST')).toBe(true);
	});

	it('rethrows a failing list as NodeApiError', async () => {
		const { hooks } = calypsoContext({ staticData: stored(), respond: () => calypsoError(401, '003', 'Wrong sign') });
		await expect(checkExists.call(hooks)).rejects.toThrow('Calypso error 003: Wrong sign');
	});
});

describe('delete (deactivation)', () => {
	it('deletes our subscription with a DELETE body and forgets it', async () => {
		const { hooks, calls, staticData } = calypsoContext({ staticData: stored(), respond: () => ({ status: 200, body: '' }) });
		expect(await remove.call(hooks)).toBe(true);
		expect(calls.map((c) => [c.method, c.path, c.payload])).toEqual([['DELETE', '/api/v1/subscription/webhook', { requestId: SUBSCRIPTION.requestId }]]);
		expect(staticData).toEqual({});
	});

	it.each([
		['HTTP 404', () => ({ status: 404, body: '' })],
		['errorCode 004', () => calypsoError(400, '004', 'Requested object not found')],
	])('treats %s as already deleted', async (_name, respond) => {
		const { hooks, staticData } = calypsoContext({ staticData: stored(), respond: respond as Responder });
		expect(await remove.call(hooks)).toBe(true);
		expect(staticData).toEqual({});
	});

	it('rethrows a real failure as NodeApiError and keeps the subscription data', async () => {
		const { hooks, staticData } = calypsoContext({ staticData: stored(), respond: () => calypsoError(500, '000', 'Internal server error') });
		const error = await remove.call(hooks).catch((e: Error) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(staticData.requestId).toBe(SUBSCRIPTION.requestId);
	});

	it('has nothing to do without a subscription', async () => {
		const { hooks, calls } = calypsoContext();
		expect(await remove.call(hooks)).toBe(true);
		expect(calls).toHaveLength(0);
	});
});
