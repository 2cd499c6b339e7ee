// The INodeTypes the engine asks for node implementations. Resolution order: node types the test
// passes in, the core stand-ins (coreNodes.ts), then this package's nodes from source under
// `n8n-nodes-chat-payments.<name>` (the name a real n8n gives them) or `CUSTOM.<name>`.
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { coreNodeTypes } from './coreNodes';
import { SourceRegistry } from './packageSource';

export const PACKAGE_NODE_PREFIX = 'n8n-nodes-chat-payments.';
const PACKAGE_PREFIXES = [PACKAGE_NODE_PREFIX, 'CUSTOM.'];

export type AnyNodeType = INodeType | IVersionedNodeType;

const packageNodes = new SourceRegistry<AnyNodeType>('nodes', '.node.ts');

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly extra: Record<string, AnyNodeType> = {}) {}

	getByName(type: string): AnyNodeType {
		const found = this.extra[type] ?? coreNodeTypes[type] ?? this.fromPackage(type);
		if (found === undefined) throw new Error(`Unrecognized node type: ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private fromPackage(type: string): AnyNodeType | undefined {
		const prefix = PACKAGE_PREFIXES.find((candidate) => type.startsWith(candidate));
		return prefix === undefined ? undefined : packageNodes.find(type.slice(prefix.length));
	}
}
