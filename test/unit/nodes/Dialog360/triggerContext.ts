// The 360dialog Trigger under test: n8n's webhook/hook context stand-in with the fake 360dialog
// answering httpRequestWithAuthentication, and deliveries in the Cloud API envelope.
import { createHmac } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { Dialog360Trigger } from '../../../../nodes/Dialog360/Dialog360Trigger.node';
import { fakeDialog360, graphError, TEST_CREDENTIALS } from '../../../fakes/dialog360';
import type { Responder } from '../../../fakes/dialog360';
import { createWebhookContext } from '../../helpers/webhookContext';
import type { WebhookContextOptions } from '../../helpers/webhookContext';

export const trigger = new Dialog360Trigger();

/** The trigger's parameters as a user leaves them: confirming with the lookup, Options empty. */
export const PARAMETERS: IDataObject = { confirmWithLookup: true, paymentConfiguration: 'payment-config-id', options: {} };

export const N8N_URL = 'https://n8n.example.test/webhook/d360-hook/webhook';
export const SECRET = 'trigger-secret-value-0001';
export const SECRET_HEADER = 'x-n8n-webhook-secret';

let wamidSequence = 0;
/** A new wamid per call, so that deliveries of different tests never look like redeliveries (the memory is per process). */
export const newWamid = () => `wamid.HBgM${++wamidSequence}${Date.now()}`;

/** A payment status item (docs/providers.md §2.7). */
export function paymentStatus(fields: IDataObject = {}, payment: IDataObject = {}, transaction: IDataObject = {}): IDataObject {
	return {
		id: newWamid(),
		recipient_id: '919876543210',
		type: 'payment',
		status: 'captured',
		timestamp: '1700000100',
		payment: {
			reference_id: 'ORDER-1001',
			amount: { value: 21000, offset: 100 },
			currency: 'INR',
			receipt: '',
			transaction: {
				id: 'pay_Kx1',
				type: 'razorpay',
				status: 'success',
				created_timestamp: 1700000000,
				updated_timestamp: 1700000090,
				amount: { value: 21000, offset: 100 },
				currency: 'INR',
				method: { type: 'upi' },
				refunds: null,
				...transaction,
			},
			...payment,
		},
		...fields,
	};
}

/** The Cloud API envelope around status and error items. */
export function envelope(value: IDataObject): IDataObject {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'WABA-1',
				changes: [
					{
						field: 'messages',
						value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '918012345678', phone_number_id: 'PN-1' }, ...value },
					},
				],
			},
		],
	};
}

/** The lookup answer for a payment in `status`. */
export function lookupAnswer(status: string, transactions: IDataObject[] = [{ id: 'pay_Kx1', status: 'success', type: 'razorpay' }]) {
	return { status: 200, body: { payments: [{ reference_id: 'ORDER-1001', status, currency: 'INR', amount: { value: 21000, offset: 100 }, transactions }] } };
}

export const hexSignature = (raw: string, key = String(TEST_CREDENTIALS.partnerWebhookSecret)) => createHmac('sha256', key).update(raw).digest('hex');
export const base64Signature = (raw: string, key = String(TEST_CREDENTIALS.partnerWebhookSecret)) => createHmac('sha256', key).update(raw).digest('base64');

export interface TriggerContextOptions extends WebhookContextOptions {
	respond?: Responder;
	/** Sent as the raw body; body is parsed from it unless given. */
	delivery?: IDataObject;
	secret?: string | null;
}

export function triggerContext(options: TriggerContextOptions = {}) {
	const { http, calls } = fakeDialog360(options.respond ?? (() => graphError(500, 1, 'no fake answer')));
	const raw = options.rawBody ?? (options.delivery ? JSON.stringify(options.delivery) : undefined);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.secret !== null) headers[SECRET_HEADER] = options.secret ?? SECRET;
	const context = createWebhookContext({
		webhookUrl: N8N_URL,
		nodeType: 'n8n-nodes-chat-payments.dialog360Trigger',
		nodeName: '360dialog Trigger',
		staticData: { webhookUrl: N8N_URL, secretToken: SECRET },
		nodeParameters: PARAMETERS,
		body: options.delivery,
		rawBody: raw,
		...options,
		headers: { ...headers, ...options.headers },
		credentials: { dialog360Api: TEST_CREDENTIALS, ...options.credentials },
		helpers: { httpRequestWithAuthentication: http as never, ...options.helpers },
	});
	return { ...context, http, calls, hooks: context.ctx as unknown as IHookFunctions };
}

/** Runs webhook() and returns the emitted events' json (empty when no execution starts). */
export async function deliver(options: TriggerContextOptions) {
	const context = triggerContext(options);
	const result = await trigger.webhook.call(context.ctx);
	const events = (result.workflowData?.[0] ?? []).map((item) => item.json);
	return { ...context, result, events };
}
