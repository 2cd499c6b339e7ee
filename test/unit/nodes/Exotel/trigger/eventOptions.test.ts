// Defect 5 of issue 9: the canvas subtitle named an event ("Message Status") that the Events
// option does not have. The subtitle is evaluated here as the editor evaluates it, with n8n's
// expression engine and the node's parameters, for every set of events.
import type { INode, INodeType, INodeTypes, IVersionedNodeType, NodeParameterValueType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExotelTrigger } from '../../../../../nodes/Exotel/ExotelTrigger.node';
import { CALLBACK_EVENTS } from '../../../../../nodes/Exotel/trigger/eventOptions';

const trigger = new ExotelTrigger();

function subtitleFor(events: NodeParameterValueType): unknown {
	const node: INode = {
		id: '1',
		name: 'Exotel Trigger',
		type: 'n8n-nodes-chat-payments.exotelTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: events === undefined ? {} : { events },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType | IVersionedNodeType,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, trigger.description.subtitle, 'internal', {}, undefined, '');
}

describe('Exotel Trigger events and subtitle', () => {
	it('lists the events by names a person reads, sorted by name', () => {
		expect(CALLBACK_EVENTS.map((event) => [event.name, event.value])).toEqual([
			['Message Delivery Update', 'messageStatus'],
			['Message Failed', 'messageFailed'],
			['Other Payment Status', 'paymentOther'],
			['Payment Succeeded', 'paymentSucceeded'],
		]);
		const events = trigger.description.properties.find((property) => property.name === 'events');
		expect(events?.options).toBe(CALLBACK_EVENTS);
		expect(events?.default).toEqual(['paymentSucceeded', 'paymentOther']);
	});

	it.each(CALLBACK_EVENTS.map((event) => [event.value, event.name]))('shows %s as "%s"', (value, name) => {
		expect(subtitleFor([value as string])).toBe(name);
	});

	it.each([
		[['paymentSucceeded', 'paymentOther'], 'Payment Succeeded, Other Payment Status'],
		[
			['paymentSucceeded', 'paymentOther', 'messageStatus', 'messageFailed'],
			'Payment Succeeded, Other Payment Status, Message Delivery Update, Message Failed',
		],
		[['messageFailed', 'messageStatus'], 'Message Failed, Message Delivery Update'],
		[[], ''],
	])('shows %j as "%s"', (events, expected) => {
		expect(subtitleFor(events)).toBe(expected);
	});

	it('invents no name for a value the Events option does not have (a hand-edited workflow)', () => {
		expect(subtitleFor(['paymentSucceeded', 'somethingElse'])).toBe('Payment Succeeded, somethingElse');
	});
});
