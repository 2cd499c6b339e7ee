// Message → Send Text (Exotel, 360dialog) and WhatsApp Order Status (both providers) with Input
// Data Mode "Take From Input Items" (issue #13): recipient, text and reference id come from each
// input item by field name; the same rules run, and their messages name the input field.
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { WhatsAppOrderStatus } from '../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { acceptAll, fakeDialog360, TEST_CREDENTIALS } from '../../fakes/dialog360';
import { EXOTEL_CREDENTIALS, fakeExotel } from '../../fakes/exotel';
import { createExecuteContext } from '../helpers/executeContext';

type Sent = IDataObject & { to: string };

interface Provider {
	name: string;
	provider: string;
	recipient: { given: string; sent: string };
	/** Runs `node` over `items`; `sent()` lists the messages the fake provider received. */
	start(node: INodeType, parameters: IDataObject, items: IDataObject[], continueOnFail?: boolean): { execution: Promise<INodeExecutionData[][]>; sent: () => Sent[] };
}

const exotel: Provider = {
	name: 'Exotel',
	provider: 'exotel',
	recipient: { given: '+91 98765 43210', sent: '+919876543210' },
	start(node, parameters, items, continueOnFail = false) {
		const fake = fakeExotel();
		const context = createExecuteContext({
			credentials: { exotelApi: EXOTEL_CREDENTIALS },
			parameters: { from: '+918012345678', ...parameters },
			items: items.map((json) => ({ json })),
			continueOnFail,
		});
		context.http.mockImplementation(fake.http);
		return {
			execution: node.execute!.call(context.ctx) as Promise<INodeExecutionData[][]>,
			sent: () => fake.seen.flatMap((request) => request.messages as Sent[]),
		};
	},
};

const dialog360: Provider = {
	name: '360dialog',
	provider: 'dialog360',
	recipient: { given: '+91 98765 43210', sent: '919876543210' },
	start(node, parameters, items, continueOnFail = false) {
		const { http, calls } = fakeDialog360(acceptAll);
		const context = createExecuteContext({
			credentials: { dialog360Api: TEST_CREDENTIALS },
			parameters,
			items: items.map((json) => ({ json })),
			continueOnFail,
			http,
		});
		return {
			execution: node.execute!.call(context.ctx) as Promise<INodeExecutionData[][]>,
			sent: () => calls.map((call) => call.body as Sent),
		};
	},
};

async function failureOf(promise: Promise<unknown>): Promise<{ message: string; description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as { message: string; description?: string };
	}
	throw new Error('expected the node to fail');
}

const TEXT = { resource: 'message', operation: 'sendText', inputDataMode: 'autoMapInputData', toField: 'to', textField: 'text', previewUrl: true, options: {} };

describe.each([exotel, dialog360])('$name: Message → Send Text, Take From Input Items', (provider) => {
	const node = provider.provider === 'exotel' ? new Exotel() : new Dialog360();

	it('offers the mode and the To Field and Text Field, the text itself only in Define Below mode', () => {
		const properties = node.description.properties.filter((property) => property.displayOptions?.show?.operation?.includes('sendText'));
		const names = (mode: string) =>
			properties.filter((property) => [undefined, mode].includes(property.displayOptions?.show?.inputDataMode?.[0] as string)).map((property) => property.name);
		expect(names('autoMapInputData')).toEqual(expect.arrayContaining(['inputDataMode', 'toField', 'textField', 'previewUrl', 'options']));
		expect(names('autoMapInputData')).not.toEqual(expect.arrayContaining(['text']));
		expect(names('defineBelow')).toEqual(expect.arrayContaining(['to', 'text', 'previewUrl']));
		expect(properties.find((property) => property.name === 'textField')).toMatchObject({ default: 'text', noDataExpression: true });
	});

	it('sends each item\'s text to its number, with the node\'s Preview Link', async () => {
		const items = [0, 1].map((i) => ({ to: provider.recipient.given, text: `Pay here: https://pay.example.test/${i}` }));
		const { execution, sent } = provider.start(node, { ...TEXT, previewUrl: false }, items);
		const [output] = await execution;
		expect(sent().map((message) => [message.to, (message.content as IDataObject | undefined)?.text ?? message.text])).toEqual(
			items.map((item) => [provider.recipient.sent, { body: item.text, preview_url: false }]),
		);
		expect(output.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['an empty text', { text: '  ' }, '"Text" is empty', 'Check field "text" of input item 1.'],
		['a text that is an object', { text: { link: 'x' } }, '"Text" must be text, got an object', 'Check field "text" of input item 1.'],
		['a text over 4096 characters', { text: 'x'.repeat(4097) }, '"Text" is 4097 characters long; WhatsApp takes at most 4096', 'Check field "text" of input item 1.'],
		['no number', { to: '' }, '"To" is empty', 'Check field "to" of input item 1'],
	])('%s stops the node before anything is sent, naming the item and the input field', async (_, change, message, description) => {
		const items = [{ to: provider.recipient.given, text: 'ok' }, { to: provider.recipient.given, text: 'ok', ...change }];
		const { execution, sent } = provider.start(node, TEXT, items);
		const error = await failureOf(execution);
		expect(error.message).toBe(message);
		expect(error.description).toContain(description);
		expect(sent()).toEqual([]);
	});

	it('names a field of another name in its message', async () => {
		const { execution } = provider.start(node, { ...TEXT, textField: 'reply.body' }, [{ to: provider.recipient.given, reply: { body: '' } }]);
		expect((await failureOf(execution)).description).toBe('Check field "reply.body" of input item 0.');
	});
});

const ORDER_STATUS = {
	resource: 'order',
	operation: 'updateStatus',
	inputDataMode: 'autoMapInputData',
	referenceIdField: 'referenceId',
	toField: 'to',
	status: 'shipped',
	bodyText: 'Your order is on its way',
	options: {},
};

describe.each([exotel, dialog360])('WhatsApp Order Status through $name, Take From Input Items', (provider) => {
	const node = new WhatsAppOrderStatus();
	const parameters = { ...ORDER_STATUS, provider: provider.provider };

	it('shows Reference ID and To only in Define Below mode, and the field names in the other', () => {
		const properties = node.description.properties.filter((property) => property.displayOptions?.show?.provider?.includes(provider.provider) || property.displayOptions?.show?.operation?.includes('updateStatus') || property.displayOptions?.show?.resource?.includes('order'));
		const modeOf = (name: string) => properties.filter((property) => property.name === name).map((property) => property.displayOptions?.show?.inputDataMode);
		expect(modeOf('referenceId').length).toBeGreaterThan(0);
		expect(modeOf('referenceId').every((mode) => mode?.[0] === 'defineBelow')).toBe(true);
		expect(modeOf('to')).toEqual(expect.arrayContaining([['defineBelow']]));
		expect(modeOf('referenceIdField')).toEqual([['autoMapInputData']]);
		expect(modeOf('toField')).toEqual([['autoMapInputData']]);
		expect(properties.find((property) => property.name === 'inputDataMode')).toMatchObject({ default: 'defineBelow' });
	});

	it('sends each item\'s order its new status, reading the reference id and number from the item', async () => {
		const items = [1, 2].map((i) => ({ referenceId: `ORD-${i}`, to: provider.recipient.given }));
		const { execution, sent } = provider.start(node, parameters, items);
		const [output] = await execution;
		const messages = sent();
		expect(messages.map((message) => message.to)).toEqual([provider.recipient.sent, provider.recipient.sent]);
		const interactives = messages.map((message) => (message.interactive ?? (message.content as IDataObject).interactive) as IDataObject);
		expect(interactives.map((interactive) => (interactive.action as IDataObject).parameters)).toEqual([
			{ reference_id: 'ORD-1', order: { status: 'shipped' } },
			{ reference_id: 'ORD-2', order: { status: 'shipped' } },
		]);
		expect(output.map((entry) => entry.json.referenceId)).toEqual(['ORD-1', 'ORD-2']);
	});

	it.each([
		['no reference id', { referenceId: '' }, 'reference_id must not be empty', 'Check field "referenceId" of input item 1.'],
		['a reference id with a slash', { referenceId: 'ORD/2' }, 'may only contain English letters', 'Check field "referenceId" of input item 1.'],
		['no number', { to: undefined }, '"To" is empty', 'Check field "to" of input item 1'],
	])('%s stops the node before anything is sent, naming the input field', async (_, change, message, description) => {
		const items: IDataObject[] = [{ referenceId: 'ORD-1', to: provider.recipient.given }, { referenceId: 'ORD-2', to: provider.recipient.given, ...change }];
		const { execution, sent } = provider.start(node, parameters, items);
		const error = await failureOf(execution);
		expect(error.message).toContain(message);
		expect(error.description).toContain(description);
		expect(sent()).toEqual([]);
	});

	it('still refuses a move WhatsApp forbids, on the Current Status option', async () => {
		const { execution } = provider.start(node, { ...parameters, options: { currentStatus: 'completed' } }, [{ referenceId: 'ORD-1', to: provider.recipient.given }]);
		const error = await failureOf(execution);
		expect(error.message).toContain('ORD-1');
		expect(error.description).toContain('Check field "options.currentStatus" of input item 0');
	});

	it('cancels with the reason, the order and number read from fields of other names', async () => {
		const named = provider.start(node, { ...parameters, operation: 'cancelOrder', referenceIdField: 'ref', toField: 'phone', options: { cancelReason: 'Out of stock' } }, [
			{ ref: 'ORD-7', phone: provider.recipient.given },
		]);
		await named.execution;
		const [message] = named.sent();
		const interactive = (message.interactive ?? (message.content as IDataObject).interactive) as IDataObject;
		expect((interactive.action as IDataObject).parameters).toEqual({ reference_id: 'ORD-7', order: { status: 'canceled', description: 'Out of stock' } });
	});
});
