import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { API_HOST_EXPRESSION, apiHostProperties } from '../nodes/shared/apiHost';
import { CALYPSO_API_HOSTS, DEFAULT_PAY_LINK_HOST, signCalypsoRequest } from '../nodes/Calypso/transport/signing';

export class CalypsoApi implements ICredentialType {
	name = 'calypsoApi';

	displayName = 'Calypso API';

	icon: Icon = { light: 'file:../icons/calypso.svg', dark: 'file:../icons/calypso.dark.svg' };

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
		...apiHostProperties({
			provider: 'Calypso',
			hosts: CALYPSO_API_HOSTS,
			description:
				'Which Calypso API host your keys belong to. Calypso documents both hosts with the same paths; ask Calypso support if unsure.',
		}),
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
			baseURL: API_HOST_EXPRESSION,
			method: 'POST',
			url: '/api/v1/subscription/webhook',
		},
	};
}
