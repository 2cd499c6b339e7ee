// Contexts for the Calypso Trigger: the shared webhook context, with httpRequestWithAuthentication
// answered by the fake Calypso (real credential signing, independent signature check).
import { createHmac } from 'crypto';
import type { IHookFunctions } from 'n8n-workflow';
import { createWebhookContext, type WebhookContextOptions } from '../../helpers/webhookContext';
import { fakeHttpHelper, TEST_CREDENTIALS, type CalypsoCall, type Responder } from './fakeCalypso';

export const SUBSCRIPTION = {
	requestId: '0f0e0d0c-0b0a-4908-8706-050403020100',
	publicKey: 'sub-public-key-value',
	secretKey: 'sub-secret-key-value',
};

export const N8N_URL = 'https://n8n.example.test/webhook/calypso-hook/webhook';

/** Sign as Calypso signs webhooks: hex(HMAC-SHA512(subscription secretKey, raw body)). */
export const webhookSign = (body: string, secret = SUBSCRIPTION.secretKey) => createHmac('sha512', secret).update(body, 'utf8').digest('hex');

export function calypsoContext(options: WebhookContextOptions & { respond?: Responder } = {}) {
	const calls: CalypsoCall[] = [];
	const respond: Responder = options.respond ?? (() => ({ status: 500, body: { errorCode: '000', message: 'no fake answer' } }));
	const credentials = options.credentials?.calypsoApi ?? TEST_CREDENTIALS;
	const node = { id: options.nodeId ?? 'trigger-1', name: 'Calypso Trigger', type: 'n8n-nodes-chat-payments.calypsoTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const http = fakeHttpHelper(node, respond, calls, credentials);
	const context = createWebhookContext({
		webhookUrl: N8N_URL,
		nodeParameters: { subscribeTo: 'allInvoiceEvents', options: {} },
		...options,
		credentials: { calypsoApi: credentials },
		helpers: { httpRequestWithAuthentication: http as never },
	});
	return { ...context, calls, http, hooks: context.ctx as unknown as IHookFunctions };
}
