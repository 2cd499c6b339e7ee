import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	getRawBody,
	ignoreRedeliveriesOption,
	ignoresRedeliveries,
	receivePaymentWebhook,
	setupNotice,
	triggerOptions,
	triggerOptionsCollection,
} from '../shared/webhook';
import { lookupPathField } from './helpers/lookupPath';
import { createWebhook, deleteWebhook, webhookExists } from './trigger/lifecycle';
import { deliveryToEvents } from './trigger/toEvents';
import { hasSecretHeader, hasValidSignature } from './trigger/verify';
import type { SignatureEncoding } from './trigger/verify';

const confirming = { show: { confirmWithLookup: [true] } };

/** The parsed body, or the raw bytes parsed here when n8n left them unparsed. */
async function deliveryBody(ctx: IWebhookFunctions): Promise<unknown> {
	const body = ctx.getBodyData() as IDataObject | undefined;
	if (body && Object.keys(body).length > 0) return body;
	const raw = (await getRawBody(ctx)).toString('utf8');
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return body;
	}
}

export class Dialog360Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '360dialog Trigger',
		name: 'dialog360Trigger',
		icon: { light: 'file:../../icons/dialog360.svg', dark: 'file:../../icons/dialog360.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n 2.41 evaluates an expression (in an isolate, tens of ms of CPU) for every delivery
		// to a version-1 webhook node (webhook-helpers.js parseRequestBody); nothing else differs.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["confirmWithLookup"] === false ? "Payment Status (Not Confirmed)" : "Payment Status (Confirmed with Lookup)" }}',
		description: "Starts the workflow on 360dialog's WhatsApp payment status webhooks, confirmed with the payment lookup",
		defaults: { name: '360dialog Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dialog360Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			setupNotice(
				'A 360dialog number has one webhook URL. Activating this workflow points it at n8n (with a secret header only this trigger knows) and deactivating it puts back the previous URL. Other deliveries to that number (incoming messages) also reach this trigger while it is active. Listening for a test event borrows the webhook in the same way.',
			),
			{
				displayName: 'Confirm with Lookup',
				name: 'confirmWithLookup',
				type: 'boolean',
				default: true,
				description:
					"Whether to ask 360dialog's payment lookup for the real status before emitting a payment event, as 360dialog advises: a webhook alone must not be trusted. The webhook's own claim stays in raw and details.webhookStatus.",
			},
			{
				displayName: 'Payment Configuration',
				name: 'paymentConfiguration',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. my-razorpay-config',
				displayOptions: confirming,
				description:
					"The payment configuration your payment requests use (as named in WhatsApp Manager): the lookup needs it, and 360dialog's webhook does not say it",
			},
			triggerOptionsCollection([
				ignoreRedeliveriesOption('same message, status and transaction'),
				{
					displayName: 'Include Message Status Updates',
					name: 'includeMessageStatuses',
					type: 'boolean',
					default: false,
					description: 'Whether to also emit sent, delivered, read and failed updates of your messages (status "other")',
				},
				{
					displayName: 'Include Refused Order Status Changes',
					name: 'includeOrderErrors',
					type: 'boolean',
					default: false,
					description:
						'Whether to also emit WhatsApp refusing an order status change: 2046 (transition not allowed) and 2047 (cannot cancel a paid order), which arrive by webhook only',
				},
				{ ...lookupPathField, displayOptions: { show: { '/confirmWithLookup': [true] } } },
				{
					displayName: 'Signature Encoding',
					name: 'signatureEncoding',
					type: 'options',
					options: [
						{ name: 'Base64', value: 'base64' },
						{ name: 'Hex', value: 'hex' },
						{ name: 'Hex or Base64', value: 'hexOrBase64' },
					],
					default: 'hex',
					displayOptions: { show: { verifySignature: [true] } },
					description: '360dialog does not document how x-360dialog-signature is encoded; hex is assumed',
				},
				{
					displayName: 'Verify 360dialog Signature',
					name: 'verifySignature',
					type: 'boolean',
					default: false,
					description:
						"Whether to also require x-360dialog-signature, an HMAC-SHA256 of the body with the credential's Partner Webhook Secret (partner accounts only)",
				},
			]),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePaymentWebhook(this, () => {
			const options = triggerOptions(this);
			const confirmWithLookup = this.getNodeParameter('confirmWithLookup', true) as boolean;
			const secretToken = this.getWorkflowStaticData('node').secretToken;
			const signatureEncoding = (options.signatureEncoding as SignatureEncoding | undefined) ?? 'hex';
			return {
				authenticate: async () =>
					hasSecretHeader(this, secretToken) &&
					(options.verifySignature !== true || (await hasValidSignature(this, signatureEncoding))),
				toEvents: async () =>
					await deliveryToEvents(this, await deliveryBody(this), {
						confirmWithLookup,
						paymentConfiguration: confirmWithLookup ? String(this.getNodeParameter('paymentConfiguration', '') ?? '') : '',
						lookupPath: confirmWithLookup ? (options.lookupPath as string | undefined) : undefined,
						includeMessageStatuses: options.includeMessageStatuses === true,
						includeOrderErrors: options.includeOrderErrors === true,
					}),
				ignoreRedeliveries: ignoresRedeliveries(options),
			};
		});
	}
}
