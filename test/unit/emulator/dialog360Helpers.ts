// Helpers for the 360dialog emulator's own tests: one emulator per file, authorized calls, and
// Cloud API messages built from the shared emulator fixtures.
import { createEmulator, postJson } from './helpers';
import { orderDetails, orderStatus } from './fixtures';

export const D360_KEY = 'emulator-360dialog-key';
export const PARTNER_SECRET = 'emulator-360dialog-partner-secret';
export const WA_ID = '919888800000';
export const AUTH = { 'D360-API-KEY': D360_KEY };

/** The fixture order with the Cloud API's payment_settings instead of Exotel's payment_type. */
export function cloudOrderDetails(referenceId = 'ORD-1', gateway: Record<string, unknown> = {}): any {
	const interactive = orderDetails(referenceId);
	const parameters = interactive.action.parameters;
	delete parameters.payment_type;
	delete parameters.payment_configuration;
	parameters.payment_settings = [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'emulator-config', ...gateway } }];
	return interactive;
}

export function cloudMessage(interactive: any, extra: Record<string, unknown> = {}): any {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'interactive', interactive, ...extra };
}

export { orderStatus };

export async function getWith(url: string, headers: Record<string, string> = AUTH) {
	const res = await fetch(url, { headers });
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

export interface Dialog360Harness {
	emu: any;
	send: (body: unknown, headers?: Record<string, string>, path?: string) => ReturnType<typeof postJson>;
	sendOne: (interactive: any, extra?: Record<string, unknown>) => ReturnType<typeof postJson>;
	control: (path: string, body?: unknown) => ReturnType<typeof postJson>;
	get: (path: string, headers?: Record<string, string>) => ReturnType<typeof getWith>;
	setWebhook: (url: string, headers?: Record<string, string>) => ReturnType<typeof postJson>;
}

export function useDialog360Emulator(): Dialog360Harness {
	const h: Dialog360Harness = {
		emu: undefined as any,
		send: (body, headers = AUTH, path = '/messages') => postJson(`${h.emu.url}${path}`, body, headers),
		sendOne: (interactive, extra = {}) => h.send(cloudMessage(interactive, extra)),
		control: (path, body = {}) => postJson(`${h.emu.url}/_control/dialog360/${path}`, body),
		get: (path, headers = AUTH) => getWith(`${h.emu.url}${path}`, headers),
		setWebhook: (url, headers) => postJson(`${h.emu.url}/v1/configs/webhook`, headers ? { url, headers } : { url }, AUTH),
	};
	beforeAll(async () => {
		h.emu = await createEmulator({ port: 0, providers: ['dialog360'], config: { dialog360: { retryDelaysMs: [20, 20], asyncErrorDelayMs: 10 } } });
	});
	afterAll(() => h.emu.close());
	beforeEach(() => {
		h.emu.reset();
		h.emu.deepMerge(h.emu.config.dialog360, {
			partiallyShippedSpellings: ['partially_shipped'],
			requirePaymentSettings: true,
			digitsOnlyRecipient: true,
			lookupPaths: ['/v1/payments', '/payments'],
			includePaymentConfigurationInWebhook: false,
			showWebhookHeaders: true,
			allowEmptyWebhookUrl: true,
			signature: 'hex',
		});
	});
	return h;
}
