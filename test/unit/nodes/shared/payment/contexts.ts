// The context a status check or a clean-up runs in, as little of it as a waiting node's webhook()
// gives them: the node, its credentials and n8n's authenticated request helper. Reading a node
// parameter fails the test: the checks must work where parameters are not the payment's.
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import type { RequestContext } from '../../../../../nodes/shared/transport/request';

export const NODE: INode = {
	id: 'wait-1',
	name: 'Wait for Payment',
	type: 'n8n-nodes-chat-payments.waitForPayment',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function requestContext(credentials: Record<string, ICredentialDataDecryptedObject>, http: jest.Mock): RequestContext {
	return {
		getNode: () => NODE,
		getCredentials: async (type: string) => {
			if (!(type in credentials)) throw new Error(`no credential ${type}`);
			return { ...credentials[type] };
		},
		getNodeParameter: () => {
			throw new Error('a status check read a node parameter');
		},
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as RequestContext;
}
