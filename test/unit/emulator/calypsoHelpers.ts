// Drives the Calypso emulator with requests signed by the package's credential code and sent by
// n8n's own HTTP stack (OutboundHttp), so the emulator's independent check sees the bytes n8n
// puts on the wire; `raw` sends hand-made requests for the cases the package would never produce.
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { signCalypsoRequest } from '../../../nodes/Calypso/transport/signing';
import { createEmulator, postJson } from './helpers';

export const CALYPSO = {
	publicKey: 'emulator-calypso-public',
	secretKey: 'emulator-calypso-secret',
	accountId: '0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c',
};

export interface Answer {
	statusCode: number;
	body: any;
}

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** hex(HMAC-SHA512(secret, body)), written here without the package's helpers. */
export const hmacHex = (secret: string, body: string) => createHmac('sha512', secret).update(body).digest('hex');

export interface SignOptions {
	method?: 'POST' | 'DELETE';
	secretKey?: string;
	publicKey?: string;
	accountId?: string;
	now?: number;
}

export function useCalypsoEmulator() {
	const h = {
		emu: undefined as any,
		async send(options: IHttpRequestOptions): Promise<Answer> {
			return (await Container.get(OutboundHttp)
				.requests()
				.request({ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as Answer;
		},
		signed(path: string, payload?: IDataObject, extra: SignOptions = {}): IHttpRequestOptions {
			const credentials = {
				publicKey: extra.publicKey ?? CALYPSO.publicKey,
				secretKey: extra.secretKey ?? CALYPSO.secretKey,
				accountId: extra.accountId ?? CALYPSO.accountId,
			};
			return signCalypsoRequest(credentials, { method: extra.method ?? 'POST', url: `${h.emu.url}${path}`, body: payload }, extra.now);
		},
		call: (path: string, payload?: IDataObject, extra: SignOptions = {}): Promise<Answer> => h.send(h.signed(path, payload, extra)),
		/** A request with exactly this body string and these headers. */
		raw: (path: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<Answer> =>
			h.send({ method: method as 'POST', url: `${h.emu.url}${path}`, body, headers: { 'content-type': 'application/json', ...headers }, json: false }),
		control: (path: string, body: unknown = {}) => postJson(`${h.emu.url}/_control/calypso/${path}`, body),
	};
	beforeAll(async () => {
		h.emu = await createEmulator({ providers: ['calypso'], config: { calypso: { retryDelaysMs: [20, 20] } } });
	});
	afterAll(() => h.emu.close());
	beforeEach(() => {
		h.emu.reset();
		h.emu.deepMerge(h.emu.config.calypso, { retryDelaysMs: [20, 20], numericAmounts: true });
	});
	return h;
}

export const widgetPayload = (fields: IDataObject = {}): IDataObject => ({
	cryptoCurrencies: ['USDT', 'USDT_TRX', 'ETH', 'BTC'],
	description: 'Order 1042',
	idempotencyKey: uuid(1),
	externalId: 'order-1042',
	...fields,
});
