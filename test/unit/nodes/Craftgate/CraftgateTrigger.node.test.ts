import { createHmac } from 'crypto';
import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CraftgateTrigger } from '../../../../nodes/Craftgate/CraftgateTrigger.node';
import { signedPayload } from '../../../../nodes/Craftgate/trigger/verify';
import { createWebhookContext } from '../../helpers/webhookContext';
import {
	fakeCraftgateRequest,
	ok,
	TEST_CREDENTIALS,
	type CraftgateCall,
	type Responder,
} from '../../helpers/craftgateExecuteContext';
import { payment, PRODUCT } from './fixtures';

const trigger = new CraftgateTrigger();
const WEBHOOK_KEY = String(TEST_CREDENTIALS.webhookSecret);

/** X-CG-SIGNATURE-V1 as Craftgate computes it (providers.md §1.6), independent of the package. */
function sign(body: IDataObject, key = WEBHOOK_KEY): string {
	const message = `${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`;
	return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

let nodeCounter = 0;

function delivery(fields: IDataObject = {}): IDataObject {
	return {
		eventType: 'API_AUTH',
		eventTimestamp: Math.floor(Date.now() / 1000),
		status: 'SUCCESS',
		payloadId: '584',
		...fields,
	};
}

/** Links as a product search answers them: everything given, unless `totalSize` says there are more. */
function linkSearch(links: IDataObject[], totalSize = links.length) {
	return ok({ page: 0, size: 20, totalSize, items: links });
}

function defaultCraftgate(paymentFields: IDataObject = {}, links: IDataObject[] = [PRODUCT], totalSize?: number): Responder {
	return (call) => {
		if (call.path === '/payment/v1/card-payments/584') return ok(payment(paymentFields));
		if (call.path === '/craftlink/v1/products') return linkSearch(links, totalSize);
		return { status: 404, body: { errors: { errorCode: '9001', errorDescription: 'not found' } } };
	};
}

async function receive(options: {
	body: IDataObject;
	signature?: string | null;
	nodeParameters?: IDataObject;
	credentials?: IDataObject;
	respond?: Responder;
	nodeId?: string;
}) {
	const calls: CraftgateCall[] = [];
	const respond = options.respond ?? defaultCraftgate();
	const credentials = (options.credentials ?? TEST_CREDENTIALS) as IDataObject;
	const headers: Record<string, string> = {};
	const signature = options.signature === undefined ? sign(options.body) : options.signature;
	if (signature !== null) headers['X-CG-SIGNATURE-V1'] = signature;
	const context = createWebhookContext({
		body: options.body,
		headers,
		nodeId: options.nodeId ?? `craftgate-node-${++nodeCounter}`,
		nodeParameters: options.nodeParameters ?? { events: ['API_AUTH', 'API_VERIFY_AND_AUTH', 'CHECKOUTFORM_AUTH'], options: {} },
		credentials: { craftgateApi: credentials as never },
		helpers: {
			httpRequestWithAuthentication: (async (_type: string, request: IHttpRequestOptions) =>
				await fakeCraftgateRequest(credentials as never, request, respond, calls)) as never,
		},
	});
	const result = await trigger.webhook.call(context.ctx);
	const items = result.workflowData?.[0] ?? [];
	return { ...context, result, calls, events: items.map((i) => i.json) };
}

describe('Craftgate Trigger: description and lifecycle', () => {
	it('is a trigger without inputs, not a tool, with a notice where to paste the URL', () => {
		const d = trigger.description;
		expect(d.name).toBe('craftgateTrigger');
		expect(d.inputs).toEqual([]);
		expect(d.usableAsTool).toBeUndefined();
		expect(d.webhooks?.[0]).toMatchObject({ httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' });
		const notice = d.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/Merchant Webhook URL/);
		const events = d.properties.find((p) => p.name === 'events');
		expect((events?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
			expect.arrayContaining(['API_AUTH', 'CHECKOUTFORM_AUTH', 'REFUND', 'MULTI_PAYMENT_EXPIRED', 'BANK_ACCOUNT_TRACKING_RECORD']),
		);
		expect((events?.options as unknown[]).length).toBe(15);
	});

	it('registers nothing: checkExists, create and delete answer true', async () => {
		const hooks = trigger.webhookMethods.default;
		const ctx = {} as IHookFunctions;
		await expect(hooks.checkExists.call(ctx)).resolves.toBe(true);
		await expect(hooks.create.call(ctx)).resolves.toBe(true);
		await expect(hooks.delete.call(ctx)).resolves.toBe(true);
	});
});

describe('signature', () => {
	it('matches the official SDK sample (key, API_VERIFY_AND_AUTH1661521221SUCCESS584)', () => {
		const fields = { eventType: 'API_VERIFY_AND_AUTH', eventTimestamp: '1661521221', status: 'SUCCESS', payloadId: '584' };
		const mac = createHmac('sha256', 'Aoh7tReTybO6wOjBmOJFFsOR53SBojEp').update(signedPayload(fields)).digest('base64');
		expect(mac).toBe('0wRB5XqWJxwwPbn5Z9TcbHh8EGYFufSYTsRMB74N094=');
	});

	it('accepts the SDK sample delivery itself when the age check is off', async () => {
		const body = { eventType: 'API_VERIFY_AND_AUTH', eventTimestamp: 1661521221, status: 'SUCCESS', payloadId: '584' };
		const { events } = await receive({
			body,
			signature: '0wRB5XqWJxwwPbn5Z9TcbHh8EGYFufSYTsRMB74N094=',
			credentials: { ...TEST_CREDENTIALS, webhookSecret: 'Aoh7tReTybO6wOjBmOJFFsOR53SBojEp' },
			nodeParameters: { events: ['API_VERIFY_AND_AUTH'], options: { maxEventAgeMinutes: 0 } },
		});
		expect(events).toHaveLength(1);
	});

	it.each([
		['a wrong signature', { signature: 'AAAA' }],
		['no signature header', { signature: null }],
		['a signature made with another key', { signature: sign(delivery(), 'other-key') }],
	])('refuses %s with 401, no execution and no API call', async (_name, extra) => {
		const { result, response, calls } = await receive({ body: delivery(), ...extra });
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
		expect(calls).toHaveLength(0);
	});

	it('refuses a body whose signed fields were changed', async () => {
		const body = delivery();
		const { response } = await receive({ body: { ...body, payloadId: '585' }, signature: sign(body) });
		expect(response.statusCode).toBe(401);
	});

	it('refuses everything when the credential has no webhook key, and says why in the log', async () => {
		const body = delivery();
		const { response, logger, calls } = await receive({
			body,
			signature: createHmac('sha256', '').update(signedPayload(body as never)).digest('base64'),
			credentials: { ...TEST_CREDENTIALS, webhookSecret: '' },
		});
		expect(response.statusCode).toBe(401);
		expect(calls).toHaveLength(0);
		expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/no Merchant Webhook Key/));
	});

	it('refuses a delivery older than the max age (default 1 day) unless the check is off', async () => {
		const old = delivery({ eventTimestamp: Math.floor(Date.now() / 1000) - 2 * 86400 });
		expect((await receive({ body: old })).response.statusCode).toBe(401);
		const recent = delivery({ eventTimestamp: Math.floor(Date.now() / 1000) - 3600 });
		expect((await receive({ body: recent })).events).toHaveLength(1);
		const relaxed = await receive({ body: old, nodeParameters: { events: ['API_AUTH'], options: { maxEventAgeMinutes: 0 } } });
		expect(relaxed.events).toHaveLength(1);
		const strict = await receive({ body: recent, nodeParameters: { events: ['API_AUTH'], options: { maxEventAgeMinutes: 30 } } });
		expect(strict.response.statusCode).toBe(401);
	});
});

describe('re-fetch and normalized event', () => {
	it('emits the FETCHED payment as a paid event with the link id', async () => {
		const body = delivery();
		const { events, calls } = await receive({ body });
		expect(calls.map((c) => `${c.method} ${c.path}${c.url.search}`)).toEqual([
			'GET /payment/v1/card-payments/584',
			'GET /craftlink/v1/products?orderId=ord-1&page=0&size=20',
		]);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			eventId: 'craftgate:API_AUTH:584:SUCCESS',
			provider: 'craftgate',
			event: 'API_AUTH',
			status: 'paid',
			reference: 'ord-1',
			transactionId: '584',
			amount: { value: 14990, offset: 100, currency: 'TRY' },
			occurredAt: new Date(Number(body.eventTimestamp) * 1000).toISOString(),
			details: { linkId: 12, candidateLinkIds: [12], paymentId: 584, paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', webhookStatus: 'SUCCESS', verifiedBy: 'api' },
			raw: body,
		});
	});

	it('trusts the fetched status over the webhook\'s: a SUCCESS delivery of a failed payment is failed', async () => {
		const { events } = await receive({
			body: delivery(),
			respond: defaultCraftgate({ paymentStatus: 'FAILURE', paymentError: { errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' } }),
		});
		expect(events[0]).toMatchObject({ status: 'failed', details: { webhookStatus: 'SUCCESS', paymentError: { errorGroup: 'NOT_SUFFICIENT_FUNDS' } } });
	});

	it('SUCCESS with a paymentError is not paid', async () => {
		const { events } = await receive({ body: delivery(), respond: defaultCraftgate({ paymentError: { errorCode: '1' } }) });
		expect(events[0].status).toBe('failed');
	});

	it('a checkout token is read from the checkout-payments endpoint', async () => {
		const { events, calls } = await receive({
			body: delivery({ eventType: 'CHECKOUTFORM_AUTH', payloadId: 'e1b2-token' }),
			respond: (call) =>
				call.path === '/payment/v1/checkout-payments/e1b2-token'
					? ok(payment({ id: 900, paymentSource: 'CHECKOUT_FORM', orderId: undefined, conversationId: 'conv-9' }))
					: { status: 404, body: {} },
		});
		expect(calls).toHaveLength(1);
		expect(events[0]).toMatchObject({ status: 'paid', reference: 'conv-9', transactionId: '900', details: { checkoutToken: 'e1b2-token', linkId: null, candidateLinkIds: null } });
	});

	it('a payment id unknown to card-payments is read from payment reporting', async () => {
		const { events, calls } = await receive({
			body: delivery(),
			nodeParameters: { events: ['API_AUTH'], options: { matchLink: false } },
			respond: (call) =>
				call.path === '/payment-reporting/v1/payments/584' ? ok(payment({ paymentStatus: 'WAITING' })) : { status: 404, body: { errors: { errorCode: '9001', errorDescription: 'Payment not found' } } },
		});
		expect(calls.map((c) => c.path)).toEqual(['/payment/v1/card-payments/584', '/payment-reporting/v1/payments/584']);
		expect(events[0]).toMatchObject({ status: 'pending', details: { linkId: null } });
	});

	it('a failed re-fetch starts nothing and surfaces as an error (n8n answers 500, Craftgate may retry)', async () => {
		const error = await receive({ body: delivery(), respond: () => ({ status: 503, body: { errors: { errorCode: '0', errorDescription: 'down' } } }) }).catch(
			(e: Error) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(error)).not.toContain(String(TEST_CREDENTIALS.secretKey));
	});

	it('events that are not payments are emitted from the signed fields only', async () => {
		const body = delivery({ eventType: 'REFUND', payloadId: '77' });
		const { events, calls } = await receive({ body, nodeParameters: { events: ['REFUND'], options: {} } });
		expect(calls).toHaveLength(0);
		expect(events[0]).toMatchObject({ event: 'REFUND', status: 'refunded', transactionId: '77', details: { verifiedBy: 'signature' } });
	});
});

describe('the payment link behind a payment (payments carry no link id)', () => {
	// Link 12 and a second order in the same chat, link 13, reusing order id ord-1.
	const secondOrder = { ...PRODUCT, id: 13, price: 20 };
	const linkOf = async (paymentFields: IDataObject, links: IDataObject[], totalSize?: number) =>
		(await receive({ body: delivery(), respond: defaultCraftgate(paymentFields, links, totalSize) })).events[0].details as IDataObject;

	it('names the one link with the order id and the payment\'s price and currency', async () => {
		expect(await linkOf({ price: 20 }, [PRODUCT, secondOrder])).toMatchObject({ linkId: 13, candidateLinkIds: [12, 13] });
		expect(await linkOf({}, [PRODUCT, secondOrder])).toMatchObject({ linkId: 12, candidateLinkIds: [12, 13] });
	});

	it('names none when two links with the order id fit the payment, and lists them', async () => {
		expect(await linkOf({}, [PRODUCT, { ...secondOrder, price: 149.9 }])).toMatchObject({ linkId: null, candidateLinkIds: [12, 13] });
	});

	it('names none when the only link with the order id has another price or currency', async () => {
		expect(await linkOf({ price: 20 }, [PRODUCT])).toMatchObject({ linkId: null, candidateLinkIds: [12] });
		expect(await linkOf({ currency: 'USD' }, [PRODUCT])).toMatchObject({ linkId: null, candidateLinkIds: [12] });
	});

	it('names none when the search has more links than it returned', async () => {
		expect(await linkOf({ price: 20 }, [PRODUCT, secondOrder], 25)).toMatchObject({ linkId: null, candidateLinkIds: [12, 13] });
	});

	it('ignores links whose order id only resembles the payment\'s', async () => {
		expect(await linkOf({}, [PRODUCT, { ...PRODUCT, id: 14, orderId: 'ord-10' }])).toMatchObject({ linkId: 12, candidateLinkIds: [12] });
	});
});

describe('filters and redeliveries', () => {
	it('an event type that is not selected is acknowledged (200) and starts nothing, without an API call', async () => {
		const { result, response, calls } = await receive({ body: delivery({ eventType: 'WALLET_CREATED' }) });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(200);
		expect(calls).toHaveLength(0);
	});

	it('Only Payment Link Payments drops other payment sources', async () => {
		const { result } = await receive({
			body: delivery(),
			nodeParameters: { events: ['API_AUTH'], options: { payByLinkOnly: true } },
			respond: defaultCraftgate({ paymentSource: 'API' }),
		});
		expect(result.workflowData).toBeUndefined();
	});

	it('a redelivery (same type, payload id, status) runs the workflow once', async () => {
		const body = delivery();
		const first = await receive({ body, nodeId: 'dedup-node' });
		const second = await receive({ body, nodeId: 'dedup-node' });
		expect(first.events).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.statusCode).toBe(200);
		const changedStatus = await receive({ body: { ...body, status: 'FAILURE' }, nodeId: 'dedup-node' });
		expect(changedStatus.events).toHaveLength(1);
	});

	it('with Ignore Redeliveries off, every delivery runs', async () => {
		const body = delivery();
		const parameters = { events: ['API_AUTH'], options: { ignoreRedeliveries: false } };
		await receive({ body, nodeId: 'no-dedup-node', nodeParameters: parameters });
		const again = await receive({ body, nodeId: 'no-dedup-node', nodeParameters: parameters });
		expect(again.events).toHaveLength(1);
	});
});
