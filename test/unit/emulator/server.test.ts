import { createEmulator, getJson, postJson, startReceiver } from './helpers';

describe('emulator frame', () => {
	let emu: any;
	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('binds 127.0.0.1 on a free port and loads every provider module present', async () => {
		expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const { json } = await getJson(`${emu.url}/_control/health`);
		expect(json.ok).toBe(true);
		expect(json.providers).toContain('exotel');
		await expect(createEmulator({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1/);
	});

	it('answers 404 to unknown paths and 405 to a known path with another method, and logs both', async () => {
		expect((await fetch(`${emu.url}/nowhere`)).status).toBe(404);
		expect((await fetch(`${emu.url}/v2/accounts/x/messages`)).status).toBe(405);
		const { json } = await getJson(`${emu.url}/_control/requests`);
		expect(json.count).toBe(2);
		expect(json.requests.map((r: any) => [r.provider, r.status])).toEqual([
			[null, 404],
			['exotel', 405],
		]);
	});

	it('keeps control calls out of the request log and resets it on DELETE', async () => {
		await fetch(`${emu.url}/v2/accounts/x/messages`, { method: 'POST', body: '{}' });
		await getJson(`${emu.url}/_control/config`);
		expect((await getJson(`${emu.url}/_control/requests?provider=exotel`)).json.count).toBe(1);
		expect((await getJson(`${emu.url}/_control/requests?provider=craftgate`)).json.count).toBe(0);
		await fetch(`${emu.url}/_control/requests`, { method: 'DELETE' });
		expect((await getJson(`${emu.url}/_control/requests`)).json.count).toBe(0);
	});

	it('deep-merges config changes and keeps the fixed credentials', async () => {
		const { json } = await postJson(`${emu.url}/_control/config`, { exotel: { defaultStatusCallback: 'http://127.0.0.1:9/x' } });
		expect(json.exotel.defaultStatusCallback).toBe('http://127.0.0.1:9/x');
		expect(json.exotel.retryDelaysMs).toEqual([1000, 2000]);
		expect(json.credentials.exotel).toEqual({ apiKey: 'emulator-exotel-key', apiToken: 'emulator-exotel-token', accountSid: 'emulator-sid' });
		expect(json.credentials.craftgate).toEqual({ apiKey: 'emulator-craftgate-api', secretKey: 'emulator-craftgate-secret', webhookKey: 'emulator-craftgate-hook' });
		expect((await postJson(`${emu.url}/_control/config`, '[1]')).status).toBe(400);
	});

	it('takes credential overrides at start', async () => {
		const other = await createEmulator({ config: { credentials: { exotel: { apiKey: 'other-key' } } } });
		try {
			expect(other.config.credentials.exotel).toEqual({ apiKey: 'other-key', apiToken: 'emulator-exotel-token', accountSid: 'emulator-sid' });
		} finally {
			await other.close();
		}
	});

	describe('sendWebhook', () => {
		it('sends the body byte for byte with the given headers and records the attempt', async () => {
			const receiver = await startReceiver();
			try {
				const record = emu.sendWebhook(receiver.url, { headers: { 'x-test': 'yes', 'content-type': 'application/json' }, body: Buffer.from('{"a":1}') });
				await record.done;
				expect(record.status).toBe('delivered');
				expect(receiver.received[0]).toMatchObject({ method: 'POST', body: '{"a":1}' });
				expect(receiver.received[0].headers['x-test']).toBe('yes');
				const { json } = await getJson(`${emu.url}/_control/webhooks`);
				expect(json.webhooks[0]).toMatchObject({ url: receiver.url, status: 'delivered', attempts: [{ status: 200 }] });
			} finally {
				await receiver.close();
			}
		});

		it('retries on non-2xx after each delay of the schedule', async () => {
			const receiver = await startReceiver([500, 502, 200]);
			try {
				const started = Date.now();
				const record = await emu.sendWebhook(receiver.url, { body: 'x', retries: [30, 60, 90] }).done;
				expect(record.attempts.map((a: any) => a.status)).toEqual([500, 502, 200]);
				expect(Date.now() - started).toBeGreaterThanOrEqual(85);
				expect(receiver.received).toHaveLength(3);
			} finally {
				await receiver.close();
			}
		});

		it('records network errors as failed attempts', async () => {
			const receiver = await startReceiver();
			await receiver.close();
			const record = await emu.sendWebhook(receiver.url, { body: 'x', retries: [5] }).done;
			expect(record.status).toBe('failed');
			expect(record.attempts).toHaveLength(2);
			expect(record.attempts[0].error).toMatch(/ECONNREFUSED/);
		});

		it('refuses any target that is not loopback', async () => {
			const record = await emu.sendWebhook('http://192.0.2.1/hook', { body: 'x' }).done;
			expect(record.status).toBe('failed');
			expect(record.attempts[0].error).toMatch(/loopback/);
		});

		it('close() aborts a pending retry', async () => {
			const local = await createEmulator();
			const receiver = await startReceiver([500]);
			try {
				const record = local.sendWebhook(receiver.url, { body: 'x', retries: [60000] });
				await receiver.waitFor(1);
				await local.close();
				expect((await record.done).status).toBe('aborted');
			} finally {
				await receiver.close();
			}
		});
	});
});
