// Test helpers for the emulator's own tests: start it, a local webhook receiver, request builders.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FROM, TO } from './fixtures';

const { createEmulator } = require('../../emulator/server') as {
	createEmulator: (options?: Record<string, unknown>) => Promise<any>;
};

export { createEmulator };

export const EXOTEL = { apiKey: 'emulator-exotel-key', apiToken: 'emulator-exotel-token', accountSid: 'emulator-sid' };

export function basic(key: string, token: string): string {
	return 'Basic ' + Buffer.from(`${key}:${token}`).toString('base64');
}

const AUTH = { authorization: basic(EXOTEL.apiKey, EXOTEL.apiToken) };

export interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A webhook receiver on 127.0.0.1 that answers the given statuses in turn (last one repeats). */
export async function startReceiver(statuses: number[] = [200]) {
	const received: Received[] = [];
	const waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end(status < 300 ? 'ok' : 'no');
			waiters.splice(0).forEach((w) => w());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		/** Resolves once `count` requests have arrived (or rejects after timeoutMs). */
		async waitFor(count: number, timeoutMs = 3000): Promise<Received[]> {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 50);
				});
			}
			return received;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

export async function getJson(url: string) {
	const res = await fetch(url);
	return { status: res.status, json: (await res.json()) as any };
}

/** One emulator per test file, reset and restored to the Exotel defaults before each test. */
type Answer = Awaited<ReturnType<typeof postJson>>;

export interface ExotelHarness {
	emu: any;
	sendUrl: string;
	send: (body: unknown, headers?: Record<string, string>, url?: string) => Promise<Answer>;
	control: (path: string, body?: unknown) => Promise<Answer>;
	sendOne: (interactive: any, extra?: Record<string, unknown>) => Promise<Answer>;
}

export function useExotelEmulator(): ExotelHarness {
	const h: ExotelHarness = {
		emu: undefined as any,
		sendUrl: '',
		send: (body: unknown, headers: Record<string, string> = AUTH, url = h.sendUrl) => postJson(url, body, headers),
		control: (path: string, body: unknown = {}) => postJson(`${h.emu.url}/_control/exotel/${path}`, body),
		sendOne: (interactive: any, extra: Record<string, unknown> = {}) =>
			h.send({ ...extra, whatsapp: { messages: [{ from: FROM, to: TO, content: { type: 'interactive', interactive } }] } }),
	};
	beforeAll(async () => {
		h.emu = await createEmulator({ port: 0, config: { exotel: { retryDelaysMs: [20, 20], asyncErrorDelayMs: 10 } } });
		h.sendUrl = `${h.emu.url}/v2/accounts/${EXOTEL.accountSid}/messages`;
	});
	afterAll(() => h.emu.close());
	beforeEach(async () => {
		h.emu.reset();
		h.emu.deepMerge(h.emu.config.exotel, {
			defaultStatusCallback: null,
			partiallyShippedSpellings: ['partially_shipped'],
			requireBeneficiariesForPhysicalGoods: true,
			requireImporterWithoutCatalog: true,
			callbackWrapper: 'whatsapp',
			callbackEncoding: 'json',
			statusCodeAsString: false,
		});
	});
	return h;
}
