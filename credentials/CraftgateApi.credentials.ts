import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { API_HOST_EXPRESSION, apiHostProperties } from '../nodes/shared/apiHost';
import { CRAFTGATE_API_HOSTS } from '../nodes/Craftgate/transport/apiHost';
import { signCraftgateRequest } from '../nodes/Craftgate/transport/signing';

export class CraftgateApi implements ICredentialType {
	name = 'craftgateApi';

	displayName = 'Craftgate API';

	icon: Icon = { light: 'file:../icons/craftgate.svg', dark: 'file:../icons/craftgate.dark.svg' };

	documentationUrl = 'https://developer.craftgate.io/en/';

	properties: INodeProperties[] = [
		...apiHostProperties({
			provider: 'Craftgate',
			hosts: CRAFTGATE_API_HOSTS,
			description:
				'Which Craftgate API the keys belong to. Sandbox keys do not work on production and vice versa. The host is part of every request signature.',
		}),
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

	// A one-item product search: read-only, and signed like every other request.
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_HOST_EXPRESSION,
			method: 'GET',
			url: '/craftlink/v1/products',
			qs: { page: 0, size: 1 },
		},
		rules: [401, 403].map((status) => ({
			type: 'responseCode' as const,
			properties: {
				value: status,
				message: `Craftgate refused these keys (HTTP ${status}): the request signature did not match. Check that the API Key and the Secret Key are copied whole from the Craftgate panel (Settings → Merchant Settings → API keys), and that the API Host is the one they belong to (sandbox keys only work on the sandbox).`,
			},
		})),
	};
}
