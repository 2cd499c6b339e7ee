import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { DEFAULT_PAY_LINK_HOST, signCalypsoRequest } from '../nodes/Calypso/transport/signing';

export class CalypsoApi implements ICredentialType {
	name = 'calypsoApi';

	displayName = 'Calypso API';

	icon: Icon = { light: 'file:calypso.svg', dark: 'file:calypso.dark.svg' };

	documentationUrl = 'https://docs.calypso.finance/';

	properties: INodeProperties[] = [
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			required: true,
			default: '',
			description: 'The API key\'s public part, sent as the "Key" header (Calypso dashboard: Developers → API keys)',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Used only to sign requests (HMAC-SHA512); it is never sent',
		},
		{
			displayName: 'Merchant Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0x1f9840a85d5af5bf1d1762f925bdaddc4201f984',
			description:
				'The account every request is made for: 0x followed by 40 hexadecimal digits. Calypso support gives the list of your accounts.',
		},
		{
			displayName: 'API Host',
			name: 'apiHost',
			type: 'options',
			options: [
				{ name: 'api.calypso.finance', value: 'finance', description: 'https://api.calypso.finance' },
				{ name: 'api.calypso.money', value: 'money', description: 'https://api.calypso.money (newer documentation)' },
				{ name: 'Custom Base URL', value: 'custom', description: 'Another address, e.g. a local emulator for tests' },
			],
			default: 'finance',
			description:
				'Which Calypso API host your keys belong to. Calypso documents both hosts with the same paths; ask Calypso support if unsure.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8090',
			required: true,
			displayOptions: { show: { apiHost: ['custom'] } },
			description: 'Requests go to this address followed by /api/v1/…',
		},
		{
			displayName: 'Payment Link Host',
			name: 'payLinkHost',
			type: 'string',
			default: DEFAULT_PAY_LINK_HOST,
			placeholder: `e.g. ${DEFAULT_PAY_LINK_HOST}`,
			description:
				'Where customers open a payment widget: <host>/pay?widgetKey=<key>. The default comes from Calypso\'s widget guide and is unverified for accounts on calypso.money; change it if your dashboard shows links on another host.',
		},
	];

	// Calypso signs the exact body, which must first be wrapped in its envelope with a fresh
	// timestamp: a generic header template cannot do that.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signCalypsoRequest(credentials, requestOptions);
	}

	// Listing webhook subscriptions is read-only and needs every part of the signature.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/api/v1/subscription/webhook',
		},
	};
}
