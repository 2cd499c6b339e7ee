import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { API_HOST_EXPRESSION, apiHostProperties } from '../nodes/shared/apiHost';
import { EXOTEL_API_HOST_CHOICES } from '../nodes/Exotel/transport/apiHost';

const WRONG_CLUSTER_HINT =
	'and that the API Host is the cluster your account is on (the other cluster answers 401 or 404 even with the right key)';

export class ExotelApi implements ICredentialType {
	name = 'exotelApi';

	displayName = 'Exotel API';

	icon: Icon = { light: 'file:../icons/exotel.svg', dark: 'file:../icons/exotel.dark.svg' };

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
		...apiHostProperties({
			provider: 'Exotel',
			hosts: EXOTEL_API_HOST_CHOICES,
			description:
				'The Exotel cluster your account is on (Settings → API Settings shows it). The wrong one answers 401 or 404 even with the right key.',
		}),
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
			baseURL: API_HOST_EXPRESSION,
			url: '=/v1/Accounts/{{ encodeURIComponent($credentials.accountSid) }}/Balance.json',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `Exotel refused the API key or API token. Check both, ${WRONG_CLUSTER_HINT}.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Exotel does not know this account SID here. Check the SID, ${WRONG_CLUSTER_HINT}.`,
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
