// 360dialog: Message → Send Text, run as n8n runs it against a fresh fake 360dialog per test.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { accepted, graphError } from '../../../../../fakes/dialog360';
import { failure, node, run as runNode, start as startNode } from '../../fixtures';

const LINK_TEXT = 'Hi Asha, pay for order 1042 here:\nhttps://pay.example.com/l/abc123';

const TEXT_FIELDS: IDataObject = {
	resource: 'message',
	operation: 'sendText',
	to: '+91 98765 43210',
	text: LINK_TEXT,
	previewUrl: true,
	options: {},
};

type Options = Parameters<typeof startNode>[0];
const start = (options: Options = {}) => startNode({ base: TEXT_FIELDS, ...options });
const run = async (options: Options = {}) => await runNode({ base: TEXT_FIELDS, ...options });

const texts = (count: number): IDataObject[] => Array.from({ length: count }, (_, i) => ({ text: `Order ${i}: https://pay.example.com/l/${i}` }));
const bodyOf = (body: IDataObject | undefined) => (body?.text as IDataObject | undefined)?.body;

describe('360dialog: Message → Send Text', () => {
	describe('description', () => {
		// What the default Input Data Mode (Define Below) shows.
		const shown = node.description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('message') &&
				property.displayOptions?.show?.operation?.includes('sendText') &&
				property.name !== 'inputDataMode' &&
				!property.displayOptions?.show?.inputDataMode?.includes('autoMapInputData'),
		);

		it('shows To, Text, Preview Link and Options holding the time limit', () => {
			expect(shown.map((property) => property.name)).toEqual(['to', 'text', 'previewUrl', 'options']);
			const byName = Object.fromEntries(shown.map((property) => [property.name, property]));
			expect(byName.to).toMatchObject({ displayName: 'To', required: true, placeholder: 'e.g. 919876543210' });
			expect(byName.text).toMatchObject({ displayName: 'Text', type: 'string', required: true, typeOptions: { rows: 4 } });
			expect(byName.previewUrl).toMatchObject({ displayName: 'Preview Link', type: 'boolean', default: true });
			expect((byName.options.options as INodeProperties[]).map((option) => option.name)).toEqual(['timeout']);
		});
	});

	describe('the Cloud API message', () => {
		it('posts a text message with its link preview to /messages and returns the wamid', async () => {
			const { items, calls } = await run();
			expect(calls).toHaveLength(1);
			expect(calls[0].credentialType).toBe('dialog360Api');
			expect(calls[0].options).toMatchObject({ method: 'POST', url: 'https://waba-v2.360dialog.io/messages', timeout: 30_000 });
			expect(calls[0].body).toEqual({
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'text',
				text: { body: LINK_TEXT, preview_url: true },
			});
			expect(items).toEqual([{ json: { to: '919876543210', wamid: 'wamid.0', waId: '919876543210' }, pairedItem: { item: 0 } }]);
		});

		it.each([
			[false, false],
			['false', false],
			[' TRUE ', true],
		])('Preview Link %j sends preview_url %j', async (previewUrl, wire) => {
			const { calls } = await run({ parameters: { previewUrl } });
			expect((calls[0].body!.text as IDataObject).preview_url).toBe(wire);
		});

		it('sends the text exactly as entered, and 4096 characters (an emoji counting as one) still go', async () => {
			const spaced = '  *Order 1042*  is ready 🎉\n\nPay: https://pay.example.com/l/abc  ';
			const { calls } = await run({ itemParameters: [{ text: spaced }, { text: 'a'.repeat(4096) }, { text: '🎉'.repeat(4096) }] });
			expect(calls.map((call) => bodyOf(call.body))).toEqual([spaced, 'a'.repeat(4096), '🎉'.repeat(4096)]);
		});

		it('repeats the message status when 360dialog gives one', async () => {
			const { items } = await run({
				respond: () => ({ status: 200, body: { contacts: [{ wa_id: '919876543210' }], messages: [{ id: 'wamid.X', message_status: 'accepted' }] } }),
			});
			expect(items[0].json).toEqual({ to: '919876543210', wamid: 'wamid.X', waId: '919876543210', messageStatus: 'accepted' });
		});

		it('waits Options → Timeout (Seconds) for the answer', async () => {
			const { calls } = await run({ parameters: { options: { timeout: 9 } } });
			expect(calls[0].options).toMatchObject({ timeout: 9_000 });
		});
	});

	describe('one request per message', () => {
		it('sends each item on its own, in order, each output paired with its item', async () => {
			const { items, calls } = await run({ itemParameters: texts(3) });
			expect(calls.map((call) => bodyOf(call.body))).toEqual(texts(3).map((item) => item.text));
			expect(items.map((item) => [item.json.wamid, item.pairedItem])).toEqual([
				['wamid.0', { item: 0 }],
				['wamid.1', { item: 1 }],
				['wamid.2', { item: 2 }],
			]);
		});

		it('sends nothing for no input items', async () => {
			const { items, http } = await run({ items: [] });
			expect(items).toEqual([]);
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('bad input, refused before anything is sent', () => {
		it.each([
			['an empty text', { text: '' }, '"Text" is empty', 'text'],
			['a text of spaces only', { text: '   ' }, '"Text" is empty', 'text'],
			['a text over 4096 characters', { text: '🎉'.repeat(4097) }, '"Text" is 4097 characters long; WhatsApp takes at most 4096', 'text'],
			['a list as text', { text: ['a'] }, '"Text" must be text, got a list', 'text'],
			['a Preview Link that is not true or false', { previewUrl: 1 }, '"Preview Link" must be true or false, got 1', 'previewUrl'],
		])('%s, naming the item and the field', async (_case, parameters, message, field) => {
			const { execution, http } = start({ itemParameters: [{}, {}, parameters] });
			const error = await failure<NodeOperationError>(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(2);
			expect(error.description).toBe(`Check field "${field}" of input item 2.`);
			expect(http).not.toHaveBeenCalled();
		});

		it.each([
			['91-98765-43210', '"To" is not a WhatsApp number: "91-98765-43210"'],
			['', '"To" is empty'],
		])('refuses the recipient %j with the payment request\'s rule', async (to, message) => {
			const { execution, http } = start({ itemParameters: [{}, { to }] });
			const error = await failure<NodeOperationError>(execution);
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('field "to" of input item 1');
			expect(http).not.toHaveBeenCalled();
		});

		it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
			const { items, calls } = await run({ continueOnFail: true, itemParameters: [{ text: 'one' }, { text: 'x'.repeat(5000) }, { text: 'three' }] });
			expect(calls.map((call) => bodyOf(call.body))).toEqual(['one', 'three']);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json).toEqual({
				error: '"Text" is 5000 characters long; WhatsApp takes at most 4096',
				description: 'Check field "text" of input item 1.',
			});
		});

		it('refuses to run with Retry On Fail, which could send the same text twice', async () => {
			const { execution, http } = start({ node: { retryOnFail: true } });
			const error = await failure(execution);
			expect(error.message).toBe('Turn off "Retry On Fail" for this node');
			expect(error.description).toContain('could send the same text message to the customer twice');
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('failures: never resent automatically', () => {
		it('stops at a refused message, says which went out and which were not sent', async () => {
			const { execution, http } = start({
				itemParameters: texts(3),
				respond: (call, index) => (index === 1 ? graphError(500, 1, 'An unknown error occurred') : accepted('919876543210', `wamid.${index}`)),
			});
			const error = await failure<NodeApiError>(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(http).toHaveBeenCalledTimes(2);
			expect(error.context).toMatchObject({ itemIndex: 1, providerCode: '1', outcomeUnknown: true });
			expect(error.description).toContain('The message may or may not have been sent. The node did not resend it');
			expect(error.description).toContain('360dialog accepted 1 other message(s) of this run (input items 0): do not send them again.');
			expect(error.description).toContain('Input items 2 were not sent.');
		});

		it('outside the 24-hour window: an error item with 131047 and what to do, the rest go on', async () => {
			const { items, http } = await run({
				continueOnFail: true,
				itemParameters: texts(2),
				respond: (call, index) => (index === 0 ? graphError(400, 131047, 'Re-engagement message', 'more than 24 hours') : accepted('919876543210', 'wamid.1')),
			});
			expect(http).toHaveBeenCalledTimes(2);
			expect(items[0].json).toMatchObject({ to: '919876543210', error: '360dialog error 131047: Re-engagement message', httpStatus: 400, providerCode: '131047' });
			expect(items[0].json.description).toContain('no free-form message (an order_details payment request, a text) is allowed');
			expect(items[1].json.wamid).toBe('wamid.1');
		});

		it.each([
			['a 500', () => ({ status: 500, body: 'upstream failed' })],
			['a 429', () => graphError(429, 130429, 'Rate limit hit')],
		])('after %s the message is not sent again', async (_name, answer) => {
			const { execution, http } = start({ respond: answer });
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.description).toContain('The node did not resend it, so the customer never gets the same message twice.');
		});

		it('a send that timed out is not resent and says its outcome is unknown', async () => {
			const { items, http } = await run({
				continueOnFail: true,
				respond: () => ({ networkError: 'timeout of 30000ms exceeded', code: 'ECONNABORTED' }),
			});
			expect(http).toHaveBeenCalledTimes(1);
			expect(items[0].json).toEqual({
				to: '919876543210',
				error: '360dialog did not answer within 30 s: whether the message was sent is unknown',
				description: expect.stringMatching(/^360dialog may or may not have received it\. The node did not resend it/),
				outcomeUnknown: true,
			});
		});

		it('a 2xx without a message ID is an error with an unknown outcome, not a success', async () => {
			const { execution, http } = start({ respond: () => ({ status: 200, body: { messaging_product: 'whatsapp' } }) });
			const error = await failure<NodeApiError>(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('360dialog answered the message in a shape this node does not know');
			expect(error.context.outcomeUnknown).toBe(true);
		});
	});
});
