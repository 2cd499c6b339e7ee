import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { CalypsoPay } from '../../../nodes/Calypso/CalypsoPay.node';
import { Craftgate } from '../../../nodes/Craftgate/Craftgate.node';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { WhatsAppOrderStatus } from '../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { subtitleOf } from '../helpers/subtitle';

/*
 * n8n's linter wants an action node's subtitle as a literal string, so each node writes its
 * operation and resource names out by hand; this keeps them equal to the options the panel shows.
 */

const actionNodes: INodeType[] = [new Exotel(), new Dialog360(), new WhatsAppOrderStatus(), new Craftgate(), new CalypsoPay()];

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []) as INodePropertyOptions[];
}

describe.each(actionNodes.map((node) => [node.description.displayName, node] as const))('%s subtitle', (_name, node) => {
	const { properties } = node.description;
	const resource = properties.find((property) => property.name === 'resource')!;
	const pairs = optionsOf(resource).flatMap((resourceOption) => {
		const operation = properties.find(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[] | undefined)?.includes(String(resourceOption.value)),
		)!;
		return optionsOf(operation).map((operationOption) => ({ resourceOption, operationOption }));
	});

	it('has a resource with operations', () => {
		expect(pairs.length).toBeGreaterThan(0);
	});

	it.each(pairs.map(({ resourceOption, operationOption }) => [`${operationOption.name}: ${resourceOption.name}`, resourceOption, operationOption]))(
		'reads "%s"',
		(expected, resourceOption, operationOption) => {
			const parameters = { resource: String(resourceOption.value), operation: String(operationOption.value) };
			expect(subtitleOf(node.description, parameters)).toBe(expected);
		},
	);
});
