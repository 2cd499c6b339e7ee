import type { IDataObject, IHookFunctions, INode, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ExotelPaymentTrigger } from '../../../../nodes/Exotel/ExotelPaymentTrigger.node';
import { createWebhookContext } from '../../helpers/webhookContext';
import type { WebhookContextOptions } from '../../helpers/webhookContext';

const trigger = new ExotelPaymentTrigger();

const ALL_EVENTS = ['paymentSucceeded', 'paymentOther', 'messageStatus', 'messageFailed'];

/** The payment success callback of Exotel's seed (providers.md §3.7). */
const PAID = {
	callback_type: 'dlr',
	sid: 'e96ec08a641612c0001',
	to: '+918612345678',
	exo_status_code: 30050,
	exo_detailed_status: 'EX_PAYMENT_SUCCESS',
	description: 'Payment Succeeded',
	timestamp: '2024-05-21T12:53:54+05:30',
	payment_reference_id: '1033XX',
	payment_transaction_id: '4142800001',
};

const DELIVERED = {
	callback_type: 'dlr',
	sid: 'e96ec08a641612c0001',
	to: '+918612345678',
	exo_status_code: 30002,
	exo_detailed_status: 'EX_MESSAGE_DELIVERED',
	description: 'Message Delivered',
	timestamp: '2024-05-21T12:48:26+05:30',
	payment_reference_id: '1033XX',
	conversation_id: '675625c2',
	custom_data: 'order-7',
};

let workflowCounter = 0;

/** A fresh workflow id per delivery set, so redelivery memory never crosses tests. */
function deliver(options: WebhookContextOptions & { parameters?: IDataObject }, workflowId?: string) {
	const context = createWebhookContext({
		workflowId: workflowId ?? `wf-${++workflowCounter}`,
		nodeType: 'n8n-nodes-chat-payments.exotelPaymentTrigger',
		headers: { 'content-type': 'application/json' },
		...options,
		nodeParameters: { events: ALL_EVENTS, ignoreRedeliveries: true, options: {}, ...options.parameters },
	});
	return { ...context, result: trigger.webhook.call(context.ctx) };
}

function eventsOf(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

describe('Exotel Payment Trigger', () => {
	describe('description', () => {
		it('is a webhook trigger answering on receipt with an explicit empty body', () => {
			const { description } = trigger;
			expect(description.name).toBe('exotelPaymentTrigger');
			expect(description.inputs).toEqual([]);
			expect(description.usableAsTool).toBeUndefined();
			expect(description.webhooks).toEqual([
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
			]);
		});
	});

	describe('body shapes', () => {
		it('emits the normalized event for a whatsapp.messages[] JSON callback', async () => {
			const { result, response } = deliver({ body: { whatsapp: { messages: [PAID] } } });
			const events = eventsOf(await result);
			expect(response.ended).toBe(false);
			expect(events).toEqual([
				{
					eventId: 'exotel:e96ec08a641612c0001:30050:4142800001',
					provider: 'exotel',
					event: 'EX_PAYMENT_SUCCESS',
					status: 'paid',
					reference: '1033XX',
					transactionId: '4142800001',
					amount: null,
					occurredAt: '2024-05-21T07:23:54.000Z',
					details: {
						category: 'paymentSucceeded',
						sid: 'e96ec08a641612c0001',
						exoStatusCode: 30050,
						exoDetailedStatus: 'EX_PAYMENT_SUCCESS',
						description: 'Payment Succeeded',
						customData: null,
						to: '+918612345678',
						callbackType: 'dlr',
						conversationId: null,
					},
					raw: PAID,
				},
			]);
		});

		it('reads the seed shape params.whatsapp.messages[] the same way', async () => {
			const plain = eventsOf(await deliver({ body: { whatsapp: { messages: [PAID] } } }).result);
			const wrapped = eventsOf(await deliver({ body: { params: { whatsapp: { messages: [PAID] } } } }).result);
			expect(wrapped).toEqual(plain);
		});

		it('reads flat form fields with the status code as text', async () => {
			const form = Object.fromEntries(Object.entries(PAID).map(([key, value]) => [key, String(value)]));
			const { result } = deliver({
				body: form,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			const [event] = eventsOf(await result);
			expect(event.status).toBe('paid');
			expect((event.details as IDataObject).exoStatusCode).toBe(30050);
			expect(event.eventId).toBe('exotel:e96ec08a641612c0001:30050:4142800001');
		});

		it('reads bracketed form keys, with or without the params wrapper', async () => {
			for (const prefix of ['whatsapp', 'params[whatsapp]']) {
				const form: IDataObject = {};
				for (const [key, value] of Object.entries(PAID)) form[`${prefix}[messages][0][${key}]`] = String(value);
				for (const [key, value] of Object.entries(DELIVERED)) form[`${prefix}[messages][1][${key}]`] = String(value);
				const events = eventsOf(
					await deliver({ body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }).result,
				);
				expect(events.map((event) => event.event)).toEqual(['EX_PAYMENT_SUCCESS', 'EX_MESSAGE_DELIVERED']);
			}
		});

		it('reads a form field holding the callback as JSON text', async () => {
			for (const body of [
				{ params: JSON.stringify({ whatsapp: { messages: [PAID] } }) },
				{ whatsapp: JSON.stringify({ messages: [PAID] }) },
			]) {
				const [event] = eventsOf(await deliver({ body }).result);
				expect(event.status).toBe('paid');
			}
		});

		it('reads multipart/form-data, which n8n leaves unparsed', async () => {
			const boundary = 'exotel-boundary';
			const fields = { whatsapp: JSON.stringify({ messages: [PAID] }) };
			const raw = Object.entries(fields)
				.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
				.join('')
				.concat(`--${boundary}--\r\n`);
			const { result } = deliver({
				body: {},
				rawBody: raw,
				rawBodyMode: 'readRawBody',
				headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
			});
			const [event] = eventsOf(await result);
			expect(event.status).toBe('paid');
		});

		it('emits one item per callback of a delivery, in order', async () => {
			const failed = { ...DELIVERED, sid: 'sid-3', exo_status_code: 30014, exo_detailed_status: 'EX_RECIPIENT_BLOCKED' };
			const events = eventsOf(await deliver({ body: { whatsapp: { messages: [DELIVERED, PAID, failed] } } }).result);
			expect(events.map((event) => (event.details as IDataObject).category)).toEqual([
				'messageStatus',
				'paymentSucceeded',
				'messageFailed',
			]);
			expect((events[0].details as IDataObject).customData).toBe('order-7');
			expect(events[0].status).toBe('other');
		});

		it('answers 400 and starts nothing for a body without callbacks', async () => {
			const { result, response } = deliver({ body: { hello: 'world' } });
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(400);
		});

		it('ignores inbound customer messages that reach the same URL', async () => {
			const inbound = { callback_type: 'incoming_message', sid: 'in-1', to: '+9180', exo_status_code: 30001 };
			const { result, response } = deliver({ body: { whatsapp: { messages: [inbound] } } });
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(200);
		});
	});

	describe('payment codes', () => {
		async function statusOf(fields: IDataObject): Promise<IDataObject> {
			const [event] = eventsOf(await deliver({ body: { whatsapp: { messages: [{ ...PAID, ...fields }] } } }).result);
			return { status: event.status, category: (event.details as IDataObject).category };
		}

		it.each([
			[{ exo_status_code: '30050' }, 'paid', 'paymentSucceeded'],
			[{ exo_status_code: 30051, exo_detailed_status: 'EX_PAYMENT_FAILED' }, 'failed', 'paymentOther'],
			[{ exo_status_code: 30049, exo_detailed_status: 'EX_PAYMENT_PENDING' }, 'pending', 'paymentOther'],
			[{ exo_status_code: 30049, exo_detailed_status: undefined }, 'other', 'paymentOther'],
			[{ exo_status_code: 30077, exo_detailed_status: 'EX_PAYMENT_SETTLED' }, 'other', 'paymentOther'],
			[{ exo_status_code: 30050, exo_detailed_status: 'EX_PAYMENT_FAILED' }, 'failed', 'paymentOther'],
			[{ exo_status_code: 30099, exo_detailed_status: 'EX_PAYMENT_SUCCESS' }, 'other', 'paymentOther'],
			[{ exo_status_code: 'thirty', exo_detailed_status: 'EX_PAYMENT_SUCCESS' }, 'other', 'paymentOther'],
			[{ exo_status_code: undefined, exo_detailed_status: 'EX_PAYMENT_SUCCESS' }, 'paid', 'paymentSucceeded'],
			[{ exo_status_code: 30123, exo_detailed_status: undefined }, 'other', 'paymentOther'],
		])('%j is %s (%s): only EX_PAYMENT_SUCCESS / 30050 is ever paid', async (fields, status, category) => {
			expect(await statusOf(fields)).toEqual({ status, category });
		});
	});

	describe('event filter', () => {
		it('starts nothing when every callback is filtered out', async () => {
			const { result, response } = deliver({
				body: { whatsapp: { messages: [DELIVERED] } },
				parameters: { events: ['paymentSucceeded'] },
			});
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(200);
		});

		it('keeps only the chosen categories', async () => {
			const failed = { ...DELIVERED, exo_status_code: 30004, exo_detailed_status: 'EX_SYSTEM_ERROR' };
			const events = eventsOf(
				await deliver({
					body: { whatsapp: { messages: [DELIVERED, PAID, failed] } },
					parameters: { events: ['paymentSucceeded', 'messageFailed'] },
				}).result,
			);
			expect(events.map((event) => event.event)).toEqual(['EX_PAYMENT_SUCCESS', 'EX_SYSTEM_ERROR']);
		});

		it('reports WhatsApp order status refusals (2046/2047) as failed messages with the code', async () => {
			const refused = {
				...DELIVERED,
				exo_status_code: 30010,
				exo_detailed_status: 'EX_INVALID_REQUEST',
				error_code: 2047,
				error_message: "Could not change order status to 'canceled'",
			};
			const [event] = eventsOf(
				await deliver({ body: { whatsapp: { messages: [refused] } }, parameters: { events: ['messageFailed'] } }).result,
			);
			expect(event.details).toMatchObject({ category: 'messageFailed', errorCode: 2047 });
		});
	});

	describe('redeliveries', () => {
		it('runs the workflow once for the same sid, code and transaction', async () => {
			const body = { whatsapp: { messages: [PAID] } };
			const first = deliver({ body }, 'wf-redelivery');
			expect(eventsOf(await first.result)).toHaveLength(1);
			const second = deliver({ body }, 'wf-redelivery');
			expect((await second.result).workflowData).toBeUndefined();
			expect(second.response.statusCode).toBe(200);
			const laterStatus = deliver({ body: { whatsapp: { messages: [DELIVERED] } } }, 'wf-redelivery');
			expect(eventsOf(await laterStatus.result)).toHaveLength(1);
		});

		it('runs it every time with Ignore Redeliveries off', async () => {
			const body = { whatsapp: { messages: [PAID] } };
			const parameters = { ignoreRedeliveries: false };
			expect(eventsOf(await deliver({ body, parameters }, 'wf-no-dedup').result)).toHaveLength(1);
			expect(eventsOf(await deliver({ body, parameters }, 'wf-no-dedup').result)).toHaveLength(1);
		});
	});

	describe('allowed addresses', () => {
		async function fromAddress(ip: string) {
			const context = createWebhookContext({
				workflowId: `wf-${++workflowCounter}`,
				body: { whatsapp: { messages: [PAID] } },
				nodeParameters: { events: ALL_EVENTS, ignoreRedeliveries: true, options: { allowedIps: '203.0.113.10, 203.0.113.11' } },
			});
			Object.assign(context.request, { ip });
			return { result: await trigger.webhook.call(context.ctx), response: context.response };
		}

		it('answers 401 and emits nothing for another caller', async () => {
			const { result, response } = await fromAddress('198.51.100.7');
			expect(result.workflowData).toBeUndefined();
			expect(result.noWebhookResponse).toBe(true);
			expect(response.statusCode).toBe(401);
		});

		it('accepts a listed caller, also as an IPv4-mapped IPv6 address', async () => {
			expect(eventsOf((await fromAddress('203.0.113.11')).result)).toHaveLength(1);
			expect(eventsOf((await fromAddress('::ffff:203.0.113.10')).result)).toHaveLength(1);
		});
	});

	describe('lifecycle', () => {
		function hookContext(options: { webhookId?: string; url?: string; staticData?: IDataObject } = {}) {
			const staticData = options.staticData ?? {};
			const node: INode = {
				id: 'n1',
				name: 'Exotel Payment Trigger',
				type: 'n8n-nodes-chat-payments.exotelPaymentTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				webhookId: 'webhookId' in options ? options.webhookId : '6f1c1e8e-4b1a-4f43-9f3e-2d1c9a0b7e55',
			};
			const info = jest.fn();
			const ctx = {
				getNode: () => node,
				getWorkflowStaticData: () => staticData,
				getNodeWebhookUrl: () => options.url ?? `https://n8n.example.com/webhook/${node.webhookId}/webhook`,
				logger: { info, warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
			} as unknown as IHookFunctions;
			return { ctx, staticData, info };
		}
		const methods = trigger.webhookMethods.default;

		it('create records the callback URL; checkExists then says it is set up; delete clears it', async () => {
			const { ctx, staticData } = hookContext();
			expect(await methods.checkExists.call(ctx)).toBe(false);
			expect(await methods.create.call(ctx)).toBe(true);
			expect(staticData.callbackUrl).toBe('https://n8n.example.com/webhook/6f1c1e8e-4b1a-4f43-9f3e-2d1c9a0b7e55/webhook');
			expect(await methods.checkExists.call(ctx)).toBe(true);
			expect(await methods.delete.call(ctx)).toBe(true);
			expect(staticData).toEqual({});
			expect(await methods.checkExists.call(ctx)).toBe(false);
		});

		it('notices a changed URL (new base URL) and says to give Exotel the new one, without quoting it', async () => {
			const staticData = { callbackUrl: 'https://old.example.com/webhook/x/webhook' };
			const { ctx, info } = hookContext({ staticData });
			expect(await methods.checkExists.call(ctx)).toBe(false);
			await methods.create.call(ctx);
			expect(info).toHaveBeenCalledTimes(1);
			expect(info.mock.calls[0][0]).toMatch(/give Exotel the new Production URL/);
			expect(info.mock.calls[0][0]).not.toContain('6f1c1e8e');
		});

		it('refuses to activate a trigger without a webhook ID, whose URL would be guessable', async () => {
			const { ctx, staticData } = hookContext({ webhookId: undefined });
			await expect(methods.create.call(ctx)).rejects.toBeInstanceOf(NodeOperationError);
			expect(staticData).toEqual({});
		});
	});
});
