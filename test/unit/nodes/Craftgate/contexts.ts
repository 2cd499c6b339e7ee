// Runs the Craftgate node or the Craftgate Trigger's webhook() against a FakeCraftgate, with
// n8n's helpers standing in (test/unit/helpers) and the real credential signing every request.
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { Craftgate } from '../../../../nodes/Craftgate/Craftgate.node';
import { CraftgateTrigger } from '../../../../nodes/Craftgate/CraftgateTrigger.node';
import { FAKE_CREDENTIALS, FakeCraftgate } from '../../../fakes/craftgate';
import { createExecuteContext } from '../../helpers/executeContext';
import { createWebhookContext, type WebhookContextOptions } from '../../helpers/webhookContext';

export interface NodeRunOptions {
	fake?: FakeCraftgate;
	/** Per input item, merged over the parameters. */
	itemParameters?: IDataObject[];
	continueOnFail?: boolean;
	/** What the node's credential holds (default: the fake account's keys on the sandbox). */
	credentials?: ICredentialDataDecryptedObject;
	node?: Partial<INode>;
}

export interface NodeRun {
	fake: FakeCraftgate;
	output: INodeExecutionData[];
	error?: Error;
}

/** Runs the Craftgate node once; `error` is what it threw (then `output` is empty). */
export async function runCraftgate(parameters: IDataObject, options: NodeRunOptions = {}): Promise<NodeRun> {
	const fake = options.fake ?? new FakeCraftgate();
	const credentials = options.credentials ?? FAKE_CREDENTIALS;
	const { ctx } = createExecuteContext({
		parameters,
		itemParameters: options.itemParameters,
		continueOnFail: options.continueOnFail,
		credentials: { craftgateApi: credentials },
		node: { name: 'Craftgate', type: 'n8n-nodes-chat-payments.craftgate', ...options.node },
		http: fake.httpHelper(credentials),
	});
	try {
		const [output] = await new Craftgate().execute.call(ctx);
		return { fake, output };
	} catch (error) {
		return { fake, output: [], error: error as Error };
	}
}

export interface DeliveryOptions extends Omit<WebhookContextOptions, 'credentials' | 'helpers'> {
	fake?: FakeCraftgate;
	credentials?: ICredentialDataDecryptedObject;
}

/** One delivery to the Craftgate Trigger's webhook(); `events` are the items it emits. */
export async function deliverToTrigger(options: DeliveryOptions) {
	const fake = options.fake ?? new FakeCraftgate();
	const credentials = options.credentials ?? FAKE_CREDENTIALS;
	const context = createWebhookContext({
		nodeType: 'n8n-nodes-chat-payments.craftgateTrigger',
		...options,
		credentials: { craftgateApi: credentials },
		helpers: { httpRequestWithAuthentication: fake.httpHelper(credentials) as never },
	});
	const result = await new CraftgateTrigger().webhook.call(context.ctx);
	const events = (result.workflowData?.[0] ?? []).map((item) => item.json);
	return { ...context, fake, result, events };
}

/** A node's canvas subtitle as n8n's expression evaluator renders it for these parameters. */
export function renderSubtitle(type: INodeType, parameters: INode['parameters']): unknown {
	const instance: INode = { id: 'n', name: 'N', type: 'test.node', typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [instance], connections: {}, active: false, nodeTypes: nodeTypes as never });
	return workflow.expression.getSimpleParameterValue(instance, type.description.subtitle, 'internal', {});
}
