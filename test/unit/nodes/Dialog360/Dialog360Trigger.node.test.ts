import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { lookupPathField } from '../../../../nodes/Dialog360/helpers/lookupPath';
import { DEFAULT_LOOKUP_PATH } from '../../../../nodes/Dialog360/transport';
import { TEST_CREDENTIALS } from '../../../fakes/dialog360';
import { subtitleOf } from '../../helpers/subtitle';
import {
	base64Signature,
	deliver,
	envelope,
	hexSignature,
	lookupAnswer,
	newWamid,
	PARAMETERS,
	paymentStatus,
	SECRET,
	trigger,
} from './triggerContext';

const withOptions = (options: IDataObject, parameters: IDataObject = {}) => ({ ...PARAMETERS, ...parameters, options });

describe('360dialog Trigger: the editor', () => {
	const properties = trigger.description.properties;
	const byName = (name: string) => properties.find((property) => property.name === name) as INodeProperties;

	it('is the dialog360Trigger, paired with the dialog360 node', () => {
		expect(trigger.description).toMatchObject({ name: 'dialog360Trigger', displayName: '360dialog Trigger', group: ['trigger'], defaults: { name: '360dialog Trigger' } });
	});

	it('shows the notice, Confirm with Lookup, Payment Configuration, then every optional setting under Options', () => {
		expect(properties.map((property) => property.name)).toEqual(['notice', 'confirmWithLookup', 'paymentConfiguration', 'options']);
		expect(byName('notice').type).toBe('notice');
		expect((byName('options').options as INodeProperties[]).map((option) => option.displayName)).toEqual([
			'Ignore Redeliveries',
			'Include Message Status Updates',
			'Include Refused Order Status Changes',
			'Lookup Path',
			'Signature Encoding',
			'Verify 360dialog Signature',
		]);
	});

	it('requires the Payment Configuration whenever it confirms with the lookup', () => {
		expect(byName('paymentConfiguration')).toMatchObject({ required: true, displayOptions: { show: { confirmWithLookup: [true] } } });
	});

	it('offers the one default Lookup Path, the one the Get operation uses', () => {
		const option = (byName('options').options as INodeProperties[]).find((each) => each.name === 'lookupPath');
		expect(option).toMatchObject({ default: DEFAULT_LOOKUP_PATH, options: lookupPathField.options, displayOptions: { show: { '/confirmWithLookup': [true] } } });
	});

	it.each([
		[{ confirmWithLookup: true }, 'Payment Status (Confirmed with Lookup)'],
		[{}, 'Payment Status (Confirmed with Lookup)'],
		[{ confirmWithLookup: false }, 'Payment Status (Not Confirmed)'],
	])('its subtitle for %j is "%s"', (parameters, subtitle) => {
		expect(subtitleOf(trigger.description, parameters)).toBe(subtitle);
	});
});

describe('360dialog Trigger: deliveries', () => {
	describe('payment events confirmed with the lookup', () => {
		it('asks the lookup and emits its status as a normalized payment event', async () => {
			const status = paymentStatus();
			const { events, calls, response } = await deliver({ delivery: envelope({ statuses: [status] }), respond: () => lookupAnswer('captured') });
			expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET https://waba-v2.360dialog.io/v1/payments/payment-config-id/ORDER-1001']);
			expect(response.ended).toBe(false);
			expect(events).toEqual([
				{
					eventId: `360dialog:${status.id}:captured:pay_Kx1`,
					provider: '360dialog',
					event: 'payment.captured',
					status: 'paid',
					reference: 'ORDER-1001',
					transactionId: 'pay_Kx1',
					amount: { value: 21000, offset: 100, currency: 'INR' },
					occurredAt: '2023-11-14T22:15:00.000Z',
					details: {
						category: 'payment',
						wamid: status.id,
						recipientId: '919876543210',
						webhookStatus: 'captured',
						transactionStatus: 'success',
						gateway: 'razorpay',
						method: 'upi',
						refunds: [],
						wabaId: 'WABA-1',
						phoneNumberId: 'PN-1',
						displayPhoneNumber: '918012345678',
						confirmed: true,
						lookupStatus: 'captured',
						paymentConfiguration: 'payment-config-id',
						transactions: [{ id: 'pay_Kx1', status: 'success', type: 'razorpay' }],
					},
					raw: status,
				},
			]);
		});

		it("emits the lookup's status when the webhook claims more: the claim stays in raw and details.webhookStatus", async () => {
			const status = paymentStatus({ status: 'captured' });
			const { events } = await deliver({ delivery: envelope({ statuses: [status] }), respond: () => lookupAnswer('pending', []) });
			expect(events[0]).toMatchObject({
				status: 'pending',
				details: { webhookStatus: 'captured', lookupStatus: 'pending', confirmed: true },
				raw: { status: 'captured' },
			});
		});

		it('a failed lookup answer beats a captured claim', async () => {
			const { events } = await deliver({ delivery: envelope({ statuses: [paymentStatus()] }), respond: () => lookupAnswer('failed') });
			expect(events[0].status).toBe('failed');
		});

		it("uses the payment configuration the webhook's payment object names, before the parameter", async () => {
			const status = paymentStatus({}, { payment_configuration: 'cfg-from-webhook' });
			const { calls } = await deliver({ delivery: envelope({ statuses: [status] }), respond: () => lookupAnswer('captured') });
			expect(calls[0].path).toBe('/v1/payments/cfg-from-webhook/ORDER-1001');
		});

		it('asks the default Lookup Path, the one the Get operation uses, when none is chosen', async () => {
			const { calls } = await deliver({ delivery: envelope({ statuses: [paymentStatus()] }), respond: () => lookupAnswer('captured') });
			expect(calls[0].path).toBe(`${DEFAULT_LOOKUP_PATH}/payment-config-id/ORDER-1001`);
		});

		it('asks /payments/... when the Lookup Path option says so', async () => {
			const { calls } = await deliver({
				delivery: envelope({ statuses: [paymentStatus()] }),
				nodeParameters: withOptions({ lookupPath: '/payments' }),
				respond: () => lookupAnswer('captured'),
			});
			expect(calls[0].path).toBe('/payments/payment-config-id/ORDER-1001');
		});

		it('refunds make a captured payment refunded, each refund its own event', async () => {
			const refund = { id: 'rfnd_1', amount: { value: 21000, offset: 100 }, status: 'completed' };
			const wamid = newWamid();
			const refunded = paymentStatus({ id: wamid }, {}, { refunds: [refund] });
			const { events } = await deliver({
				delivery: envelope({ statuses: [refunded] }),
				respond: () => lookupAnswer('captured', [{ id: 'pay_Kx1', status: 'success', refunds: [refund] }]),
			});
			expect(events[0]).toMatchObject({ status: 'refunded', eventId: `360dialog:${wamid}:captured:pay_Kx1:refund-rfnd_1-completed` });
		});

		it('a lookup 360dialog fails (5xx) is asked once and answered 503 with a short body (360dialog retries); nothing is remembered', async () => {
			const delivery = envelope({ statuses: [paymentStatus()] });
			const failed = await deliver({ delivery, respond: () => ({ status: 503, body: { error: 'maintenance' } }) });
			expect(failed.calls).toHaveLength(1);
			expect(failed.result).toEqual({ noWebhookResponse: true });
			expect(failed.response).toMatchObject({ statusCode: 503, body: { error: 'Service Unavailable' } });
			const again = await deliver({ delivery, respond: () => lookupAnswer('captured') });
			expect(again.events).toHaveLength(1);
		});

		it('a payment the lookup does not know (404 or an empty list) is answered 422 and starts nothing', async () => {
			const delivery = envelope({ statuses: [paymentStatus()] });
			const unknown = await deliver({ delivery, respond: () => ({ status: 404, body: { error: { message: 'Payment does not exist', code: 100 } } }) });
			expect(unknown.result.workflowData).toBeUndefined();
			expect(unknown.response).toMatchObject({ statusCode: 422, body: { error: 'Unprocessable Entity' } });
			const empty = await deliver({ delivery, respond: () => ({ status: 200, body: { payments: [] } }) });
			expect(empty.response.statusCode).toBe(422);
		});

		it('a lookup that gets no answer is answered 503', async () => {
			const failed = await deliver({ delivery: envelope({ statuses: [paymentStatus()] }), respond: () => ({ networkError: 'socket hang up' }) });
			expect(failed.response).toMatchObject({ statusCode: 503, body: { error: 'Service Unavailable' } });
		});

		it.each([
			['a payment without reference_id', paymentStatus({}, { reference_id: undefined }), PARAMETERS, 'A payment status without payment.reference_id cannot be confirmed with the payment lookup'],
			['an unknown payment configuration', paymentStatus(), { ...PARAMETERS, paymentConfiguration: ' ' }, 'The payment configuration of this payment is unknown: set "Payment Configuration" in the 360dialog Trigger'],
		])('answers 400 for %s and starts nothing', async (_name, status, parameters, message) => {
			const { result, response, calls } = await deliver({ delivery: envelope({ statuses: [status] }), nodeParameters: { ...parameters, options: {} } });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(400);
			expect(response.body).toEqual({ error: 'Bad Request', message });
			expect(calls).toHaveLength(0);
		});
	});

	describe('without Confirm with Lookup', () => {
		it.each([
			['captured', {}, 'paid'],
			['captured', { refunds: [{ id: 'r1', status: 'completed' }] }, 'refunded'],
			['pending', {}, 'pending'],
			['failed', { status: 'failed', error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' } }, 'failed'],
			['canceled', {}, 'canceled'],
			['something_new', {}, 'other'],
		])("trusts the webhook's %s (%j) as %s, without asking anything", async (webhookStatus, transaction, normalized) => {
			const { events, calls } = await deliver({
				delivery: envelope({ statuses: [paymentStatus({ status: webhookStatus }, {}, transaction)] }),
				nodeParameters: withOptions({}, { confirmWithLookup: false }),
			});
			expect(calls).toHaveLength(0);
			expect(events[0]).toMatchObject({ status: normalized, amount: { value: 21000, offset: 100, currency: 'INR' }, details: { confirmed: false, webhookStatus } });
		});
	});

	describe('events without an identity of their own', () => {
		it.each([
			['a payment status with neither wamid nor transaction id', paymentStatus({ id: undefined }, {}, { id: undefined }), {}, 'payment.captured'],
			['a message status without wamid', { recipient_id: '919876543210', status: 'read', timestamp: '1700000200' }, { includeMessageStatuses: true }, 'message.read'],
		])('answers 400 to %s, never giving it an id another event could share', async (_name, status, options, event) => {
			const { result, response } = await deliver({
				delivery: envelope({ statuses: [status] }),
				nodeParameters: withOptions(options, { confirmWithLookup: false }),
			});
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({
				statusCode: 400,
				body: { error: 'Bad Request', message: `The 360dialog event "${event}" carries no identifier (message, payment or transaction ID) to tell it from other events` },
			});
		});

		it('takes a payment status known by its transaction id alone', async () => {
			const { events } = await deliver({
				delivery: envelope({ statuses: [paymentStatus({ id: undefined })] }),
				nodeParameters: withOptions({}, { confirmWithLookup: false }),
			});
			expect(events.map((event) => event.eventId)).toEqual(['360dialog:captured:pay_Kx1']);
		});
	});

	describe('authenticity', () => {
		it.each([
			['no secret header', null],
			['a wrong secret', 'guessed-secret'],
			['the secret with one character more', `${SECRET}x`],
		])('answers 401 to a delivery with %s, asks nothing and emits nothing', async (_name, secret) => {
			const { result, response, calls } = await deliver({ delivery: envelope({ statuses: [paymentStatus()] }), secret, respond: () => lookupAnswer('captured') });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
			expect(calls).toHaveLength(0);
		});

		it('refuses everything, and says why in the log, when static data has no secret', async () => {
			const { response, logger } = await deliver({ delivery: envelope({ statuses: [paymentStatus()] }), staticData: {} });
			expect(response.statusCode).toBe(401);
			expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('deactivate and activate the workflow again'), expect.anything());
		});

		describe('with Verify 360dialog Signature', () => {
			const delivery = () => envelope({ statuses: [paymentStatus()] });
			const signed = async (signature: (raw: string) => string | undefined, options: IDataObject, credentials = TEST_CREDENTIALS) => {
				const body = delivery();
				const raw = JSON.stringify(body);
				const header = signature(raw);
				return await deliver({
					delivery: body,
					headers: header === undefined ? {} : { 'x-360dialog-signature': header },
					nodeParameters: withOptions({ verifySignature: true, ...options }),
					credentials: { dialog360Api: credentials },
					respond: () => lookupAnswer('captured'),
				});
			};

			it.each([
				['hex', hexSignature, {}],
				['hex with sha256= prefix', (raw: string) => `sha256=${hexSignature(raw)}`, {}],
				['upper-case hex', (raw: string) => hexSignature(raw).toUpperCase(), {}],
				['base64 when chosen', base64Signature, { signatureEncoding: 'base64' }],
				['hex when either is accepted', hexSignature, { signatureEncoding: 'hexOrBase64' }],
				['base64 when either is accepted', base64Signature, { signatureEncoding: 'hexOrBase64' }],
			])('accepts %s', async (_name, signature, options) => {
				const { events, response } = await signed(signature, options);
				expect(response.statusCode).toBeUndefined();
				expect(events).toHaveLength(1);
			});

			it.each([
				['no signature', () => undefined, {}],
				['base64 while hex is expected', base64Signature, {}],
				['hex while base64 is expected', hexSignature, { signatureEncoding: 'base64' }],
				['a signature made with another key', (raw: string) => hexSignature(raw, 'other-key'), {}],
				['a signature of other bytes', (raw: string) => hexSignature(`${raw} `), {}],
			])('answers 401 to %s', async (_name, signature, options) => {
				const { response, events, calls } = await signed(signature, options);
				expect(response.statusCode).toBe(401);
				expect(events).toHaveLength(0);
				expect(calls).toHaveLength(0);
			});

			it('answers 401 when the credential has no partner secret, even to a signature made with an empty key', async () => {
				const { response } = await signed((raw) => hexSignature(raw, ''), {}, { ...TEST_CREDENTIALS, partnerWebhookSecret: '' });
				expect(response.statusCode).toBe(401);
			});

			it('still requires the secret header', async () => {
				const body = delivery();
				const { response } = await deliver({
					delivery: body,
					secret: null,
					headers: { 'x-360dialog-signature': hexSignature(JSON.stringify(body)) },
					nodeParameters: withOptions({ verifySignature: true }),
				});
				expect(response.statusCode).toBe(401);
			});
		});
	});

	describe('redeliveries', () => {
		it('runs the workflow once for the same wamid, status and transaction', async () => {
			const delivery = envelope({ statuses: [paymentStatus()] });
			const first = await deliver({ delivery, respond: () => lookupAnswer('captured') });
			expect(first.events).toHaveLength(1);
			const second = await deliver({ delivery, respond: () => lookupAnswer('captured') });
			expect(second.result).toEqual({ noWebhookResponse: true });
			expect(second.response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 1 } });
		});

		it('a new status of the same message is a new event', async () => {
			const wamid = newWamid();
			const pending = await deliver({ delivery: envelope({ statuses: [paymentStatus({ id: wamid, status: 'pending' }, {}, { status: 'pending' })] }), respond: () => lookupAnswer('pending') });
			const captured = await deliver({ delivery: envelope({ statuses: [paymentStatus({ id: wamid })] }), respond: () => lookupAnswer('captured') });
			expect(pending.events).toHaveLength(1);
			expect(captured.events).toHaveLength(1);
			expect(captured.events[0].eventId).not.toBe(pending.events[0].eventId);
		});

		it('with Ignore Redeliveries off, every delivery runs the workflow', async () => {
			const delivery = envelope({ statuses: [paymentStatus()] });
			const parameters = withOptions({ ignoreRedeliveries: false });
			await deliver({ delivery, nodeParameters: parameters, respond: () => lookupAnswer('captured') });
			const again = await deliver({ delivery, nodeParameters: parameters, respond: () => lookupAnswer('captured') });
			expect(again.events).toHaveLength(1);
		});
	});

	describe('message statuses and order errors', () => {
		const delivered = () => ({ id: newWamid(), recipient_id: '919876543210', status: 'delivered', timestamp: '1700000200', conversation: { id: 'c1' }, pricing: { billable: true } });
		const refused = (code: number) => ({
			id: newWamid(),
			recipient_id: '919876543210',
			status: 'failed',
			timestamp: '1700000300',
			errors: [{ code, title: code === 2046 ? 'Invalid status transition' : 'Cannot cancel order', message: 'New order status was not correctly transitioned.', error_data: { details: 'from completed to shipped' } }],
		});

		it('by default, emits neither (200, no execution)', async () => {
			const { result, response } = await deliver({ delivery: envelope({ statuses: [delivered(), refused(2046)], errors: [{ code: 2047, title: 'Cannot cancel order' }] }) });
			expect(result.workflowData).toBeUndefined();
			expect(response).toMatchObject({ statusCode: 200, body: { received: true, duplicates: 0 } });
		});

		it('emits message status updates when asked', async () => {
			const status = delivered();
			const { events } = await deliver({ delivery: envelope({ statuses: [status] }), nodeParameters: withOptions({ includeMessageStatuses: true }) });
			expect(events).toEqual([
				expect.objectContaining({
					eventId: `360dialog:${status.id}:delivered`,
					event: 'message.delivered',
					status: 'other',
					reference: null,
					details: expect.objectContaining({ category: 'messageStatus', wamid: status.id, messageStatus: 'delivered', errors: [] }),
					raw: status,
				}),
			]);
		});

		it.each([2046, 2047])('emits a refused order status change (%i in statuses[].errors) when asked', async (code) => {
			const status = refused(code);
			const { events } = await deliver({ delivery: envelope({ statuses: [status] }), nodeParameters: withOptions({ includeOrderErrors: true, includeMessageStatuses: true }) });
			expect(events).toEqual([
				expect.objectContaining({
					eventId: `360dialog:${status.id}:failed:${code}`,
					event: 'order.error',
					status: 'other',
					details: expect.objectContaining({ category: 'orderError', wamid: status.id, errorCode: code, errorDetails: 'from completed to shipped' }),
				}),
			]);
		});

		it('emits a 2046/2047 found in value.errors[], and only those', async () => {
			const { events } = await deliver({
				delivery: envelope({ errors: [{ code: 2047, title: 'Cannot cancel order', message: "Could not change order status to 'canceled'" }, { code: 131000, title: 'Something else' }] }),
				nodeParameters: withOptions({ includeOrderErrors: true }),
			});
			expect(events).toHaveLength(1);
			expect(events[0]).toMatchObject({ event: 'order.error', details: { category: 'orderError', wamid: null, errorCode: 2047, errorMessage: "Could not change order status to 'canceled'" } });
			expect(events[0].eventId).toMatch(/^360dialog:error:WABA-1:2047:[0-9a-f]{16}$/);
		});
	});

	describe('delivery shapes', () => {
		it('reads the older envelope with statuses at the top', async () => {
			const { events } = await deliver({ delivery: { statuses: [paymentStatus()] }, respond: () => lookupAnswer('captured') });
			expect(events[0]).toMatchObject({ status: 'paid', details: { wabaId: null } });
		});

		it('reads a body n8n left unparsed', async () => {
			const body = envelope({ statuses: [paymentStatus()] });
			const { events } = await deliver({ rawBody: JSON.stringify(body), body: {}, rawBodyMode: 'readRawBody', respond: () => lookupAnswer('captured') });
			expect(events).toHaveLength(1);
		});

		it('an incoming customer message alone starts nothing', async () => {
			const { result, response } = await deliver({ delivery: envelope({ contacts: [{ wa_id: '919876543210' }], messages: [{ id: 'wamid.in', type: 'text', text: { body: 'hi' } }] }) });
			expect(result.workflowData).toBeUndefined();
			expect(response.statusCode).toBe(200);
		});

		it('answers 400 to a body that is not a WhatsApp webhook', async () => {
			const { response } = await deliver({ delivery: { hello: 'world' } });
			expect(response).toMatchObject({ statusCode: 400, body: { message: expect.stringContaining('Expected a WhatsApp webhook') } });
		});
	});
});
