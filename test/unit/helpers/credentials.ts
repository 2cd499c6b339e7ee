import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The credentials n8n asks for when the node's parameters are `parameters` (its own display rule). */
export function credentialsShown(description: INodeTypeDescription, parameters: Record<string, unknown>): string[] {
	const node = { name: 'Node', type: description.name, typeVersion: 1, position: [0, 0] as [number, number], parameters: parameters as never };
	return (description.credentials ?? [])
		.filter((credential) => NodeHelpers.displayParameter(parameters as never, credential, node, description, parameters as never))
		.map((credential) => credential.name);
}

/**
 * The parameters n8n's editor takes for an authentication choice and hides from the panel (it sets
 * them from the credential picked): those whose every option is listed by value in some
 * credential's `show` (editor-ui nodeTypesUtils getMainAuthField, n8n 2.41).
 */
export function parametersTakenForAuthentication(description: INodeTypeDescription): string[] {
	const listed: Record<string, string[]> = {};
	for (const credential of description.credentials ?? []) {
		for (const [name, values] of Object.entries(credential.displayOptions?.show ?? {})) {
			listed[name] = [...(listed[name] ?? []), ...(values ?? []).map((value) => String(value))];
		}
	}
	return description.properties
		.filter((property) => property.name in listed && (property.options ?? []).every((option) => 'value' in option && listed[property.name].includes(String(option.value))))
		.map((property) => property.name);
}
