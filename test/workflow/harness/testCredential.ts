// A credential type's `test` request, run the way n8n's CredentialsTester runs it: as a
// declarative node whose only property routes `test.request`, so the request goes through
// n8n-core's RoutingNode and the credential's `authenticate`.
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HarnessCredentialTypes } from './credentials';
import { runWorkflow } from './runWorkflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const TEST_NODE = 'harness.credentialTest';

function valueAt(data: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], data);
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	options: { credentialTypes?: ICredentialType[] } = {},
): Promise<CredentialTestResult> {
	const test = new HarnessCredentialTypes(options.credentialTypes).getByName(type).test;
	if (test === undefined) throw new Error(`Credential type "${type}" has no test request`);
	const testNode: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Sends a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } },
			],
		},
	};
	const run = await runWorkflow({
		workflow: { nodes: [{ name: 'Credential Test', type: TEST_NODE }], connections: {} },
		credentials: { [type]: data },
		credentialTypes: options.credentialTypes,
		nodeTypes: { [TEST_NODE]: testNode },
		mode: 'internal',
	});
	const error = run.nodeError('Credential Test');
	const rules = test.rules ?? [];
	if (error !== undefined) {
		const httpCode = (error as { httpCode?: string | null }).httpCode;
		const matched = rules.find(
			(rule) => rule.type === 'responseCode' && String(rule.properties.value) === String(httpCode),
		);
		return { status: 'Error', message: matched?.properties.message ?? error.message };
	}
	const body = run.output('Credential Test')[0]?.json;
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
