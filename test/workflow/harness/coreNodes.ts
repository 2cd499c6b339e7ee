// Minimal stand-ins for the n8n-nodes-base nodes workflow tests need (we do not install
// n8n-nodes-base). They mirror the real nodes' behaviour, not their full descriptions.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

function describe(name: string, displayName: string, trigger: boolean): INodeTypeDescription {
	return {
		displayName,
		name,
		group: [trigger ? 'trigger' : 'transform'],
		version: 1,
		description: `Test stand-in for n8n-nodes-base.${name}`,
		defaults: { name: displayName },
		inputs: trigger ? [] : ['main'],
		outputs: ['main'],
		properties: [],
	};
}

/** Like n8n's Manual Trigger: on "Execute workflow" it emits one empty item. */
class ManualTrigger implements INodeType {
	description = describe('manualTrigger', 'When clicking ‘Execute workflow’', true);

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Like n8n's No Operation node: passes its input through unchanged. */
class NoOp implements INodeType {
	description = describe('noOp', 'No Operation, do nothing', false);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const coreNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
};
