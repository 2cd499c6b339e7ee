// Exotel: Message → Send Text, run as n8n runs it against a fresh fake Exotel per test.
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { EXOTEL_CREDENTIALS, errorAnswer, fakeExotel } from '../../../../../fakes/exotel';
import type { Answer, Judge, Message } from '../../../../../fakes/exotel';
import { createExecuteContext } from '../../../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../../../helpers/executeContext';
import { failure, node } from '../../fixtures';

const LINK_TEXT = 'Hi Asha, pay for order 1042 here:\nhttps://pay.example.com/l/abc123';

const TEXT_FIELDS: IDataObject = {
	resource: 'message',
	operation: 'sendText',
	from: '+91 80 1234 5678',
	to: '+91 90123-45678',
	text: LINK_TEXT,
	previewUrl: true,
	options: {},
};

interface Fake {
	judge?: Judge;
	answer?: (requestNumber: number) => Answer | undefined;
	http?: (credentialType: string, options: unknown) => Promise<unknown>;
}

function start(options: ExecuteContextOptions = {}, fake: Fake = {}) {
	const exotel = fakeExotel(fake);
	const context = createExecuteContext({
		credentials: { exotelApi: EXOTEL_CREDENTIALS },
		...options,
		parameters: { ...TEXT_FIELDS, ...options.parameters },
	});
	context.http.mockImplementation(fake.http ?? exotel.http);
	const execution = node.execute.call(context.ctx) as Promise<INodeExecutionData[][]>;
	return { execution, http: context.http, seen: exotel.seen };
}

async function run(options: ExecuteContextOptions = {}, fake: Fake = {}) {
	const { execution, http, seen } = start(options, fake);
	const [items] = await execution;
	return { items, http, seen };
}

/** n customers, each with a text of their own (the text tells the messages apart). */
const customers = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({ to: `+9198765${String(i).padStart(5, '0')}`, text: `Order ${i}: https://pay.example.com/l/${i}` }));

const bodyOf = (message: Message): string => message.content.text.body;

describe('Exotel: Message → Send Text', () => {
	describe('description', () => {
		// What the default Input Data Mode (Define Below) shows.
		const shown = node.description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('message') &&
				property.displayOptions?.show?.operation?.includes('sendText') &&
				property.name !== 'inputDataMode' &&
				!property.displayOptions?.show?.inputDataMode?.includes('autoMapInputData'),
		);

		it('is the Message resource with one operation, Send Text', () => {
			const operation = node.description.properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('message'),
			);
			expect(operation).toMatchObject({ noDataExpression: true, default: 'sendText' });
			expect(operation?.options).toEqual([expect.objectContaining({ name: 'Send Text', value: 'sendText', action: 'Send a text message' })]);
		});

		it('shows From, To, Text, Preview Link and Options with the payment request\'s message options and the time limit', () => {
			expect(shown.map((property) => property.name)).toEqual(['from', 'to', 'text', 'previewUrl', 'options']);
			const byName = Object.fromEntries(shown.map((property) => [property.name, property]));
			expect(byName.to).toMatchObject({ displayName: 'To', required: true });
			expect(byName.from).toMatchObject({ displayName: 'From', required: true });
			expect(byName.text).toMatchObject({ displayName: 'Text', type: 'string', required: true, typeOptions: { rows: 4 } });
			expect(byName.text.description).toContain('4096');
			expect(byName.previewUrl).toMatchObject({ displayName: 'Preview Link', type: 'boolean', default: true });
			expect((byName.options.options as INodeProperties[]).map((option) => option.name)).toEqual(['customData', 'statusCallback', 'timeout']);
		});
	});

	describe('the message', () => {
		it('sends one text content with its link preview to the account messages endpoint', async () => {
			const { items, http, seen } = await run();
			expect(http).toHaveBeenCalledTimes(1);
			expect(seen[0].credentialType).toBe('exotelApi');
			expect(seen[0].options).toMatchObject({ method: 'POST', url: 'https://api.exotel.com/v2/accounts/test-sid/messages' });
			expect(seen[0].options!.body).toEqual({
				whatsapp: {
					messages: [{ from: '+918012345678', to: '+919012345678', content: { type: 'text', text: { body: LINK_TEXT, preview_url: true } } }],
				},
			});
			expect(items).toEqual([
				{ json: { to: '+919012345678', sid: 'sid-text-1-0', status: 'success', requestId: 'req-1' }, pairedItem: { item: 0 } },
			]);
		});

		it.each([
			[false, false],
			['false', false],
			['true', true],
		])('Preview Link %j sends preview_url %j', async (previewUrl, wire) => {
			const { seen } = await run({ parameters: { previewUrl } });
			expect(seen[0].messages[0].content.text.preview_url).toBe(wire);
		});

		it('sends the text exactly as entered: lines, inner spaces, emoji; a number from an expression as text', async () => {
			const text = '  *Order 1042*  is ready 🎉\n\nPay: https://pay.example.com/l/abc  ';
			const { seen } = await run({ itemParameters: [{ text }, { text: 1042 }] });
			expect(seen[0].messages.map(bodyOf)).toEqual([text, '1042']);
		});

		it('puts custom_data and status_callback on each message, as the payment request does', async () => {
			const { seen } = await run({
				itemParameters: [
					{ options: { customData: 'order-1042', statusCallback: 'https://n8n.example.com/webhook/abc/webhook' } },
					{ options: { customData: { crm: 42 } } },
				],
			});
			expect(seen[0].messages[0]).toMatchObject({ custom_data: 'order-1042', status_callback: 'https://n8n.example.com/webhook/abc/webhook' });
			expect(seen[0].messages[1].custom_data).toBe('{"crm":42}');
			expect(seen[0].messages[1]).not.toHaveProperty('status_callback');
		});

		it('takes a text of exactly 4096 characters, counting an emoji as one', async () => {
			const { seen } = await run({ itemParameters: [{ text: 'a'.repeat(4096) }, { text: '🎉'.repeat(4096) }] });
			expect(seen[0].messages.map((message) => [...bodyOf(message)].length)).toEqual([4096, 4096]);
		});
	});

	describe('bulk sending', () => {
		it('sends 250 items as 3 requests of 100, 100 and 50, answering in input order, paired', async () => {
			const { items, seen } = await run({ itemParameters: customers(250) });
			expect(seen.map((request) => request.messages.length)).toEqual([100, 100, 50]);
			expect(seen.flatMap((request) => request.messages.map(bodyOf))).toEqual(customers(250).map((c) => c.text));
			expect(items).toHaveLength(250);
			items.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(item.json.to).toBe(customers(250)[i].to);
			});
			expect(items[150].json).toMatchObject({ sid: 'sid-text-2-50', requestId: 'req-2' });
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
			['a text of spaces and line breaks', { text: ' \n\t ' }, '"Text" is empty', 'text'],
			['a text over 4096 characters', { text: 'a'.repeat(4097) }, '"Text" is 4097 characters long; WhatsApp takes at most 4096', 'text'],
			['an object as text', { text: { link: 'x' } }, '"Text" must be text, got an object', 'text'],
			['a Preview Link that is not true or false', { previewUrl: 'yes' }, '"Preview Link" must be true or false, got "yes"', 'previewUrl'],
		])('%s, naming the item and the field', async (_case, parameters, message, field) => {
			const { execution, http } = start({ itemParameters: [{}, parameters] });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toBe(`Check field "${field}" of input item 1.`);
			expect(http).not.toHaveBeenCalled();
		});

		it.each([
			['to', { to: 'call me' }, '"To" is not a phone number: "call me"'],
			['from', { from: '' }, '"From" is empty'],
			['options.statusCallback', { options: { statusCallback: 'ftp://x' } }, '"Status Callback URL" is not an http(s) address: "ftp://x"'],
			['options.timeout', { options: { timeout: 0 } }, '"Timeout (Seconds)" must be a whole number of seconds, at least 1, got 0'],
		])('field %s, with the same rules as the payment request', async (field, parameters, message) => {
			const { execution, http } = start({ itemParameters: [{}, parameters] });
			const error = await failure(execution);
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain(`field "${field}" of input item 1`);
			expect(http).not.toHaveBeenCalled();
		});

		it('with Continue On Fail: an error item for the bad one, the others still sent in one request', async () => {
			const { items, seen } = await run({ itemParameters: [{ text: 'one' }, { text: '' }, { text: 'three' }], continueOnFail: true });
			expect(seen).toHaveLength(1);
			expect(seen[0].messages.map(bodyOf)).toEqual(['one', 'three']);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json).toEqual({ error: '"Text" is empty', description: 'Check field "text" of input item 1.' });
			expect(items.map((item) => item.json.sid)).toEqual(['sid-text-1-0', undefined, 'sid-text-1-1']);
		});

		it('refuses to run with Retry On Fail, which could send the same text twice', async () => {
			const { execution, http } = start({ node: { retryOnFail: true } });
			const error = await failure(execution);
			expect(error.message).toBe('Turn off "Retry On Fail" for this node');
			expect(error.description).toContain('could send the same text message to the customer twice');
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('what Exotel refuses', () => {
		const refuseSecond: Judge = (message) =>
			bodyOf(message) === 'Order 1: https://pay.example.com/l/1'
				? { code: 1002, message: 'Invalid parameter', description: 'whatsapp.messages[1].to: not a WhatsApp user' }
				: undefined;

		it('with Continue On Fail: error item with Exotel\'s code for the refused one, the rest succeed', async () => {
			const { items } = await run({ itemParameters: customers(3), continueOnFail: true }, { judge: refuseSecond });
			expect(items.map((item) => item.json.sid ?? null)).toEqual(['sid-text-1-0', null, 'sid-text-1-2']);
			expect(items[1]).toEqual({
				json: {
					to: '+919876500001',
					error: 'Exotel did not accept the message: Invalid parameter',
					description:
						'Exotel says (code 1002): Invalid parameter — whatsapp.messages[1].to: not a WhatsApp user. Fix the input of this item, then send it again; the other items are not affected.',
					httpStatus: 400,
					providerCode: '1002',
				},
				pairedItem: { item: 1 },
			});
		});

		it('without it: throws for the refused item, saying which items went out', async () => {
			const { execution } = start({ itemParameters: customers(3) }, { judge: refuseSecond });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('Exotel accepted 2 other message(s) of this run (input items 0, 2): do not send them again.');
		});

		it('without it: sends no further request after one with a refusal', async () => {
			const { execution, http } = start({ itemParameters: customers(250) }, { judge: refuseSecond });
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.description).toContain('Input items 100, 101');
		});
	});

	describe('never resent automatically', () => {
		it('HTTP 503: one request, the outcome unknown, and the advice to check before sending again', async () => {
			const { items, http } = await run(
				{ itemParameters: customers(2), continueOnFail: true },
				{ answer: () => errorAnswer(503, 'Service unavailable', 'Service unavailable', 5003) },
			);
			expect(http).toHaveBeenCalledTimes(1);
			expect(items.map((item) => item.json)).toEqual(
				customers(2).map(({ to }) => ({
					to,
					error: 'Exotel could not process the request (HTTP 503): Service unavailable',
					description: expect.stringMatching(
						/^Exotel says \(code 5003\): Service unavailable\. Exotel may or may not have sent the messages\. The node did not resend it, so the customer never gets the same message twice\. Check whether it went out \(status callback or Exotel dashboard\) before sending again/,
					),
					httpStatus: 503,
					providerCode: '5003',
					outcomeUnknown: true,
				})),
			);
		});

		it('a time-out: one request, and the error says the outcome is unknown and that nothing was resent', async () => {
			const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });
			const { execution, http } = start({ itemParameters: customers(2) }, { http: async () => Promise.reject(timeout) });
			const error = await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('The request to Exotel timed out: timeout of 30000ms exceeded');
			expect(error.description).toMatch(/^The outcome is unknown: Exotel may or may not have sent the messages\. The node did not resend it/);
			expect(error.context.outcomeUnknown).toBe(true);
		});

		it('waits Options → Timeout (Seconds) for the answer', async () => {
			const { seen } = await run({ parameters: { options: { timeout: 9 } } });
			expect(seen[0].options).toMatchObject({ timeout: 9_000 });
		});
	});
});
