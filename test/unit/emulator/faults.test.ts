// The emulator's fault injection (test/emulator/faults.js): each kind of fault, on the next K
// requests to one path only, counted in the request log, cleared by reset.
import http from 'node:http';
import { basic, createEmulator, EXOTEL } from './helpers';

const BALANCE = `/v1/Accounts/${EXOTEL.accountSid}/Balance.json`;
const AUTH = { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) };

/** One request with node:http, whatever happens to the connection. */
function send(url: string, options: { method?: string; body?: string; timeoutMs?: number } = {}) {
	return new Promise<{ status?: number; headers?: http.IncomingHttpHeaders; text?: string; error?: string }>((resolve) => {
		const req = http.request(url, { method: options.method ?? 'GET', headers: { ...AUTH, 'content-type': 'application/json' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (err) => resolve({ error: err.message }));
		});
		req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('client timeout')));
		req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
		req.end(options.body);
	});
}

describe('emulator faults', () => {
	let emu: any;
	beforeEach(async () => {
		emu = await createEmulator({ port: 0, providers: ['exotel'] });
	});
	afterEach(async () => {
		await emu.close();
	});

	const fault = async (spec: object) =>
		await fetch(`${emu.url}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });

	it('answers the next K requests to the path with the status, then the route again', async () => {
		expect((await fault({ path: '/v1/Accounts/:sid/Balance.json', kind: 'status', status: 503, count: 2 })).status).toBe(200);
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await send(emu.url + BALANCE)).status);
		expect(statuses).toEqual([503, 503, 200]);
		expect(emu.requests.map((r: any) => r.fault ?? null)).toEqual(['status', 'status', null]);
		const listed = (await (await fetch(`${emu.url}/_control/faults`)).json()) as { faults: unknown[] };
		expect(listed.faults).toEqual([expect.objectContaining({ kind: 'status', remaining: 0, hits: 2 })]);
	});

	it('rate-limits with Retry-After, answers malformed JSON, and leaves other paths and methods alone', async () => {
		emu.faults.add({ path: BALANCE, method: 'GET', kind: 'rateLimit', retryAfter: 2 });
		emu.faults.add({ path: BALANCE, method: 'GET', kind: 'malformed' });
		const other = await send(`${emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`, { method: 'POST', body: '{}' });
		expect(other.status).toBe(400);
		const limited = await send(emu.url + BALANCE);
		expect([limited.status, limited.headers?.['retry-after']]).toEqual([429, '2']);
		const malformed = await send(emu.url + BALANCE);
		expect(malformed.status).toBe(200);
		expect(() => JSON.parse(malformed.text ?? '')).toThrow();
		expect((await send(emu.url + BALANCE)).status).toBe(200);
	});

	it('resets the connection, before or after the route ran', async () => {
		emu.faults.add({ path: '/v2/accounts/:sid/messages', kind: 'reset' });
		emu.faults.add({ path: '/v2/accounts/:sid/messages', kind: 'reset', processed: true });
		const message = (ref: string) =>
			JSON.stringify({ whatsapp: { messages: [{ from: '+918012345678', to: '+919876543210', content: { type: 'text', text: { body: ref } } }] } });
		expect((await send(`${emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`, { method: 'POST', body: message('a') })).error).toBe('ECONNRESET');
		expect(emu.state.exotel.messages).toHaveLength(0);
		expect((await send(`${emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`, { method: 'POST', body: message('b') })).error).toBe('ECONNRESET');
		// Processed: the provider took the message, only the answer was lost.
		expect(emu.state.exotel.messages).toHaveLength(1);
	});

	it('holds a hung request until the caller gives up, and frees it on reset', async () => {
		emu.faults.add({ path: BALANCE, kind: 'hang' });
		const hung = await send(emu.url + BALANCE, { timeoutMs: 300 });
		expect(hung).toEqual({ error: 'client timeout' });
		emu.faults.add({ path: BALANCE, kind: 'hang' });
		const pending = send(emu.url + BALANCE);
		await new Promise((resolve) => setTimeout(resolve, 100));
		emu.reset();
		expect((await pending).error).toBe('ECONNRESET');
	});

	it('partly accepts an Exotel bulk request: the first `accept` messages are stored, the rest refused', async () => {
		emu.faults.add({ path: '/v2/accounts/:sid/messages', kind: 'partial', accept: 2 });
		const messages = ['a', 'b', 'c'].map((body) => ({ from: '+918012345678', to: '+919876543210', content: { type: 'text', text: { body } } }));
		const answer = await send(`${emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`, { method: 'POST', body: JSON.stringify({ whatsapp: { messages } }) });
		expect(answer.status).toBe(202);
		const json = JSON.parse(answer.text ?? '{}');
		expect(json.metadata).toEqual({ total: 3, success: 2, failed: 1 });
		expect(json.response.whatsapp.messages.map((m: any) => m.status)).toEqual(['success', 'success', 'failure']);
		expect(emu.state.exotel.messages.map((m: any) => m.content.text.body)).toEqual(['a', 'b']);
	});

	it('refuses a rule without a path or with an unknown kind, and never faults control routes', async () => {
		expect((await fault({ kind: 'status' })).status).toBe(400);
		expect((await fault({ path: BALANCE, kind: 'explode' })).status).toBe(400);
		expect((await fault({ path: '/_control/health', kind: 'status' })).status).toBe(400);
		expect((await fetch(`${emu.url}/_control/faults`, { method: 'DELETE' })).status).toBe(200);
	});
});
