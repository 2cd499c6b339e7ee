import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { signCraftgateRequest } from '../nodes/Craftgate/transport/signing';

export class CraftgateApi implements ICredentialType {
	name = 'craftgateApi';

	displayName = 'Craftgate API';

	icon: Icon = { light: 'file:craftgate.svg', dark: 'file:craftgate.dark.svg' };

	documentationUrl = 'https://developer.craftgate.io/en/';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://api.craftgate.io',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://sandbox-api.craftgate.io (test keys)',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'Another address, e.g. a local emulator for tests',
				},
			],
			default: 'production',
			description:
				'Which Craftgate API the keys belong to. Sandbox keys do not work on production and vice versa.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8090',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Requests go to this address; it is part of every request signature',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Craftgate panel: Settings → Merchant Settings → API keys',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Used only to sign requests; it is never sent',
		},
		{
			displayName: 'Merchant Webhook Key',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the Craftgate Trigger only: the key Craftgate signs webhooks with (X-CG-SIGNATURE-V1). Without it the trigger rejects every delivery.',
		},
	];

	// Craftgate signs the full URL and the exact body bytes, so a generic header template cannot do it.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signCraftgateRequest(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/craftlink/v1/products',
			qs: { page: 0, size: 1 },
		},
	};
}
