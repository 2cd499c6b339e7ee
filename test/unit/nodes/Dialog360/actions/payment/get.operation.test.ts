import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DEFAULT_LOOKUP_PATH } from '../../../../../../nodes/Dialog360/transport';
import type { Answer } from '../../../../../fakes/dialog360';
import { failure, run, start } from '../../fixtures';

const GET_FIELDS: IDataObject = {
	resource: 'payment',
	operation: 'get',
	paymentConfiguration: 'payment-config-id',
	referenceId: 'ORDER-1001',
	options: {},
};

const TRANSACTION = {
	id: 'pay_Kx1',
	type: 'razorpay',
	status: 'success',
	created_timestamp: 1700000000,
	updated_timestamp: 1700000030,
	amount: { value: 21000, offset: 100 },
	currency: 'INR',
	method: { type: 'upi' },
};

function payment(status: string, fields: IDataObject = {}): IDataObject {
	return { reference_id: 'ORDER-1001', status, currency: 'INR', amount: { value: 21000, offset: 100 }, transactions: [TRANSACTION], ...fields };
}

const lookup = (answer: Answer, parameters: IDataObject = {}) => run({ base: GET_FIELDS, parameters, respond: () => answer });

describe('360dialog: Payment → Get', () => {
	it('asks the documented path and returns the status, its transactions and the normalized status', async () => {
		const { items, calls } = await lookup({ status: 200, body: { payments: [payment('captured')] } });
		expect(calls).toHaveLength(1);
		expect(calls[0].options).toMatchObject({
			method: 'GET',
			url: 'https://waba-v2.360dialog.io/v1/payments/payment-config-id/ORDER-1001',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 30_000,
		});
		expect(items).toEqual([
			{
				json: {
					referenceId: 'ORDER-1001',
					paymentConfiguration: 'payment-config-id',
					status: 'captured',
					normalizedStatus: 'paid',
					amount: { value: 21000, offset: 100, currency: 'INR' },
					transactions: [TRANSACTION],
					payment: payment('captured'),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('asks the default Lookup Path, the one the trigger uses, when none is chosen', async () => {
		const { calls } = await lookup({ status: 200, body: { payments: [payment('new')] } }, { options: undefined });
		expect(DEFAULT_LOOKUP_PATH).toBe('/v1/payments');
		expect(calls[0].path).toBe(`${DEFAULT_LOOKUP_PATH}/payment-config-id/ORDER-1001`);
	});

	it('asks /payments/... when the Lookup Path option says so', async () => {
		const { calls } = await lookup({ status: 200, body: { payments: [payment('new')] } }, { options: { lookupPath: '/payments' } });
		expect(calls[0].url).toBe('https://waba-v2.360dialog.io/payments/payment-config-id/ORDER-1001');
	});

	it('escapes the configuration name in the path', async () => {
		const { calls } = await lookup({ status: 200, body: { payments: [payment('new')] } }, { paymentConfiguration: 'my config/1' });
		expect(calls[0].path).toBe('/v1/payments/my%20config%2F1/ORDER-1001');
	});

	it.each([
		['new', [], 'pending'],
		['pending', [], 'pending'],
		['captured', [], 'paid'],
		['captured', [{ ...TRANSACTION, refunds: [{ id: 'rfnd_1', status: 'completed' }] }], 'refunded'],
		['canceled', [], 'canceled'],
		['failed', [{ ...TRANSACTION, status: 'failed', error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' } }], 'failed'],
		['on_hold', [], 'other'],
	])('status %s with %j transactions is %s', async (status, transactions, normalized) => {
		const { items } = await lookup({ status: 200, body: { payments: [payment(status, { transactions })] } });
		expect(items[0].json).toMatchObject({ status, normalizedStatus: normalized, transactions });
	});

	it('reads a single payment object, and one under "payment"', async () => {
		const single = await lookup({ status: 200, body: payment('pending') });
		expect(single.items[0].json).toMatchObject({ status: 'pending', normalizedStatus: 'pending' });
		const wrapped = await lookup({ status: 200, body: { payment: payment('failed') } });
		expect(wrapped.items[0].json).toMatchObject({ status: 'failed', normalizedStatus: 'failed' });
	});

	it('picks the payment with the asked reference_id from a list', async () => {
		const { items } = await lookup({ status: 200, body: { payments: [payment('failed', { reference_id: 'OTHER' }), payment('captured')] } });
		expect(items[0].json).toMatchObject({ referenceId: 'ORDER-1001', status: 'captured' });
	});

	it('takes the amount from a transaction when the payment has none', async () => {
		const { items } = await lookup({ status: 200, body: { payments: [payment('captured', { amount: undefined, currency: undefined })] } });
		expect(items[0].json.amount).toEqual({ value: 21000, offset: 100, currency: 'INR' });
	});

	it.each([
		[{ data: { state: 'hidden-value-123' } }, 'Received an object with the keys data.'],
		[{ payments: [{ reference_id: 'ORDER-1001' }] }, 'Received an object with the keys payments.'],
		[['captured'], 'Received a list of 1 entries.'],
		['captured', 'Received a string.'],
		[undefined, 'Received an empty body.'],
	])('an unknown shape (%j) is a clear error naming what came, never its values', async (body, received) => {
		const { execution } = start({ base: GET_FIELDS, respond: () => ({ status: 200, body }) });
		const error = await failure<NodeApiError>(execution);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('360dialog answered the payment lookup in a shape this node does not know');
		expect(error.description).toContain(received);
		expect(error.description).toContain('try the other Lookup Path');
		expect(JSON.stringify({ m: error.message, d: error.description, r: error.errorResponse })).not.toContain('hidden-value-123');
	});

	it('an empty payments list says no payment is known', async () => {
		const { execution } = start({ base: GET_FIELDS, respond: () => ({ status: 200, body: { payments: [] } }) });
		const error = await failure(execution);
		expect(error.description).toContain('no payment is known for reference_id "ORDER-1001" under payment configuration "payment-config-id"');
	});

	it('the seed\'s errors[] answer is an error with its code', async () => {
		const { execution } = start({ base: GET_FIELDS, respond: () => ({ status: 200, body: { errors: [{ code: '2048', title: 'Payment not found', details: 'no such reference' }] } }) });
		const error = await failure<NodeApiError>(execution);
		expect(error.message).toBe('360dialog error 2048: Payment not found');
		expect(error.context.providerCode).toBe('2048');
		expect(error.errorResponse).toMatchObject({ dialog360Details: 'no such reference' });
	});

	it.each([
		[{ referenceId: 'ORDER 1' }, 'referenceId', 'may only contain'],
		[{ referenceId: '' }, 'referenceId', 'must not be empty'],
		[{ paymentConfiguration: '' }, 'paymentConfiguration', '"Payment Configuration" is empty'],
		[{ options: { lookupPath: '/v2/whatever' } }, 'options.lookupPath', '"Lookup Path" must be /v1/payments or /payments'],
	])('refuses %j before asking anything', async (parameters, field, message) => {
		const { execution, http } = start({ base: GET_FIELDS, parameters, itemParameters: [{}, {}] });
		const error = await failure<NodeOperationError>(execution);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(error.description).toBe(`Check field "${field}" of input item 0.`);
		expect(http).not.toHaveBeenCalled();
	});

	it('looks up each item, and with Continue On Fail reports a failed one in place', async () => {
		const { items, calls } = await run({
			base: GET_FIELDS,
			continueOnFail: true,
			itemParameters: [{ referenceId: 'A' }, { referenceId: 'B' }],
			respond: (call) =>
				call.path.endsWith('/A')
					? { status: 404, body: { error: { code: 100, message: 'Payment does not exist', type: 'GraphMethodException' } } }
					: { status: 200, body: { payments: [payment('pending', { reference_id: 'B' })] } },
		});
		expect(calls).toHaveLength(2);
		expect(items[0]).toEqual({
			json: {
				error: '360dialog error 100: Payment does not exist',
				description: '360dialog says (code 100): GraphMethodException — Payment does not exist. Check the path, the IDs you gave and the API host of the credential.',
				httpStatus: 404,
				providerCode: '100',
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { referenceId: 'B', normalizedStatus: 'pending' }, pairedItem: { item: 1 } });
	});
});
