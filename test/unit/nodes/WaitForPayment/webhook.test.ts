// Wait for Payment's webhook(): each call to the waiting execution's resume URL. A check carries
// the signed state of this execution's payment: forged or foreign states are refused (401), a bare
// call checks nothing; a paid or failed payment resumes the execution on Paid or Failed; a pending
// one keeps it waiting until the deadline, where Time-Out Clean-Up runs (Craftgate) and the wait
// ends on Timed Out, unless the payment went through meanwhile. Nothing unexpected escapes (500).
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { WaitForPayment } from '../../../../nodes/WaitForPayment/WaitForPayment.node';
import type { WaitState } from '../../../../nodes/WaitForPayment/wait/state';
import { calypsoHttpHelper, ok, type Responder as CalypsoResponder } from '../../../fakes/calypso';
import { craftgateError, FAKE_CREDENTIALS as CRAFTGATE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, payment, PRODUCT, type CraftgateCall } from '../../../fakes/craftgate';
import { fakeDialog360, paymentsAnswer, type Call as Dialog360Call, type Responder as Dialog360Responder } from '../../../fakes/dialog360';
import { callbackBody, deliveredCallback, paidCallback } from '../../../fakes/exotel';
import type { RecordedResponse } from '../../helpers/webhookContext';
import { invoice } from '../Calypso/fixtures';
import { CREDENTIALS, checkQuery, EXECUTION_ID, httpByCredential, SECRET_VALUES, SIGNING_SECRETS, waitWebhookContext } from './contexts';

const node = new WaitForPayment();
const MINUTE = 60_000;

interface Fakes {
	craftgate?: FakeCraftgate;
	dialog360?: Dialog360Responder;
	calypso?: CalypsoResponder;
}

interface CallOptions extends Fakes {
	provider?: string;
	query?: IDataObject;
	body?: IDataObject;
	executionId?: string;
	credentials?: typeof CREDENTIALS;
}

/** One call to the resume URL of a waiting Wait for Payment, against the providers' fakes. */
async function call(options: CallOptions) {
	const craftgate = options.craftgate ?? new FakeCraftgate({ products: [PRODUCT] });
	const dialog360 = fakeDialog360(options.dialog360 ?? (() => paymentsAnswer({ reference_id: 'ORDER-1', status: 'new' })));
	const byType: Record<string, jest.Mock> = { craftgateApi: craftgate.httpHelper(CRAFTGATE_CREDENTIALS), dialog360Api: dialog360.http };
	const http = httpByCredential(byType);
	const context = waitWebhookContext(options.provider ?? 'craftgate', http, {
		query: options.query ?? {},
		body: options.body,
		executionId: options.executionId,
		...(options.credentials ? { credentials: options.credentials } : {}),
	});
	const calypso = calypsoHttpHelper(context.ctx.getNode(), options.calypso ?? (() => ok(invoice())));
	byType.calypsoApi = calypso.http;
	const result: IWebhookResponseData = await node.webhook.call(context.ctx);
	return { result, http, craftgate, dialog360Calls: dialog360.calls as Dialog360Call[], calypsoCalls: calypso.calls, ...context };
}

function state(fields: Partial<WaitState> = {}): WaitState {
	return {
		executionId: EXECUTION_ID,
		target: { provider: 'craftgate', linkId: '12' },
		deadline: Date.now() + 10 * MINUTE,
		intervalMs: MINUTE,
		timeoutMs: 5_000,
		cleanUp: 'deactivateLink',
		...fields,
	};
}

/** A signed check; one saying `deadline` carries a state whose signed deadline has passed (only that counts). */
const signed = (fields: Partial<WaitState> = {}, check?: 'interval' | 'deadline' | 'webhook') =>
	checkQuery(state(check === 'deadline' ? { deadline: Date.now() - 1_000, ...fields } : fields), SIGNING_SECRETS.craftgate, check);
/** The same state, past its deadline (n8n's clock), called without saying why. */
const pastDeadline = (fields: Partial<WaitState> = {}) => signed({ deadline: Date.now() - 1_000, ...fields });

const counts = (result: IWebhookResponseData) => result.workflowData?.map((items) => items.length);
const calls = (fake: FakeCraftgate) => fake.calls.map((entry: CraftgateCall) => `${entry.method} ${entry.path}`);
const CHECK_CALLS = ['GET /craftlink/v1/products/12', 'GET /payment-reporting/v1/payments', 'GET /craftlink/v1/products'];

/** A Craftgate whose writes (PUT, DELETE) are answered by `write`, reads by its own state. */
function craftgateWith(write: (entry: CraftgateCall, fake: FakeCraftgate) => ReturnType<FakeCraftgate['respond']> | undefined, products = [PRODUCT]) {
	const fake = new FakeCraftgate({ products });
	const stateful = fake.respond;
	fake.respond = (entry) => (entry.method === 'GET' ? stateful(entry) : (write(entry, fake) ?? stateful(entry)));
	return fake;
}

function noAnswerWritten(response: RecordedResponse) {
	expect(response.ended).toBe(false);
}

describe('who may say which payment is checked', () => {
	it('refuses a forged state with 401, checks nothing and resumes nothing', async () => {
		const query = signed();
		const { result, response, http } = await call({ query: { ...query, cp_sig: '0'.repeat(64) } });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ error: 'The check state is not signed for this execution' });
		expect(http).not.toHaveBeenCalled();
	});

	it('refuses a state signed with another field of the credential (the API key)', async () => {
		const { response, http } = await call({ query: checkQuery(state(), FAKE_KEYS.apiKey) });
		expect(response.statusCode).toBe(401);
		expect(http).not.toHaveBeenCalled();
	});

	it('refuses a genuine state of another execution of the workflow (a replayed check URL)', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, soldCount: 1 }], payments: [payment()] });
		const { result, response } = await call({ craftgate, query: signed({ executionId: 'another-execution' }), executionId: EXECUTION_ID });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(craftgate.calls).toEqual([]);
	});

	it('a call without a state checks nothing and the wait goes on', async () => {
		const { result, http, response } = await call({ query: { signature: 'token' } });
		expect(result).toEqual({ webhookResponse: { waiting: true, checked: false } });
		expect(http).not.toHaveBeenCalled();
		noAnswerWritten(response);
	});
});

describe('before the deadline', () => {
	it('a paid link resumes on Paid with the payment, read with the state\'s timeout', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, soldCount: 1 }], payments: [payment()] });
		const { result, response } = await call({ craftgate, query: signed({ timeoutMs: 4_000 }, 'interval') });
		noAnswerWritten(response);
		expect(counts(result)).toEqual([1, 0, 0]);
		expect(result.workflowData?.[0][0]).toMatchObject({
			json: { outcome: 'paid', provider: 'craftgate', reference: 'ord-1', eventId: 'craftgate:payment:584:paid', check: { outcome: 'paid' } },
			pairedItem: { item: 0 },
		});
		expect(craftgate.calls.map((entry) => entry.options?.timeout)).toEqual([4_000, 4_000, 4_000]);
	});

	it('a deactivated link resumes on Failed', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, status: 'PASSIVE' }] });
		const { result } = await call({ craftgate, query: signed({}, 'webhook') });
		expect(counts(result)).toEqual([0, 1, 0]);
		expect(result.workflowData?.[1][0].json).toMatchObject({ outcome: 'failed', status: 'canceled' });
	});

	it('a pending link keeps the execution waiting, answering its status; nothing is cleaned up', async () => {
		const { result, craftgate, response } = await call({ query: signed({ cleanUp: 'deleteLink' }, 'interval') });
		expect(result).toEqual({ webhookResponse: { waiting: true, status: 'pending' } });
		expect(result.workflowData).toBeUndefined();
		expect(calls(craftgate)).toEqual(CHECK_CALLS);
		noAnswerWritten(response);
	});

	it('a check that fails keeps the execution waiting (the next check asks again)', async () => {
		const craftgate = new FakeCraftgate({ respond: () => craftgateError(400, '10042', 'Invalid request') });
		const { result } = await call({ craftgate, query: signed({}, 'interval') });
		expect(result).toEqual({ webhookResponse: { waiting: true, checked: false, error: expect.stringMatching(/^Checking the payment failed: .*Invalid request/) } });
	});

	it('checks the payment the state names, not anything in the call', async () => {
		const craftgate = new FakeCraftgate({ products: [PRODUCT, { ...PRODUCT, id: 13, orderId: 'ord-13', soldCount: 1 }] });
		const { result } = await call({ craftgate, query: { ...signed({}, 'interval'), linkId: '13' }, body: { linkId: '13' } });
		expect(result).toEqual({ webhookResponse: { waiting: true, status: 'pending' } });
		expect(craftgate.calls[0].path).toBe('/craftlink/v1/products/12');
	});
});

describe('360dialog and Calypso checks', () => {
	const d360 = { target: { provider: '360dialog' as const, paymentConfiguration: 'cfg', referenceId: 'ORDER-1' }, cleanUp: 'none' as const };
	const transaction = { id: 'pay_1', status: 'success', created_timestamp: 1, updated_timestamp: 2, amount: { value: 100, offset: 100 }, currency: 'INR', refunds: null };

	it('a captured 360dialog payment resumes on Paid; the state is signed with the API key', async () => {
		const { result, dialog360Calls } = await call({
			provider: 'dialog360',
			query: checkQuery(state(d360), SIGNING_SECRETS.dialog360, 'webhook'),
			dialog360: () => paymentsAnswer({ reference_id: 'ORDER-1', status: 'captured', transactions: [transaction] }),
		});
		expect(counts(result)).toEqual([1, 0, 0]);
		expect(result.workflowData?.[0][0].json).toMatchObject({ outcome: 'paid', provider: '360dialog', reference: 'ORDER-1' });
		expect(dialog360Calls).toHaveLength(1);
	});

	it('a pending 360dialog payment at the deadline ends on Timed Out without any clean-up', async () => {
		const { result, dialog360Calls } = await call({ provider: 'dialog360', query: checkQuery(state({ ...d360, deadline: Date.now() - 1_000 }), SIGNING_SECRETS.dialog360, 'deadline') });
		expect(counts(result)).toEqual([0, 0, 1]);
		expect(result.workflowData?.[2][0].json).toMatchObject({ outcome: 'timedOut', provider: '360dialog', reference: 'ORDER-1', checkedAtDeadline: true, cleanUp: { action: 'none', done: false } });
		expect(dialog360Calls).toHaveLength(1);
	});

	it('a declined Calypso invoice resumes on Failed; the state is signed with the secret key', async () => {
		const { result } = await call({
			provider: 'calypsoPay',
			query: checkQuery(state({ target: { provider: 'calypso', kind: 'invoice', id: 'inv-000001' }, cleanUp: 'none' }), SIGNING_SECRETS.calypsoPay, 'interval'),
			calypso: () => ok(invoice({ state: 'DECLINED', lastDepositHash: '0x5' })),
		});
		expect(counts(result)).toEqual([0, 1, 0]);
		expect(result.workflowData?.[1][0].json).toMatchObject({ outcome: 'failed', provider: 'calypso' });
	});
});

describe('at the deadline', () => {
	it('a payment that went through by then ends on Paid, and the link is left alone', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, soldCount: 1 }], payments: [payment()] });
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(counts(result)).toEqual([1, 0, 0]);
		expect(calls(craftgate)).toEqual(CHECK_CALLS);
	});

	it('Clean-Up None: ends on Timed Out with the status read at the deadline; the link is not touched', async () => {
		const { result, craftgate } = await call({ query: signed({ cleanUp: 'none' }, 'deadline') });
		expect(counts(result)).toEqual([0, 0, 1]);
		const deadline = Date.now();
		expect(result.workflowData?.[2][0]).toMatchObject({
			json: {
				outcome: 'timedOut',
				provider: 'craftgate',
				reference: 'ord-1',
				checkedAtDeadline: true,
				lastCheck: { outcome: 'pending', status: 'pending', details: { linkId: 12 } },
				cleanUp: { action: 'none', done: false },
			},
			pairedItem: { item: 0 },
		});
		expect(Math.abs(Date.parse(String(result.workflowData?.[2][0].json.deadline)) - deadline)).toBeLessThan(MINUTE);
		expect(calls(craftgate)).toEqual(CHECK_CALLS);
		expect(craftgate.products[12].status).toBe('ACTIVE');
	});

	it('a call that only says "deadline" before the signed deadline does not end the wait (the reason is not signed)', async () => {
		const query = checkQuery(state({ cleanUp: 'deleteLink' }), SIGNING_SECRETS.craftgate, 'deadline');
		const { result, craftgate } = await call({ query });
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({ waiting: true });
		expect(craftgate.products[12].status).toBe('ACTIVE');
	});

	it('is the deadline by n8n\'s clock too, when the call does not say so', async () => {
		const { result, craftgate } = await call({ query: pastDeadline({ cleanUp: 'none' }) });
		expect(counts(result)).toEqual([0, 0, 1]);
		expect(calls(craftgate)).toEqual(CHECK_CALLS);
	});

	it('Deactivate Link: deactivates, checks again, then ends on Timed Out saying it was done', async () => {
		const { result, craftgate } = await call({ query: signed({ cleanUp: 'deactivateLink' }, 'deadline') });
		expect(calls(craftgate)).toEqual([...CHECK_CALLS, 'GET /craftlink/v1/products/12', 'PUT /craftlink/v1/products/12', ...CHECK_CALLS]);
		expect(craftgate.products[12].status).toBe('PASSIVE');
		expect(counts(result)).toEqual([0, 0, 1]);
		expect(result.workflowData?.[2][0].json).toMatchObject({
			outcome: 'timedOut',
			reference: 'ord-1',
			checkedAtDeadline: true,
			// The last status read is the one after the clean-up: the link is passive now.
			lastCheck: { status: 'canceled', providerStatus: 'PASSIVE' },
			cleanUp: { action: 'deactivateLink', done: true },
		});
		expect((result.workflowData?.[2][0].json.cleanUp as IDataObject).note).toBeUndefined();
	});

	it('Delete Link: deactivates, checks again, deletes, then ends on Timed Out saying it was done', async () => {
		const { result, craftgate } = await call({ query: pastDeadline({ cleanUp: 'deleteLink' }) });
		expect(calls(craftgate)).toEqual([...CHECK_CALLS, 'GET /craftlink/v1/products/12', 'PUT /craftlink/v1/products/12', ...CHECK_CALLS, 'DELETE /craftlink/v1/products/12']);
		expect(craftgate.products[12]).toBeUndefined();
		expect(result.workflowData?.[2][0].json).toMatchObject({ outcome: 'timedOut', checkedAtDeadline: true, cleanUp: { action: 'deleteLink', done: true } });
		// Every call, the clean-up's too, waits as long as the node's Timeout said.
		expect(new Set(craftgate.calls.map((entry) => entry.options?.timeout))).toEqual(new Set([5_000]));
	});

	it('a payment made while the link was being deactivated ends on Paid, and the link is not deleted', async () => {
		const craftgate = craftgateWith((entry, fake) => {
			if (entry.method !== 'PUT') return undefined;
			// The customer's payment went through just before the link became passive.
			fake.products[12] = { ...fake.products[12], ...entry.body, id: 12, soldCount: 1 };
			fake.payments.push(payment());
			return { status: 200, body: { data: fake.products[12] } };
		});
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(counts(result)).toEqual([1, 0, 0]);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			outcome: 'paid',
			eventId: 'craftgate:payment:584:paid',
			cleanUp: { action: 'deleteLink', done: false, note: 'Paid while the link was being deactivated: kept' },
		});
		expect(calls(craftgate)).not.toContain('DELETE /craftlink/v1/products/12');
		expect(craftgate.products[12]).toBeDefined();
	});

	it('a deactivation that fails is reported; the link is not deleted; the wait ends on Timed Out', async () => {
		const craftgate = craftgateWith((entry) => (entry.method === 'PUT' ? craftgateError(400, '5010', 'Product cannot be updated') : undefined));
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(counts(result)).toEqual([0, 0, 1]);
		expect(result.workflowData?.[2][0].json).toMatchObject({
			outcome: 'timedOut',
			checkedAtDeadline: true,
			lastCheck: { status: 'pending' },
			cleanUp: { action: 'deleteLink', done: false, note: expect.stringMatching(/^Deactivating link 12 failed: .*Product cannot be updated/) },
		});
		expect(calls(craftgate).filter((entry) => !entry.startsWith('GET'))).toEqual(['PUT /craftlink/v1/products/12']);
		expect(craftgate.products[12]).toMatchObject({ status: 'ACTIVE' });
	});

	it('a check after the deactivation that fails is reported; the link is not deleted', async () => {
		const craftgate = new FakeCraftgate({ products: [PRODUCT] });
		const stateful = craftgate.respond;
		let deactivated = false;
		craftgate.respond = (entry) => {
			if (entry.method === 'PUT') deactivated = true;
			else if (deactivated && entry.method === 'GET') return craftgateError(400, '10042', 'Invalid request');
			return stateful(entry);
		};
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(result.workflowData?.[2][0].json).toMatchObject({
			outcome: 'timedOut',
			lastCheck: { status: 'pending' },
			cleanUp: { action: 'deleteLink', done: false, note: expect.stringMatching(/^Link 12 is deactivated; checking it again failed: /) },
		});
		expect(calls(craftgate)).not.toContain('DELETE /craftlink/v1/products/12');
	});

	it('a deletion that fails is reported, sent once', async () => {
		const craftgate = craftgateWith((entry) => (entry.method === 'DELETE' ? craftgateError(400, '5011', 'Product cannot be deleted') : undefined));
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(result.workflowData?.[2][0].json).toMatchObject({
			outcome: 'timedOut',
			lastCheck: { status: 'canceled' },
			cleanUp: { action: 'deleteLink', done: false, note: expect.stringMatching(/^Link 12 is deactivated; deleting it failed: .*Product cannot be deleted/) },
		});
		expect(calls(craftgate).filter((entry) => entry.startsWith('DELETE'))).toHaveLength(1);
	});

	it('a check that fails at the deadline ends on Timed Out saying the status is unknown; nothing is cleaned up', async () => {
		const craftgate = new FakeCraftgate({ respond: () => craftgateError(400, '10042', 'Invalid request') });
		const { result } = await call({ craftgate, query: signed({ cleanUp: 'deleteLink' }, 'deadline') });
		expect(counts(result)).toEqual([0, 0, 1]);
		expect(result.workflowData?.[2][0].json).toMatchObject({
			outcome: 'timedOut',
			provider: 'craftgate',
			reference: null,
			lastCheck: null,
			checkedAtDeadline: false,
			cleanUp: { action: 'deleteLink', done: false, note: expect.stringMatching(/^Checking the payment failed: .*Invalid request/) },
		});
		expect(calls(craftgate).every((entry) => entry.startsWith('GET'))).toBe(true);
	});
});

describe('Exotel: the status callback is the call', () => {
	it('a payment success resumes on Paid; a delivery receipt keeps waiting; no credential is needed', async () => {
		const paid = await call({ provider: 'exotel', body: callbackBody(paidCallback()), credentials: {} });
		expect(counts(paid.result)).toEqual([1, 0, 0]);
		expect(paid.result.workflowData?.[0][0].json).toMatchObject({ outcome: 'paid', provider: 'exotel', transactionId: '4142800001' });
		const receipt = await call({ provider: 'exotel', body: callbackBody(deliveredCallback()), credentials: {} });
		expect(receipt.result).toEqual({ webhookResponse: { waiting: true } });
	});
});

describe('nothing unexpected escapes', () => {
	it('a failure outside the checks (the credential cannot be read) is a 500 with a short body, logged', async () => {
		const { result, response, logger } = await call({ query: signed({}, 'interval'), credentials: {} });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(500);
		expect(response.body).toEqual({ error: 'Internal Server Error' });
		expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Wait for Payment could not handle a call'));
	});

	it('an unknown provider parameter is a 500 too, not an exception', async () => {
		const { result, response } = await call({ provider: 'stripe', query: signed({}, 'interval') });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(500);
	});
});

describe('secrets never appear in an output or an answer', () => {
	const echo = `key ${FAKE_KEYS.apiKey} secret ${FAKE_KEYS.secretKey} webhook ${FAKE_KEYS.webhookSecret}`;
	const cases: Array<[string, () => FakeCraftgate, IDataObject]> = [
		['a failed check before the deadline', () => new FakeCraftgate({ respond: () => craftgateError(400, '1', echo) }), signed({}, 'interval')],
		['a failed check at the deadline', () => new FakeCraftgate({ respond: () => craftgateError(400, '1', echo) }), signed({}, 'deadline')],
		['a failed deactivation', () => craftgateWith((entry) => (entry.method === 'PUT' ? craftgateError(400, '1', echo) : undefined)), signed({ cleanUp: 'deleteLink' }, 'deadline')],
		['a failed deletion', () => craftgateWith((entry) => (entry.method === 'DELETE' ? craftgateError(400, '1', echo) : undefined)), signed({ cleanUp: 'deleteLink' }, 'deadline')],
		['a forged state', () => new FakeCraftgate({ products: [PRODUCT] }), { ...signed(), cp_sig: 'x' }],
	];

	it.each(cases)('%s', async (_case, craftgate, query) => {
		const { result, response, logger } = await call({ craftgate: craftgate(), query });
		const shown = JSON.stringify({ result, body: response.body, logged: logger.error.mock.calls });
		for (const secret of SECRET_VALUES) expect(shown).not.toContain(secret);
	});
});
