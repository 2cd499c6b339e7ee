import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { accepted, DIALOG360_SANDBOX, graphError } from '../../../../../fakes/dialog360';
import { failure, run, SEND_MESSAGE, start } from '../../fixtures';

const numbered = (count: number): IDataObject[] => Array.from({ length: count }, (_, i) => ({ referenceId: `ORD-${i}` }));

describe('360dialog: Payment Request → Send', () => {
	describe('the Cloud API message', () => {
		it('posts the order_details message of the seed to /messages, with no phone number ID in the path', async () => {
			const { items, calls } = await run();
			expect(calls).toHaveLength(1);
			expect(calls[0].credentialType).toBe('dialog360Api');
			expect(calls[0].options).toMatchObject({
				method: 'POST',
				url: 'https://waba-v2.360dialog.io/messages',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: 30_000,
			});
			expect(calls[0].body).toEqual(SEND_MESSAGE);
			expect(items).toEqual([
				{
					json: { referenceId: 'reference-id-value', to: '919876543210', wamid: 'wamid.reference-id-value', waId: '919876543210' },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('repeats the message status when 360dialog gives one', async () => {
			const { items } = await run({
				respond: () => ({ status: 200, body: { contacts: [{ wa_id: '919876543210' }], messages: [{ id: 'wamid.X', message_status: 'accepted' }] } }),
			});
			expect(items[0].json).toMatchObject({ wamid: 'wamid.X', messageStatus: 'accepted' });
		});

		it.each(['payu', 'billdesk', 'zaakpay'])('names the %s gateway, without Razorpay options', async (gateway) => {
			const { calls } = await run({ parameters: { paymentGateway: gateway } });
			const parameters = ((calls[0].body!.interactive as IDataObject).action as IDataObject).parameters as IDataObject;
			expect(parameters.payment_settings).toEqual([
				{ type: 'payment_gateway', payment_gateway: { type: gateway, configuration_name: 'payment-config-id' } },
			]);
		});

		it('leaves the razorpay object out when neither receipt nor notes are given', async () => {
			const { calls } = await run({ parameters: { options: { razorpayReceipt: '', razorpayNotes: {} } } });
			const parameters = ((calls[0].body!.interactive as IDataObject).action as IDataObject).parameters as IDataObject;
			expect(parameters.payment_settings).toEqual([
				{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'payment-config-id' } },
			]);
		});

		it.each([
			[{ note: [{ key: '', value: 'v' }] }, 'A Razorpay note has no key', 'options.razorpayNotes.note[0].key'],
			[{ note: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, 'Razorpay note key "a" is given twice', 'options.razorpayNotes.note[1].key'],
		])('refuses Razorpay notes %j before sending', async (notes, message, field) => {
			const { execution, http } = start({ parameters: { options: { razorpayNotes: notes } } });
			const error = await failure(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(error.description).toBe(`Check field "${field}" of input item 0.`);
			expect(http).not.toHaveBeenCalled();
		});

		it('takes a whole order_details object as JSON and wraps it for the Cloud API', async () => {
			const { calls } = await run({ parameters: { orderInput: 'json', orderJson: JSON.stringify(SEND_MESSAGE.interactive) } });
			expect(calls[0].body).toEqual(SEND_MESSAGE);
		});

		it('takes only action.parameters as JSON, completed by the body, footer and header fields', async () => {
			const parameters = SEND_MESSAGE.interactive.action.parameters;
			const { calls } = await run({ parameters: { orderInput: 'json', orderJson: parameters } });
			expect(calls[0].body).toEqual(SEND_MESSAGE);
		});
	});

	describe('the recipient', () => {
		it.each([
			['+91 98765 43210', '919876543210'],
			['919876543210', '919876543210'],
			[' +919876543210 ', '919876543210'],
			[919876543210, '919876543210'],
		])('sends %j as %s', async (to, wire) => {
			const { calls } = await run({ parameters: { to } });
			expect(calls[0].body!.to).toBe(wire);
		});

		it.each([
			['91-98765-43210', '"To" is not a WhatsApp number: "91-98765-43210"'],
			['(91) 9876543210', '"To" is not a WhatsApp number: "(91) 9876543210"'],
			['+91 98765 4321O', '"To" is not a WhatsApp number: "+91 98765 4321O"'],
			['++919876543210', '"To" is not a WhatsApp number: "++919876543210"'],
			['1234567', '"To" is not a WhatsApp number: "1234567"'],
			['', '"To" is empty'],
		])('refuses %j, naming the item and the field, before anything is sent', async (to, message) => {
			const { execution, http } = start({ itemParameters: [{}, { to }] });
			const error = await failure<NodeOperationError>(execution);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('field "to" of input item 1');
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('one request per message', () => {
		it('sends each item on its own, in order, each output paired with its item', async () => {
			const { items, calls } = await run({ itemParameters: numbered(3) });
			expect(calls.map((call) => ((call.body!.interactive as IDataObject).action as IDataObject).parameters)).toEqual([
				expect.objectContaining({ reference_id: 'ORD-0' }),
				expect.objectContaining({ reference_id: 'ORD-1' }),
				expect.objectContaining({ reference_id: 'ORD-2' }),
			]);
			expect(items.map((item) => [item.json.wamid, item.pairedItem])).toEqual([
				['wamid.ORD-0', { item: 0 }],
				['wamid.ORD-1', { item: 1 }],
				['wamid.ORD-2', { item: 2 }],
			]);
		});

		it('checks every item before sending the first: one bad item stops the run with nothing sent', async () => {
			const { execution, http } = start({ itemParameters: [...numbered(2), { referenceId: 'bad id!' }] });
			const error = await failure<NodeOperationError>(execution);
			expect(error.context.itemIndex).toBe(2);
			expect(error.message).toContain('reference_id');
			expect(http).not.toHaveBeenCalled();
		});

		it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
			const { items, calls } = await run({ continueOnFail: true, itemParameters: [{ referenceId: 'A' }, { to: 'abc' }, { referenceId: 'C' }] });
			expect(calls).toHaveLength(2);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json).toEqual({
				error: '"To" is not a WhatsApp number: "abc"',
				description:
					'Check field "to" of input item 1: give the number with its country code, digits only (8 to 15), such as 919876543210. A leading + and spaces are removed; dashes, brackets and letters are refused.',
			});
		});

		it('stops at a refused message, says which went out and which were not sent, and resends nothing', async () => {
			const { execution, http } = start({
				itemParameters: numbered(3),
				respond: (call, index) => (index === 1 ? graphError(500, 1, 'An unknown error occurred') : accepted('919876543210', `wamid.${index}`)),
			});
			const error = await failure<NodeApiError>(execution);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(http).toHaveBeenCalledTimes(2);
			expect(error.context.itemIndex).toBe(1);
			expect(error.description).toContain('The message may or may not have been sent');
			expect(error.description).toContain('360dialog accepted 1 other message(s) of this run (input items 0): do not send them again.');
			expect(error.description).toContain('Input items 2 were not sent.');
			expect(error.context).toMatchObject({ providerCode: '1', outcomeUnknown: true });
		});

		it('with Continue On Fail, a refused message is an error item with the provider code and the rest go on', async () => {
			const { items, http } = await run({
				continueOnFail: true,
				itemParameters: numbered(3),
				respond: (call, index) => (index === 1 ? graphError(400, 131047, 'Re-engagement message', 'more than 24 hours') : accepted('919876543210', `wamid.${index}`)),
			});
			expect(http).toHaveBeenCalledTimes(3);
			expect(items[0].json.wamid).toBe('wamid.0');
			expect(items[1].json).toEqual({
				referenceId: 'ORD-1',
				to: '919876543210',
				error: '360dialog error 131047: Re-engagement message',
				description:
					'360dialog says (code 131047): OAuthException — Re-engagement message — more than 24 hours. More than 24 hours have passed since the customer last wrote, so no free-form message (an order_details payment request, a text) is allowed. Send an approved template with an ORDER_DETAILS button instead, or wait for the customer to message you. The node did not resend it, so the customer never gets the same message twice. Check whether it went out (status webhook or 360dialog Client Hub) before sending again; resend a payment request with a new reference_id.',
				httpStatus: 400,
				providerCode: '131047',
			});
			expect(items[2].json.wamid).toBe('wamid.2');
		});

		it.each([
			['a 401', () => graphError(401, 0, 'Invalid D360-API-KEY')],
			['a 500', () => ({ status: 500, body: 'upstream failed' })],
			['a 429', () => graphError(429, 130429, 'Rate limit hit')],
		])('after %s the message is not sent again', async (_name, answer) => {
			const { execution, http } = start({ respond: answer });
			await failure(execution);
			expect(http).toHaveBeenCalledTimes(1);
		});

		it('a request without an answer is not resent either, and says it may have arrived', async () => {
			const { execution, http } = start({ respond: () => ({ networkError: 'socket hang up', code: 'ECONNRESET' }) });
			const error = await failure<NodeApiError>(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('The request to 360dialog did not complete: socket hang up');
			expect(error.description).toContain('360dialog may or may not have received it. The node did not resend it');
			expect(error.context.outcomeUnknown).toBe(true);
		});

		it('a send that timed out says its outcome is unknown, and so does its error item', async () => {
			const timedOut = () => ({ networkError: 'timeout of 30000ms exceeded', code: 'ECONNABORTED' });
			const error = await failure<NodeApiError>(start({ respond: timedOut }).execution);
			expect(error.message).toBe('360dialog did not answer within 30 s: whether the message was sent is unknown');
			expect(error.context.outcomeUnknown).toBe(true);
			const { items } = await run({ continueOnFail: true, respond: timedOut });
			expect(items[0].json).toEqual({
				referenceId: 'reference-id-value',
				to: '919876543210',
				error: '360dialog did not answer within 30 s: whether the message was sent is unknown',
				description:
					'360dialog may or may not have received it. The node did not resend it, so the customer never gets the same message twice. Check whether it went out (status webhook or 360dialog Client Hub) before sending again; resend a payment request with a new reference_id.',
				outcomeUnknown: true,
			});
		});

		it('a 2xx without a message ID is an error, not a success, and is not resent', async () => {
			const { execution, http } = start({ respond: () => ({ status: 200, body: { messaging_product: 'whatsapp' } }) });
			const error = await failure<NodeApiError>(execution);
			expect(http).toHaveBeenCalledTimes(1);
			expect(error.message).toBe('360dialog answered the message in a shape this node does not know');
			expect(error.description).toContain('the keys messaging_product');
			expect(error.description).toContain('did not resend');
			expect(error.context.outcomeUnknown).toBe(true);
		});

		it('refuses to run with Retry On Fail, which could send a payment request twice', async () => {
			const { execution, http } = start({ node: { retryOnFail: true } });
			const error = await failure(execution);
			expect(error.message).toBe('Turn off "Retry On Fail" for this node');
			expect(error.description).toContain('5xx answer from 360dialog');
			expect(http).not.toHaveBeenCalled();
		});
	});

	describe('the API host', () => {
		it('posts to /v1/messages on the sandbox, which still speaks the older path', async () => {
			const { calls } = await run({ credentials: { dialog360Api: { apiKey: 'k-123456', apiHost: DIALOG360_SANDBOX } } });
			expect(calls[0].url).toBe('https://waba-sandbox.360dialog.io/v1/messages');
		});

		it('posts to production when the credential names no API host', async () => {
			const { calls } = await run({ credentials: { dialog360Api: { apiKey: 'k-123456' } } });
			expect(calls[0].url).toBe('https://waba-v2.360dialog.io/messages');
		});

		it('posts to a custom API host without its trailing slash', async () => {
			const { calls } = await run({
				credentials: { dialog360Api: { apiKey: 'k-123456', apiHost: 'custom', customApiHost: 'http://127.0.0.1:8090/' } },
			});
			expect(calls[0].url).toBe('http://127.0.0.1:8090/messages');
		});

		it.each([
			[{ apiHost: 'custom', customApiHost: 'ftp://example.com' }, 'The Custom API Host of the 360dialog credential is not an http(s) address'],
			[{ apiHost: 'custom', customApiHost: 'https://user:pw@example.com' }, 'The Custom API Host of the 360dialog credential must not contain a user name or password'],
			[{ apiHost: 'https://waba.example.test' }, 'Unknown API host "https://waba.example.test" in the 360dialog credential'],
		])('refuses %j', async (host, message) => {
			const { execution, http } = start({ credentials: { dialog360Api: { apiKey: 'k-123456', ...host } } });
			const error = await failure(execution);
			expect(error.message).toBe(message);
			expect(http).not.toHaveBeenCalled();
		});
	});

	it('keeps the API key out of errors even when 360dialog quotes it', async () => {
		const { execution } = start({ respond: () => graphError(401, 0, 'Invalid key test-d360-key-0001', 'key test-d360-key-0001 unknown') });
		const error = await failure<NodeApiError>(execution);
		const seen = JSON.stringify({ message: error.message, description: error.description, response: error.errorResponse, context: error.context });
		expect(seen).not.toContain('test-d360-key-0001');
		expect(error.message).toBe('360dialog error 0: Invalid key ***');
	});
});
