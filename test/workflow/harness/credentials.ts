// Credentials for the engine: a map of credential type -> decrypted data stands in for n8n's
// encrypted store. `authenticate` follows n8n's CLI CredentialsHelper: a function authenticator is
// awaited with (credentials, requestOptions); a generic one has each `={{$credentials.x}}` in
// headers/qs/body/auth resolved by the workflow's expression engine and written into the request.
// Credential defaults are filled in from the credential type's properties, as n8n does.
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, isExpression } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

import { SourceRegistry } from './packageSource';

/** Credential type name (e.g. `craftgateApi`) -> the decrypted credential data. */
export type CredentialsMap = Record<string, ICredentialDataDecryptedObject>;

const packageCredentials = new SourceRegistry<ICredentialType>('credentials', '.credentials.ts');

export class HarnessCredentialTypes {
	private readonly extra: Map<string, ICredentialType>;

	constructor(extra: ICredentialType[] = []) {
		this.extra = new Map(extra.map((type) => [type.name, type]));
	}

	getByName(name: string): ICredentialType {
		const found = this.extra.get(name) ?? packageCredentials.find(name);
		if (found === undefined) throw new Error(`Unknown credential type: ${name}`);
		return found;
	}
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: HarnessCredentialTypes,
		private readonly store: CredentialsMap,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (workflow === undefined || node === undefined) {
			throw new Error('Workflow and node are required for generic credential authentication');
		}
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		target.headers ??= {};
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			target[section] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				const resolvedKey = this.resolve(key, credentials, workflow, node);
				target[section][resolvedKey] = this.resolve(value, credentials, workflow, node);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return String(value);
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	/** n8n refreshes `expirable` hidden fields through the type's preAuthentication hook. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const refreshed = output as ICredentialDataDecryptedObject;
		this.store[typeName] = { ...this.store[typeName], ...refreshed };
		return Object.assign(credentials, refreshed);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.types.getByName(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.getByName(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`The workflow harness keeps no encrypted credentials (asked for "${type}")`);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		resolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (stored === undefined) {
			throw new Error(`No "${type}" credentials were given to the workflow harness`);
		}
		if (raw === true) return clone(stored);
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			clone(stored) as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (resolveValues !== undefined) {
			data = resolveValues.workflow.expression.getParameterValue(
				data as INodeParameters,
				resolveValues.runExecutionData,
				resolveValues.runIndex,
				resolveValues.itemIndex,
				resolveValues.node.name,
				resolveValues.connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = clone(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...this.store[type], oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
