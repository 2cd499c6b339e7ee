import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_LOOKUP_PATH } from '../transport/payments';

/** The payment lookup path choice, shared by Payment → Get and the trigger (under their Options). */
export const lookupPathField: INodeProperties = {
	displayName: 'Lookup Path',
	name: 'lookupPath',
	type: 'options',
	options: [
		{
			name: 'Documented Path',
			value: '/v1/payments',
			description: 'GET /v1/payments/{configuration}/{reference_id}, as in the 360dialog payments documentation',
		},
		{
			name: 'Path Without V1',
			value: '/payments',
			description: 'GET /payments/{configuration}/{reference_id}, the Cloud API style, if the documented path answers 404',
		},
	],
	default: DEFAULT_LOOKUP_PATH,
	description:
		"Where 360dialog's payment lookup lives. Its documents disagree on the path; change it only if the default answers 404.",
};
