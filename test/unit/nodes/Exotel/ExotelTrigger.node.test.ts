import type { IDataObject, IHookFunctions, INode, INodeProperties, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ExotelTrigger } from '../../../../nodes/Exotel/ExotelTrigger.node';
import { recentEvents } from '../../../../nodes/shared/webhook/dedup';
import { MAX_ID_PART_LENGTH } from '../../../../nodes/Exotel/trigger/callbackEvents';
import { callbackBody, deliveredCallback, paidCallback } from '../../../fakes/exotel';
import { createWebhookContext } from '../../helpers/webhookContext';
import type { WebhookContextOptions } from '../../helpers/webhookContext';

const trigger = new ExotelTrigger();

const ALL_EVENTS = ['paymentSucceeded', 'paymentOther', 'messageStatus', 'messageFailed'];

/** The payment success callback of Exotel's own example (docs/providers.md §3.7). */
const PAID = paidCallback();
const DELIVERED = deliveredCallback();

beforeEach(() => recentEvents.clear());

/** One delivery to the trigger; `parameters` are merged over every event and default Options. */
function deliver(options: WebhookContextOptions & { parameters?: IDataObject; ip?: string; ips?: string[] }) {
	const context = createWebhookContext({
		nodeType: 'n8n-nodes-chat-payments.exotelTrigger',
		headers: { 'content-type': 'application/json' },
		...options,
		nodeParameters: { events: ALL_EVENTS, options: {}, ...options.parameters },
	});
	Object.assign(context.request, { ip: options.ip ?? '198.51.100.7', ips: options.ips ?? [] });
	return { ...context, result: trigger.webhook.call(context.ctx) };
}

function eventsOf(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

describe('Exotel Trigger', () => {
	describe('description', () => {
		it('is a webhook trigger answering on receipt with an explicit empty body', () => {
			const { description } = trigger;
			expect(description).toMatchObject({ name: 'exotelTrigger', displayName: 'Exotel Trigger', group: ['trigger'] });
			expect(description.inputs).toEqual([]);
			expect(description.usableAsTool).toBeUndefined();
			expect(description.webhooks).toEqual([
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
			]);
		});

		it('has the set-up notice, the events, and every optional setting under Options', () => {
			const properties = trigger.description.properties;
			expect(properties.map((property) => [property.name, property.type])).toEqual([
				['notice', 'notice'],
				['events', 'multiOptions'],
				['options', 'collection'],
			]);
			const options = properties[2].options as INodeProperties[];
			expect(options.map((option) => [option.displayName, option.name, option.default])).toEqual([
				['Ignore Redeliveries', 'ignoreRedeliveries', true],
				['IP(s) Allowlist', 'ipWhitelist', ''],
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
						confirmed: false,
					},
					raw: PAID,
				},
			]);
		});

		it('reads the seed shape params.whatsapp.messages[] the same way', async () => {
			// Two workflows, so that the second delivery of the same callback is not a redelivery.
			const plain = eventsOf(await deliver({ body: { whatsapp: { messages: [PAID] } }, workflowId: 'plain' }).result);
			const wrapped = eventsOf(await deliver({ body: { params: { whatsapp: { messages: [PAID] } } }, workflowId: 'wrapped' }).result);
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
					await deliver({ body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, workflowId: prefix }).result,
				);
				expect(events.map((event) => event.event)).toEqual(['EX_PAYMENT_SUCCESS', 'EX_MESSAGE_DELIVERED']);
			}
		});

		it('reads a form field holding the callback as JSON text', async () => {
			for (const body of [
				{ params: JSON.stringify({ whatsapp: { messages: [PAID] } }) },
				{ whatsapp: JSON.stringify({ messages: [PAID] }) },
			]) {
				const [event] = eventsOf(await deliver({ body, workflowId: Object.keys(body)[0] }).result);
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


	describe('events without an identity (defect 1)', () => {
		const anonymous = (fields: IDataObject) => paidCallback({ sid: undefined, payment_transaction_id: undefined, ...fields });

		it('answers 400 and starts nothing for a payment callback with neither sid nor transaction id', async () => {
			const { result, response } = deliver({ body: callbackBody(anonymous({})) });
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(400);
			expect(response.body).toEqual({
				error: 'Bad Request',
				message: 'The exotel event "EX_PAYMENT_SUCCESS" carries no identifier (message, payment or transaction ID) to tell it from other events',
			});
		});

		it('never gives two different payments the same event id, so the second is not dropped as a redelivery', async () => {
			const first = deliver({ body: callbackBody(anonymous({ payment_reference_id: 'ORDER-A' })) });
			const second = deliver({ body: callbackBody(anonymous({ payment_reference_id: 'ORDER-B' })) });
			expect((await first.result).workflowData).toBeUndefined();
			expect((await second.result).workflowData).toBeUndefined();
			expect([first.response.statusCode, second.response.statusCode]).toEqual([400, 400]);
			expect(second.response.body).not.toEqual({ received: true, duplicates: 1 });
		});

		it('accepts a callback known by its sid alone or its transaction id alone', async () => {
			const bySid = eventsOf(await deliver({ body: callbackBody(paidCallback({ payment_transaction_id: undefined })) }).result);
			const byTransaction = eventsOf(await deliver({ body: callbackBody(paidCallback({ sid: undefined })) }).result);
			expect(bySid.map((event) => event.eventId)).toEqual(['exotel:e96ec08a641612c0001:30050']);
			expect(byTransaction.map((event) => event.eventId)).toEqual(['exotel:30050:4142800001']);
		});

		it('does not refuse a delivery for an unidentified callback of an event that is not chosen', async () => {
			const { result, response } = deliver({
				body: callbackBody(deliveredCallback({ sid: undefined }), PAID),
				parameters: { events: ['paymentSucceeded'] },
			});
			expect(eventsOf(await result).map((event) => event.event)).toEqual(['EX_PAYMENT_SUCCESS']);
			expect(response.ended).toBe(false);
		});
	});

	describe('what the redelivery memory keeps is bounded (anyone with the URL can post)', () => {
		it.each([
			['sid', { sid: 's'.repeat(MAX_ID_PART_LENGTH + 1) }],
			['payment_transaction_id', { payment_transaction_id: 't'.repeat(MAX_ID_PART_LENGTH + 1) }],
			['exo_detailed_status', { exo_status_code: undefined, exo_detailed_status: `EX_${'X'.repeat(MAX_ID_PART_LENGTH)}` }],
		])('answers 400 and starts nothing for a callback whose %s is too long, and remembers nothing', async (field, fields) => {
			const sizeBefore = recentEvents.size;
			const { result, response } = deliver({ body: callbackBody(paidCallback(fields)) });
			expect((await result).workflowData).toBeUndefined();
			expect(response).toMatchObject({
				statusCode: 400,
				body: { error: 'Bad Request', message: `The callback's ${field} is longer than ${MAX_ID_PART_LENGTH} characters` },
			});
			expect(recentEvents.size).toBe(sizeBefore);
		});

		it('accepts ids up to the limit', async () => {
			const sid = 's'.repeat(MAX_ID_PART_LENGTH);
			const events = eventsOf(await deliver({ body: callbackBody(paidCallback({ sid })) }).result);
			expect(events.map((event) => event.eventId)).toEqual([`exotel:${sid}:30050:4142800001`]);
		});

		it('remembers a digest of fixed length per event, however long its id', async () => {
			const body = callbackBody(paidCallback({ sid: 's'.repeat(MAX_ID_PART_LENGTH), payment_transaction_id: 't'.repeat(MAX_ID_PART_LENGTH) }));
			await deliver({ body }).result;
			const keys = [...(recentEvents as unknown as { entries: Map<string, number> }).entries.keys()];
			expect(keys.map((key) => key.length)).toEqual([44]);
		});
	});

	describe('unconfirmed by design', () => {
		it('says on every event that nothing confirmed it (Exotel offers no way to read a payment back)', async () => {
			const events = eventsOf(await deliver({ body: callbackBody(PAID, DELIVERED) }).result);
			expect(events.map((event) => (event.details as IDataObject).confirmed)).toEqual([false, false]);
		});
	});

	describe('redeliveries', () => {
		it('runs the workflow once for the same sid, code and transaction', async () => {
			const body = callbackBody(PAID);
			expect(eventsOf(await deliver({ body }).result)).toHaveLength(1);
			const second = deliver({ body });
			expect((await second.result).workflowData).toBeUndefined();
			expect(second.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
			expect(eventsOf(await deliver({ body: callbackBody(DELIVERED) }).result)).toHaveLength(1);
		});

		it('runs it every time with Ignore Redeliveries off (under Options)', async () => {
			const body = callbackBody(PAID);
			const parameters = { options: { ignoreRedeliveries: false } };
			expect(eventsOf(await deliver({ body, parameters }).result)).toHaveLength(1);
			expect(eventsOf(await deliver({ body, parameters }).result)).toHaveLength(1);
		});
	});

	describe('IP(s) Allowlist', () => {
		async function fromCaller(allowlist: string, caller: { ip: string; ips?: string[] }) {
			const context = deliver({ body: callbackBody(PAID), parameters: { options: { ipWhitelist: allowlist } }, ...caller });
			return { result: await context.result, response: context.response, logger: context.logger };
		}

		it('answers 403 and starts nothing for a caller outside the list', async () => {
			const { result, response } = await fromCaller('203.0.113.10, 203.0.113.11', { ip: '198.51.100.7' });
			expect(result.workflowData).toBeUndefined();
			expect(result.noWebhookResponse).toBe(true);
			expect(response).toMatchObject({ statusCode: 403, body: { error: 'Forbidden' } });
		});

		it.each([
			['a single listed address', '203.0.113.10, 203.0.113.11', '203.0.113.11'],
			['an IPv4-mapped IPv6 address of a listed one', '203.0.113.10', '::ffff:203.0.113.10'],
			['an address in an IPv4 range', '203.0.113.0/24', '203.0.113.77'],
			['an address in an IPv6 range', '2001:db8::/32', '2001:db8:4:5::6'],
		])('accepts %s', async (_case, allowlist, ip) => {
			const { result, response } = await fromCaller(allowlist, { ip });
			expect(eventsOf(result)).toHaveLength(1);
			expect(response.ended).toBe(false);
		});

		it('behind a proxy, knows the caller by req.ips as n8n fills it from X-Forwarded-For', async () => {
			const behindProxy = { ip: '10.0.0.2', ips: ['203.0.113.10', '10.0.0.2'] };
			expect(eventsOf((await fromCaller('203.0.113.0/24', behindProxy)).result)).toHaveLength(1);
			expect((await fromCaller('198.51.100.0/24', behindProxy)).response.statusCode).toBe(403);
		});

		it('lets nobody in through an entry it cannot read, and says so in the log', async () => {
			const { response, logger } = await fromCaller('exotel.com', { ip: '203.0.113.10' });
			expect(response.statusCode).toBe(403);
			expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('exotel.com'));
		});

		it('allows every caller when empty', async () => {
			expect(eventsOf((await fromCaller('', { ip: '198.51.100.7' })).result)).toHaveLength(1);
		});
	});

	describe('lifecycle', () => {
		function hookContext(options: { webhookId?: string; url?: string; staticData?: IDataObject } = {}) {
			const staticData = options.staticData ?? {};
			const node: INode = {
				id: 'n1',
				name: 'Exotel Trigger',
				type: 'n8n-nodes-chat-payments.exotelTrigger',
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
			expect(staticData.webhookUrl).toBe('https://n8n.example.com/webhook/6f1c1e8e-4b1a-4f43-9f3e-2d1c9a0b7e55/webhook');
			expect(await methods.checkExists.call(ctx)).toBe(true);
			expect(await methods.delete.call(ctx)).toBe(true);
			expect(staticData).toEqual({});
			expect(await methods.checkExists.call(ctx)).toBe(false);
		});

		it('notices a changed URL (new base URL) and says to give Exotel the new one, without quoting it', async () => {
			const staticData = { webhookUrl: 'https://old.example.com/webhook/x/webhook' };
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
