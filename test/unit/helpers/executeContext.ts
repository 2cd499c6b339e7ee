/**
 * A small typed stand-in for n8n's IExecuteFunctions, for unit-testing an action node's
 * execute() without an n8n process.
 *
 *   const { ctx, http } = createExecuteContext({
 *     parameters: { operation: 'sendPaymentRequest', to: '+919876543210', ... },
 *     itemParameters: [{}, { to: 'not a number' }],   // per-item values, as expressions give them
 *     continueOnFail: true,
 *   });
 *   http.mockResolvedValueOnce({ statusCode: 202, body: {...} });
 *   const [output] = await node.execute.call(ctx);
 *   expect(http).toHaveBeenCalledTimes(1);
 *
 * - `parameters` are the node's parameters; `itemParameters[i]` is merged over them (shallowly)
 *   for input item i. getNodeParameter understands dotted paths ('items.item', 'options.x'),
 *   returns the fallback for a missing parameter and throws without one, like n8n.
 * - Input items: `items` (default: one empty item per entry of itemParameters, at least one).
 * - `http` is helpers.httpRequestWithAuthentication: a jest.fn to program and assert on. It is
 *   called with (credentialType, requestOptions). Nothing else in the helpers talks to a network.
 * - helpers.returnJsonArray and helpers.constructExecutionMetaData are n8n-core's own.
 * - `node` carries `retryOnFail` etc. when given.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';

export interface ExecuteContextOptions {
	parameters?: IDataObject;
	itemParameters?: IDataObject[];
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node?: Partial<INode>;
	timezone?: string;
	http?: jest.Mock;
}

export interface ExecuteContext {
	ctx: IExecuteFunctions;
	http: jest.Mock;
	node: INode;
}

/** Fake but plausible Exotel credentials (never real secrets). */
export const EXOTEL_TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: 'test-exotel-key',
	apiToken: 'test-exotel-token',
	accountSid: 'test-sid',
	apiHost: 'https://api.exotel.com',
};

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

export function createExecuteContext(options: ExecuteContextOptions = {}): ExecuteContext {
	const itemParameters = options.itemParameters ?? [];
	const items: INodeExecutionData[] =
		options.items ?? Array.from({ length: Math.max(1, itemParameters.length) }, () => ({ json: {} }));
	const credentials = options.credentials ?? { exotelApi: EXOTEL_TEST_CREDENTIALS };
	const http = options.http ?? jest.fn();
	const node: INode = {
		id: 'node-1',
		name: 'Node Under Test',
		type: 'n8n-nodes-chat-payments.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: (options.parameters ?? {}) as INode['parameters'],
		...options.node,
	};

	const parametersOf = (itemIndex: number): IDataObject => ({
		...(options.parameters ?? {}),
		...(itemParameters[itemIndex] ?? {}),
	});

	const implemented: Pick<
		IExecuteFunctions,
		| 'getNodeParameter'
		| 'getInputData'
		| 'continueOnFail'
		| 'getNode'
		| 'getCredentials'
		| 'getTimezone'
		| 'getMode'
	> = {
		getNodeParameter: ((name: string, itemIndex: number, ...fallback: unknown[]) => {
			const value = getPath(parametersOf(itemIndex), name);
			if (value !== undefined) return value;
			if (fallback.length > 0) return fallback[0];
			throw new NodeOperationError(node, `Could not get parameter "${name}"`, { itemIndex });
		}) as IExecuteFunctions['getNodeParameter'],
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getNode: () => node,
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>(type: string) => {
			if (!(type in credentials)) {
				throw new NodeOperationError(node, `Node does not have any credentials set for "${type}"`);
			}
			return { ...credentials[type] } as T;
		},
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => 'manual',
	};

	const ctx = {
		...implemented,
		helpers: {
			httpRequestWithAuthentication: http,
			returnJsonArray,
			constructExecutionMetaData,
		},
	} as unknown as IExecuteFunctions;

	return { ctx, http, node };
}
