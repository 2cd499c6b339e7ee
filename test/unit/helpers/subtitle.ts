import type { IDataObject, INode, INodeType, INodeTypeDescription, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/** A node's subtitle as the canvas shows it for `parameters`, evaluated by n8n-workflow's expression engine. */
export function subtitleOf(description: INodeTypeDescription, parameters: IDataObject): string {
	const node: INode = { id: '1', name: 'Node', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'] };
	const nodeTypes: INodeTypes = {
		getByName: () => ({ description }) as INodeType | IVersionedNodeType,
		getByNameAndVersion: () => ({ description }) as INodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(workflow.expression.getSimpleParameterValue(node, String(description.subtitle), 'internal', {}));
}
