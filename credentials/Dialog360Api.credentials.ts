import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { DIALOG360_HOSTS } from '../nodes/Dialog360/transport/apiHost';
import { API_HOST_EXPRESSION, apiHostProperties } from '../nodes/shared/apiHost';

export class Dialog360Api implements ICredentialType {
	name = 'dialog360Api';

	displayName = '360dialog API';

	icon: Icon = { light: 'file:../icons/dialog360.svg', dark: 'file:../icons/dialog360.dark.svg' };

	documentationUrl = 'https://docs.360dialog.com/docs/waba-messaging/messaging';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The number's D360-API-KEY from the 360dialog Client Hub (one key per WhatsApp number)",
		},
		...apiHostProperties({
			provider: '360dialog',
			hosts: [
				{
					name: 'Production (waba-v2.360dialog.io)',
					url: DIALOG360_HOSTS.production,
					description: "360dialog's WhatsApp Cloud API",
				},
				{
					name: 'Sandbox (waba-sandbox.360dialog.io)',
					url: DIALOG360_HOSTS.sandbox,
					description: 'Text messages to your own number only; payments are not expected to work there',
				},
			],
			description: 'Which 360dialog API the key belongs to',
		}),
		{
			displayName: 'Partner Webhook Secret',
			name: 'partnerWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Needed only when the 360dialog Trigger verifies the x-360dialog-signature header: your partner platform's webhook secret from the 360dialog Partner Hub",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'D360-API-KEY': '={{ $credentials.apiKey }}',
			},
		},
	};

	// A read-only call that answers 401 for a bad key (docs/providers.md §2.2).
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_HOST_EXPRESSION,
			url: '/health_status',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: '360dialog refused the API key. Check the D360-API-KEY of this number in the 360dialog Client Hub, and the API host.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API key is valid but has no access to this API: check the number and the API host',
				},
			},
		],
	};
}
