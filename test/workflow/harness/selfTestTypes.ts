// Test-only node and credential types for harness.test.ts: they prove the harness without the
// package's real nodes. Each HTTP node authenticates through one credential type; the trigger
// registers itself with a provider and verifies a shared token, like Stripe's.
import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const API = 'https://api.provider.test';

const headerKeyApi: ICredentialType = {
	name: 'headerKeyApi',
	displayName: 'Header Key API',
	properties: [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Tenant', name: 'tenant', type: 'string', default: 'default-tenant' },
	],
	authenticate: {
		type: 'generic',
		properties: {
			headers: { 'X-Api-Key': '={{$credentials.apiKey}}' },
			qs: { tenant: '={{$credentials.tenant}}' },
		},
	},
	test: { request: { baseURL: API, url: '/me' } },
};

export function sign(secret: string, body: unknown): string {
	return createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
}

const signedApi: ICredentialType = {
	name: 'signedApi',
	displayName: 'Signed API',
	properties: [
		{ displayName: 'Key ID', name: 'keyId', type: 'string', default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' },
	],
	async authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) {
		const signature = sign(String(credentials.secret), request.body);
		return { ...request, headers: { ...request.headers, 'x-key-id': credentials.keyId, 'x-signature': signature } };
	},
};

const noAuthApi: ICredentialType = {
	name: 'noAuthApi',
	displayName: 'API Without Authenticator',
	properties: [{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' }],
};

export const credentialTypes = [headerKeyApi, signedApi, noAuthApi];

/** Per item: POST {amount} to `url` through httpRequestWithAuthentication(credentialName). */
function httpNode(credentialName: string): INodeType {
	return {
		description: {
			displayName: `Call with ${credentialName}`,
			name: `call_${credentialName}`,
			group: ['transform'],
			version: 1,
			description: 'Test-only HTTP node',
			defaults: { name: 'Call' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialName, required: true }],
			properties: [
				{ displayName: 'URL', name: 'url', type: 'string', default: `${API}/payments` },
				{ displayName: 'Amount', name: 'amount', type: 'number', default: 0 },
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			const items = this.getInputData();
			for (let i = 0; i < items.length; i++) {
				try {
					const amount = this.getNodeParameter('amount', i) as number;
					if (amount <= 0) {
						throw new NodeOperationError(this.getNode(), `Amount must be positive (item ${i})`, { itemIndex: i });
					}
					const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialName, {
						method: 'POST',
						url: this.getNodeParameter('url', i) as string,
						body: { amount },
						json: true,
					})) as IDataObject;
					out.push({ json: response, pairedItem: { item: i } });
				} catch (error) {
					if (!this.continueOnFail()) throw error;
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				}
			}
			return [out];
		},
	};
}

const WEBHOOK_SECRET_HEADER = 'x-webhook-token';

/** How each exchange with the test trigger ended, as its response's 'close' event saw it. */
export const exchangeEnds: Array<{ statusCode: number; finished: boolean }> = [];

interface ClosingResponse {
	statusCode: number;
	writableFinished: boolean;
	once(event: 'close', listener: () => void): unknown;
}

/** A Stripe-like trigger: registers itself with the provider, verifies a shared token. */
const webhookTrigger: INodeType = {
	description: {
		displayName: 'Test Trigger',
		name: 'testTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test-only webhook trigger',
		defaults: { name: 'Test Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'headerKeyApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [{ displayName: 'Event', name: 'event', type: 'string', default: 'payment.succeeded' }],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').webhookId !== undefined;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const registered = (await this.helpers.httpRequestWithAuthentication.call(this, 'headerKeyApi', {
					method: 'POST',
					url: `${API}/webhooks`,
					body: { url: this.getNodeWebhookUrl('default'), event: this.getNodeParameter('event') },
					json: true,
				})) as IDataObject;
				const staticData = this.getWorkflowStaticData('node');
				staticData.webhookId = registered.id;
				staticData.token = registered.token;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				await this.helpers.httpRequestWithAuthentication.call(this, 'headerKeyApi', {
					method: 'DELETE',
					url: `${API}/webhooks/${String(staticData.webhookId)}`,
				});
				delete staticData.webhookId;
				delete staticData.token;
				return true;
			},
		},
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject() as unknown as ClosingResponse;
		res.once('close', () => exchangeEnds.push({ statusCode: res.statusCode, finished: res.writableFinished }));
		const token = this.getWorkflowStaticData('node').token;
		if (token === undefined || this.getHeaderData()[WEBHOOK_SECRET_HEADER] !== token) {
			this.getResponseObject().status(401).send('Unauthorized');
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		const rawBody = this.getRequestObject().rawBody as Buffer;
		return {
			workflowData: [this.helpers.returnJsonArray({ type: body.type, rawLength: rawBody.length })],
		};
	},
};

export const nodeTypes = {
	'test.callWithHeaderKey': httpNode('headerKeyApi'),
	'test.callSigned': httpNode('signedApi'),
	'test.callUnauthenticated': httpNode('noAuthApi'),
	'test.trigger': webhookTrigger,
};
