import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { EXOTEL_REGION_HOSTS } from '../nodes/Exotel/transport/baseUrl';

/** The same choice as `exotelBaseUrl()` in the transport, written as an n8n expression. */
const BASE_URL_EXPRESSION =
	"={{ $credentials.region === 'custom' ? String($credentials.baseUrl).replace(/\\/+$/, '') : " +
	`($credentials.region === 'mumbai' ? '${EXOTEL_REGION_HOSTS.mumbai}' : '${EXOTEL_REGION_HOSTS.singapore}') }}`;

export class ExotelApi implements ICredentialType {
	name = 'exotelApi';

	displayName = 'Exotel API';

	icon: Icon = { light: 'file:exotel.svg', dark: 'file:exotel.dark.svg' };

	documentationUrl = 'https://developer.exotel.com/api/whatsapp';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Exotel dashboard: Settings → API Settings',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Exotel dashboard: Settings → API Settings',
		},
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			required: true,
			default: '',
			description: 'Exotel dashboard: Settings → API Settings',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{
					name: 'Singapore (api.exotel.com)',
					value: 'singapore',
				},
				{
					name: 'Mumbai (api.in.exotel.com)',
					value: 'mumbai',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another address, e.g. a proxy or a local emulator for tests',
				},
			],
			default: 'singapore',
			description:
				'The Exotel cluster your account is on. The wrong one answers 401 or 404 even with the right key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8090',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
			description: 'Requests go to this address instead of an Exotel cluster',
		},
	];

	// HTTP Basic in the Authorization header. Exotel's examples put key:token in the URL, which
	// fetch-based clients refuse and logs would keep; the header is equivalent for Exotel.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Basic {{ ($credentials.apiKey + ":" + $credentials.apiToken).base64Encode() }}',
			},
		},
	};

	// Exotel's Account Balance API (GET /v1/Accounts/<sid>/Balance.json,
	// developer.exotel.com/docs/voice-v1/api-reference/balance): a read-only call that needs the key,
	// the token and the SID together, so each of them is really checked.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '=/v1/Accounts/{{ encodeURIComponent($credentials.accountSid) }}/Balance.json',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Exotel refused the API key or API token. Check both, and that the region is the cluster your account is on.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Exotel does not know this account SID here. Check the SID, and that the region is the cluster your account is on.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key and token are valid but have no access: check IP whitelisting in the Exotel dashboard',
				},
			},
		],
	};
}
