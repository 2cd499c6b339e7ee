import { createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CraftgateTrigger } from '../../../../nodes/Craftgate/CraftgateTrigger.node';
import { DEFAULT_EVENT_TYPES } from '../../../../nodes/Craftgate/trigger/eventTypes';
import { signedPayload } from '../../../../nodes/Craftgate/trigger/verify';
import { resetRedeliveryMemory } from '../../helpers/webhookContext';
import { craftgateError, FAKE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, ok, payment, PRODUCT, type Responder } from '../../../fakes/craftgate';
import { deliverToTrigger, renderSubtitle } from './contexts';

const trigger = new CraftgateTrigger();
const WEBHOOK_KEY = FAKE_KEYS.webhookSecret;
/** A checkout token in the form Craftgate gives them (a UUID, as in its clients' samples). */
const CHECKOUT_TOKEN = '456d1297-908e-4bd6-a13b-4be31a6e47d5';

beforeEach(() => resetRedeliveryMemory());

/** X-CG-SIGNATURE-V1 as Craftgate computes it (docs/providers.md §1.6), independent of the package. */
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

/** Craftgate holding payment 584 (with `paymentFields`) and `links` for the product search. */
function craftgateWithPayment(paymentFields: IDataObject = {}, links: IDataObject[] = [PRODUCT], totalSize?: number): FakeCraftgate {
	const respond: Responder = (call) => {
		if (call.path === '/payment/v1/card-payments/584') return ok(payment(paymentFields));
		if (call.path === '/craftlink/v1/products') return linkSearch(links, totalSize);
		return craftgateError(404, '9001', 'not found');
	};
	return new FakeCraftgate({ respond });
}

async function receive(options: {
	body: IDataObject;
	signature?: string | null;
	nodeParameters?: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
	fake?: FakeCraftgate;
	nodeId?: string;
}) {
	const fake = options.fake ?? craftgateWithPayment();
	const headers: Record<string, string> = {};
	const signature = options.signature === undefined ? sign(options.body) : options.signature;
	if (signature !== null) headers['X-CG-SIGNATURE-V1'] = signature;
	const delivered = await deliverToTrigger({
		fake,
		body: options.body,
		headers,
		nodeId: options.nodeId ?? `craftgate-node-${++nodeCounter}`,
		nodeParameters: options.nodeParameters ?? { events: DEFAULT_EVENT_TYPES, options: {} },
		credentials: options.credentials ?? FAKE_CREDENTIALS,
	});
	return { ...delivered, calls: fake.calls };
}

const property = (name: string) => trigger.description.properties.find((p) => p.name === name) as INodeProperties;
const eventOptions = () => property('events').options as INodePropertyOptions[];

describe('Craftgate Trigger: description', () => {
	it('is the trigger paired with the Craftgate node, without inputs, not a tool', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'craftgateTrigger', displayName: 'Craftgate Trigger', group: ['trigger'], inputs: [] });
		expect(d.usableAsTool).toBeUndefined();
		expect(d.webhooks?.[0]).toMatchObject({ httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' });
	});

	it('has the set-up notice under the name "notice", then Events, then one Options collection', () => {
		expect(trigger.description.properties.map((p) => [p.name, p.type])).toEqual([
			['notice', 'notice'],
			['events', 'multiOptions'],
			['options', 'collection'],
		]);
		expect(property('notice').displayName).toContain('"Merchant Webhook URL"');
		expect((property('options').options as INodeProperties[]).map((o) => o.name)).toEqual([
			'ignoreRedeliveries',
			'matchLink',
			'maxEventAgeMinutes',
			'payByLinkOnly',
		]);
	});

	it('names every event as a person reads it, with the panel\'s "On …" action and Craftgate\'s own name', () => {
		const byValue = Object.fromEntries(eventOptions().map((o) => [o.value, o]));
		expect(byValue.API_AUTH).toMatchObject({ name: 'Payment Authorized (API)', action: 'On Payment Authorized (API)' });
		expect(byValue.API_VERIFY_AND_AUTH).toMatchObject({ name: 'Payment Authorized (3-D Pay)', action: 'On Payment Authorized (3-D Pay)' });
		expect(byValue.CHECKOUTFORM_AUTH).toMatchObject({ name: 'Payment Authorized (Checkout Form)' });
		expect(byValue.REFUND.description).toBe('A payment was refunded (Craftgate event REFUND)');
		expect(eventOptions()).toHaveLength(15);
		for (const option of eventOptions()) {
			expect(option.name).not.toMatch(/[A-Z]{2,}_/);
			expect(option.action).toBe(`On ${option.name}`);
		}
		const names = eventOptions().map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('defaults to the payment events, and shows the chosen events by name on the canvas', () => {
		expect(property('events').default).toEqual(DEFAULT_EVENT_TYPES);
		expect(renderSubtitle(trigger, { events: ['API_AUTH', 'CHECKOUTFORM_AUTH'] })).toBe(
			'Payment Authorized (API), Payment Authorized (Checkout Form)',
		);
		expect(renderSubtitle(trigger, { events: ['REFUND'] })).toBe('Payment Refunded');
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
			credentials: { ...FAKE_CREDENTIALS, webhookSecret: 'Aoh7tReTybO6wOjBmOJFFsOR53SBojEp' },
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
			credentials: { ...FAKE_CREDENTIALS, webhookSecret: '' },
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
			eventId: 'craftgate:payment:584:paid',
			provider: 'craftgate',
			event: 'API_AUTH',
			status: 'paid',
			reference: 'ord-1',
			transactionId: '584',
			amount: { value: 14990, offset: 100, currency: 'TRY' },
			occurredAt: new Date(Number(body.eventTimestamp) * 1000).toISOString(),
			details: { linkId: 12, candidateLinkIds: [12], paymentId: 584, paymentSource: 'PAY_BY_LINK', paymentStatus: 'SUCCESS', webhookStatus: 'SUCCESS', confirmed: true, verifiedBy: 'api' },
			raw: body,
		});
	});

	it('trusts the fetched status over the webhook\'s: a SUCCESS delivery of a failed payment is failed', async () => {
		const { events } = await receive({
			body: delivery(),
			fake: craftgateWithPayment({ paymentStatus: 'FAILURE', paymentError: { errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' } }),
		});
		expect(events[0]).toMatchObject({ status: 'failed', details: { webhookStatus: 'SUCCESS', paymentError: { errorGroup: 'NOT_SUFFICIENT_FUNDS' } } });
	});

	it('SUCCESS with a paymentError is not paid', async () => {
		const { events } = await receive({ body: delivery(), fake: craftgateWithPayment({ paymentError: { errorCode: '1' } }) });
		expect(events[0].status).toBe('failed');
	});

	it('a checkout token is read from the checkout-payments endpoint; the event id is the payment\'s', async () => {
		const { events, calls } = await receive({
			body: delivery({ eventType: 'CHECKOUTFORM_AUTH', payloadId: CHECKOUT_TOKEN }),
			fake: new FakeCraftgate({
				respond: (call) =>
					call.path === `/payment/v1/checkout-payments/${CHECKOUT_TOKEN}`
						? ok(payment({ id: 900, paymentSource: 'CHECKOUT_FORM', orderId: undefined, conversationId: 'conv-9' }))
						: { status: 404, body: {} },
			}),
		});
		expect(calls).toHaveLength(1);
		expect(events[0]).toMatchObject({
			eventId: 'craftgate:payment:900:paid',
			status: 'paid',
			reference: 'conv-9',
			transactionId: '900',
			details: { checkoutToken: CHECKOUT_TOKEN, linkId: null, candidateLinkIds: null, confirmed: true },
		});
	});

	it('refuses (401) a checkout event whose payloadId is not a checkout token, without asking Craftgate', async () => {
		const { response, calls } = await receive({ body: delivery({ eventType: 'CHECKOUTFORM_AUTH', payloadId: 'e1b2-token' }) });
		expect(response.statusCode).toBe(401);
		expect(calls).toHaveLength(0);
	});

	it('a payment id unknown to card-payments is read from payment reporting', async () => {
		const { events, calls } = await receive({
			body: delivery(),
			nodeParameters: { events: ['API_AUTH'], options: { matchLink: false } },
			// Payment 584 is not a card payment: only the reporting API knows it.
			fake: new FakeCraftgate({
				respond: (call) =>
					call.path === '/payment-reporting/v1/payments/584' ? ok(payment({ paymentStatus: 'WAITING' })) : craftgateError(404, '9001', 'Payment not found'),
			}),
		});
		expect(calls.map((c) => c.path)).toEqual(['/payment/v1/card-payments/584', '/payment-reporting/v1/payments/584']);
		expect(events[0]).toMatchObject({ status: 'pending', details: { linkId: null } });
	});

	it('a re-fetch Craftgate fails (5xx) starts nothing and is answered 503 with a short body, so Craftgate delivers again', async () => {
		const { result, response, calls, logger } = await receive({ body: delivery(), fake: new FakeCraftgate({ respond: () => craftgateError(503, '0', 'down') }) });
		expect(calls).toHaveLength(1);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({
			statusCode: 503,
			body: { error: 'Service Unavailable', message: 'The event could not be confirmed with the payment provider now; deliver it again later' },
		});
		expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Craftgate error 0: down'), expect.anything());
		expect(JSON.stringify([response, logger.error.mock.calls])).not.toContain(FAKE_KEYS.secretKey);
	});

	it('a re-fetch that gets no answer is answered 503', async () => {
		const fake = new FakeCraftgate({
			respond: () => {
				throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			},
		});
		const { result, response } = await receive({ body: delivery(), fake });
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ statusCode: 503, body: { error: 'Service Unavailable' } });
	});

	it('a signed delivery for a payment Craftgate does not know is answered 422 with a short body (never n8n\'s error page) and starts nothing', async () => {
		const { result, response, calls, logger } = await receive({
			body: delivery({ payloadId: '987654321' }),
			fake: new FakeCraftgate({ respond: () => craftgateError(404, '9001', 'Payment not found') }),
		});
		expect(calls.map((call) => call.path)).toEqual(['/payment/v1/card-payments/987654321', '/payment-reporting/v1/payments/987654321']);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({
			statusCode: 422,
			body: { error: 'Unprocessable Entity', message: 'The payment provider does not know the payment this event names' },
		});
		expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('9001'), expect.anything());
	});

	it('refuses an answer about another payment than the one the delivery names (500), and starts nothing', async () => {
		const { result, response } = await receive({ body: delivery(), fake: craftgateWithPayment({ id: 1 }) });
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ statusCode: 500, body: { error: 'Internal Server Error' } });
	});

	it('events that are not payments are emitted from the signed fields only', async () => {
		const body = delivery({ eventType: 'REFUND', payloadId: '77' });
		const { events, calls } = await receive({ body, nodeParameters: { events: ['REFUND'], options: {} } });
		expect(calls).toHaveLength(0);
		expect(events[0]).toMatchObject({
			eventId: 'craftgate:REFUND:77:SUCCESS',
			event: 'REFUND',
			status: 'refunded',
			transactionId: '77',
			details: { confirmed: false, verifiedBy: 'signature' },
		});
	});
});

describe('the payment link behind a payment (payments carry no link id)', () => {
	// Link 12 and a second order in the same chat, link 13, reusing order id ord-1.
	const secondOrder = { ...PRODUCT, id: 13, price: 20 };
	const linkOf = async (paymentFields: IDataObject, links: IDataObject[], totalSize?: number) =>
		(await receive({ body: delivery(), fake: craftgateWithPayment(paymentFields, links, totalSize) })).events[0].details as IDataObject;

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
			fake: craftgateWithPayment({ paymentSource: 'API' }),
		});
		expect(result.workflowData).toBeUndefined();
	});

	it('a redelivery runs the workflow once; so does another event about the same payment in the same state', async () => {
		const body = delivery();
		const first = await receive({ body, nodeId: 'dedup-node' });
		const second = await receive({ body, nodeId: 'dedup-node' });
		expect(first.events).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.statusCode).toBe(200);
		// Another event type (or webhook status) about payment 584, still SUCCESS at Craftgate.
		const sameState = await receive({ body: { ...body, eventType: 'API_VERIFY_AND_AUTH', status: 'FAILURE' }, nodeId: 'dedup-node' });
		expect(sameState.result.workflowData).toBeUndefined();
		const changed = await receive({ body, nodeId: 'dedup-node', fake: craftgateWithPayment({ paymentStatus: 'FAILURE' }) });
		expect(changed.events).toMatchObject([{ eventId: 'craftgate:payment:584:failed' }]);
	});

	it('with Ignore Redeliveries off, every delivery runs', async () => {
		const body = delivery();
		const parameters = { events: ['API_AUTH'], options: { ignoreRedeliveries: false } };
		await receive({ body, nodeId: 'no-dedup-node', nodeParameters: parameters });
		const again = await receive({ body, nodeId: 'no-dedup-node', nodeParameters: parameters });
		expect(again.events).toHaveLength(1);
	});
});

describe('a captured signature cut another way (re-split replay): refused, nothing fetched, nothing run', () => {
	// Craftgate signs eventType + eventTimestamp + status + payloadId with no separators, so the
	// signature of payment 1001 also covers "SUCCESS1" + "001" (payment 1), "1661521221" + "5SUCCESS"...
	const captured = { eventType: 'API_AUTH', eventTimestamp: Math.floor(Date.now() / 1000), status: 'SUCCESS', payloadId: '1001' };
	const signature = sign(captured);
	/** Craftgate holding every payment a re-split could name: 1001 and each of 1, 01, 001, 10, 100... */
	const everyPayment = () =>
		new FakeCraftgate({ respond: (call) => {
			const id = /\/(\d+)$/.exec(call.path)?.[1];
			return id ? ok(payment({ id: Number(id) })) : linkSearch([PRODUCT]);
		} });

	/** Every way to cut `left + right` other than the captured one, as [left, right]. */
	function recuts(left: string, right: string): Array<[string, string]> {
		const joined = left + right;
		const cuts: Array<[string, string]> = [];
		for (let at = 0; at <= joined.length; at++) if (at !== left.length) cuts.push([joined.slice(0, at), joined.slice(at)]);
		return cuts;
	}

	const resplits: Array<[string, IDataObject]> = [
		...recuts(captured.status, captured.payloadId).map(([status, payloadId]): [string, IDataObject] => [
			`status "${status}" + payloadId "${payloadId}"`,
			{ ...captured, status, payloadId },
		]),
		...recuts(String(captured.eventTimestamp), captured.status).map(([eventTimestamp, status]): [string, IDataObject] => [
			`eventTimestamp "${eventTimestamp}" + status "${status}"`,
			{ ...captured, eventTimestamp, status },
		]),
		...recuts(captured.eventType, String(captured.eventTimestamp)).map(([eventType, eventTimestamp]): [string, IDataObject] => [
			`eventType "${eventType}" + eventTimestamp "${eventTimestamp}"`,
			{ ...captured, eventType, eventTimestamp },
		]),
	];

	it('the captured delivery itself is accepted once (the control)', async () => {
		const fake = everyPayment();
		const { events } = await receive({ body: captured, signature, fake });
		expect(events).toMatchObject([{ eventId: 'craftgate:payment:1001:paid', transactionId: '1001' }]);
		expect(sign(captured)).toBe(signature);
	});

	it.each(resplits)('%s with the captured signature: 4xx, no Craftgate call, no execution', async (_, body) => {
		// The same signed text: the signature still matches.
		expect(`${body.eventType}${body.eventTimestamp}${body.status}${body.payloadId}`).toBe(signedPayload(captured as never));
		const fake = everyPayment();
		const { result, response, calls } = await receive({ body, signature, fake, nodeParameters: { events: DEFAULT_EVENT_TYPES, options: { maxEventAgeMinutes: 0 } } });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBeGreaterThanOrEqual(400);
		expect(response.statusCode).toBeLessThan(500);
		expect(calls).toHaveLength(0);
	});

	it('covers every cut: status/payloadId, timestamp/status and eventType/timestamp boundaries', () => {
		// A boundary inside a + b can sit at a.length + b.length + 1 places; one of them is the captured cut.
		const others = (a: string, b: string) => a.length + b.length;
		const timestamp = String(captured.eventTimestamp);
		expect(resplits).toHaveLength(
			others(captured.status, captured.payloadId) + others(timestamp, captured.status) + others(captured.eventType, timestamp),
		);
		expect(resplits.map(([name]) => name)).toContain('status "SUCCESS1" + payloadId "001"');
		expect(resplits.map(([name]) => name)).toContain('status "SUCCESS100" + payloadId "1"');
	});

	it.each([
		['a payment id with leading zeros', { payloadId: '001' }],
		['a status Craftgate never sends', { status: 'SUCCESS1' }],
		['a lower-case status', { status: 'success' }],
		['a timestamp with a leading zero', { eventTimestamp: `0${captured.eventTimestamp}` }],
		['a fractional timestamp', { eventTimestamp: `${captured.eventTimestamp}.5` }],
		['an event type ending in a digit', { eventType: 'API_AUTH1' }],
	])('refuses %s even when correctly signed for it (401, no Craftgate call)', async (_, fields) => {
		const body = { ...captured, ...fields };
		const { result, response, calls, logger } = await receive({ body, signature: sign(body), fake: everyPayment() });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
		expect(calls).toHaveLength(0);
		expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/^Craftgate Trigger rejected a delivery: \w+ is not/));
	});
});
