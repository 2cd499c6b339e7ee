// Wait for Payment's execute(): one payment per execution; Exotel waits at once with its Timed
// Out item decided; the lookup providers check first (an already decided payment does not wait),
// then schedule signed checks of the node's own resume URL and wait past the deadline.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { clearScheduledChecks, scheduledCheckCount, wakeWaitsFor } from '../../../../nodes/shared/payment/waitChecks';
import { WaitForPayment } from '../../../../nodes/WaitForPayment/WaitForPayment.node';
import { stateFromQuery } from '../../../../nodes/WaitForPayment/wait/state';
import { calypsoHttpHelper, ok, type Responder as CalypsoResponder } from '../../../fakes/calypso';
import { craftgateError, FAKE_CREDENTIALS as CRAFTGATE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, payment, PRODUCT } from '../../../fakes/craftgate';
import { fakeDialog360, paymentsAnswer, type Responder as Dialog360Responder } from '../../../fakes/dialog360';
import { invoice } from '../Calypso/fixtures';
import { EXECUTION_ID, httpByCredential, RESUME_TOKEN, SECRET_VALUES, SIGNING_SECRETS, waitExecuteContext } from './contexts';

const node = new WaitForPayment();
const NOW = Date.UTC(2029, 5, 1, 10, 0, 0);
const MINUTE = 60_000;

interface Fakes {
	craftgate?: FakeCraftgate;
	dialog360?: Dialog360Responder;
	calypso?: CalypsoResponder;
}

/** Runs execute() with `parameters` against the providers' fakes. */
async function execute(parameters: IDataObject, fakes: Fakes = {}, items?: INodeExecutionData[]) {
	const craftgate = fakes.craftgate ?? new FakeCraftgate({ products: [PRODUCT] });
	const dialog360 = fakeDialog360(fakes.dialog360 ?? (() => paymentsAnswer({ reference_id: 'ORDER-1', status: 'new' })));
	const byType: Record<string, jest.Mock> = { craftgateApi: craftgate.httpHelper(CRAFTGATE_CREDENTIALS), dialog360Api: dialog360.http };
	const http = httpByCredential(byType);
	const context = waitExecuteContext({ options: {}, ...parameters }, { http, items });
	byType.calypsoApi = calypsoHttpHelper(context.ctx.getNode(), fakes.calypso ?? (() => ok(invoice()))).http;
	const outcome = await node.execute.call(context.ctx).then(
		(outputs) => ({ outputs, error: undefined }),
		(error: Error) => ({ outputs: undefined, error }),
	);
	return { ...outcome, ...context, craftgate, dialog360 };
}

const link = (fields: IDataObject = {}): IDataObject => ({ provider: 'craftgate', linkId: '12', limitAmount: 30, limitUnit: 'minutes', ...fields });

/** What the check schedule calls after `ms` (fake clock): the URLs asked for. */
async function checkUrlsAfter(httpRequest: jest.Mock, ms: number): Promise<URL[]> {
	await jest.advanceTimersByTimeAsync(ms);
	return httpRequest.mock.calls.map(([options]) => new URL(String((options as { url: string }).url)));
}

beforeEach(() => {
	jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});

afterEach(() => {
	clearScheduledChecks();
	jest.useRealTimers();
});

describe('one payment per execution', () => {
	it.each([
		[0, []],
		[2, [{ json: { linkId: '12' } }, { json: { linkId: '13' } }]],
	])('refuses %d input items before anything is sent or waited for', async (count, items) => {
		const { error, http, putExecutionToWait } = await execute(link(), {}, items as INodeExecutionData[]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`Wait for Payment waits for one payment per execution, and got ${count} input items`);
		expect((error as NodeOperationError).description).toContain('sub-workflow');
		expect((error as NodeOperationError).description).toContain('Run once for each item');
		expect(http).not.toHaveBeenCalled();
		expect(putExecutionToWait).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
	});
});

describe('Exotel: waits at once for its status callback', () => {
	it('decides the Timed Out item, waits until the time limit, sends and schedules nothing', async () => {
		const { outputs, error, entry, putExecutionToWait, http, httpRequest } = await execute({ provider: 'exotel', limitAmount: 10, limitUnit: 'minutes' });
		expect(error).toBeUndefined();
		expect(outputs).toEqual([[], [], []]);
		expect(putExecutionToWait).toHaveBeenCalledTimes(1);
		expect(putExecutionToWait.mock.calls[0][0]).toEqual(new Date(NOW + 10 * MINUTE));
		expect(entry.metadata).toEqual({ forwardAllOutputs: true });
		expect(entry.data.main).toEqual([
			[],
			[],
			[
				{
					json: {
						outcome: 'timedOut',
						provider: 'exotel',
						reference: null,
						deadline: new Date(NOW + 10 * MINUTE).toISOString(),
						checkedAtDeadline: false,
						lastCheck: null,
						cleanUp: { action: 'none', done: false },
					},
					pairedItem: { item: 0 },
				},
			],
		]);
		expect(http).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
		await jest.advanceTimersByTimeAsync(20 * MINUTE);
		expect(httpRequest).not.toHaveBeenCalled();
	});

	it('refuses a bad time limit before waiting, naming the item and fields', async () => {
		const { error, putExecutionToWait } = await execute({ provider: 'exotel', limitAmount: 31, limitUnit: 'days' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe('Check fields "limitAmount" and "limitUnit" of input item 0.');
		expect(putExecutionToWait).not.toHaveBeenCalled();
	});
});

describe('lookup providers: an already decided payment does not wait', () => {
	it('a paid Craftgate link goes to Paid at once: no wait, no schedule', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, soldCount: 1 }], payments: [payment()] });
		const { outputs, error, entry, putExecutionToWait } = await execute(link(), { craftgate });
		expect(error).toBeUndefined();
		expect(outputs?.map((items) => items.length)).toEqual([1, 0, 0]);
		expect(outputs?.[0][0]).toMatchObject({
			json: { outcome: 'paid', provider: 'craftgate', status: 'paid', eventId: 'craftgate:payment:584:paid', check: { outcome: 'paid', details: { linkId: 12 } } },
			pairedItem: { item: 0 },
		});
		expect(putExecutionToWait).not.toHaveBeenCalled();
		expect(entry.metadata).toBeUndefined();
		expect(scheduledCheckCount()).toBe(0);
	});

	it('a deactivated Craftgate link goes to Failed at once', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, status: 'PASSIVE' }] });
		const { outputs, putExecutionToWait } = await execute(link(), { craftgate });
		expect(outputs?.map((items) => items.length)).toEqual([0, 1, 0]);
		expect(outputs?.[1][0].json).toMatchObject({ outcome: 'failed', status: 'canceled' });
		expect(putExecutionToWait).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
	});

	it('a captured 360dialog payment goes to Paid, a failed one to Failed', async () => {
		const parameters = { provider: 'dialog360', paymentConfiguration: 'cfg', referenceId: 'ORDER-1', limitAmount: 1, limitUnit: 'hours' };
		const transaction = { id: 'pay_1', status: 'success', created_timestamp: 1, updated_timestamp: 2, amount: { value: 100, offset: 100 }, currency: 'INR', refunds: null };
		const paid = await execute(parameters, { dialog360: () => paymentsAnswer({ reference_id: 'ORDER-1', status: 'captured', transactions: [transaction] }) });
		expect(paid.outputs?.map((items) => items.length)).toEqual([1, 0, 0]);
		expect(paid.outputs?.[0][0].json).toMatchObject({ outcome: 'paid', provider: '360dialog', reference: 'ORDER-1' });
		const failed = await execute(parameters, { dialog360: () => paymentsAnswer({ reference_id: 'ORDER-1', status: 'failed', transactions: [{ ...transaction, status: 'failed' }] }) });
		expect(failed.outputs?.map((items) => items.length)).toEqual([0, 1, 0]);
		expect(paid.putExecutionToWait).not.toHaveBeenCalled();
		expect(failed.putExecutionToWait).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
	});

	it('a paid Calypso invoice goes to Paid', async () => {
		const { outputs, putExecutionToWait } = await execute(
			{ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: 'inv-000001', limitAmount: 1, limitUnit: 'days' },
			{ calypso: () => ok(invoice({ type: 'SINGLE', amount: 25.5, state: 'PAID', totalDebitAmount: 25.5, lastDepositHash: '0xabc' })) },
		);
		expect(outputs?.map((items) => items.length)).toEqual([1, 0, 0]);
		expect(outputs?.[0][0].json).toMatchObject({ outcome: 'paid', provider: 'calypso', reference: 'order-1042' });
		expect(putExecutionToWait).not.toHaveBeenCalled();
	});
});

describe('lookup providers: a pending payment waits', () => {
	it('waits until the deadline plus two intervals (at least a minute), with the Timed Out item n8n\'s timer will send', async () => {
		const { outputs, error, entry, putExecutionToWait } = await execute(link({ checkInterval: 30, cleanUp: 'deactivateLink' }));
		expect(error).toBeUndefined();
		expect(outputs).toEqual([[], [], []]);
		const deadline = NOW + 30 * MINUTE;
		expect(putExecutionToWait.mock.calls[0][0]).toEqual(new Date(deadline + MINUTE));
		expect(entry.metadata).toEqual({ forwardAllOutputs: true });
		expect(entry.data.main.slice(0, 2)).toEqual([[], []]);
		const [timedOut] = entry.data.main[2] ?? [];
		expect(timedOut.pairedItem).toEqual({ item: 0 });
		expect(timedOut.json).toMatchObject({
			outcome: 'timedOut',
			provider: 'craftgate',
			reference: 'ord-1',
			deadline: new Date(deadline).toISOString(),
			checkedAtDeadline: false,
			lastCheck: { outcome: 'pending', status: 'pending', details: { linkId: 12 } },
			cleanUp: { action: 'deactivateLink', done: false, note: 'Not run: the n8n process that was checking this payment stopped while it waited' },
		});
	});

	it.each([
		[30, MINUTE],
		[45, 90_000],
		[600, 20 * MINUTE],
	])('with a %d s interval n8n\'s timer ends the wait %d ms after the deadline', async (checkInterval, after) => {
		const { putExecutionToWait } = await execute(link({ checkInterval, limitAmount: 2, limitUnit: 'hours' }));
		expect(putExecutionToWait.mock.calls[0][0]).toEqual(new Date(NOW + 2 * 60 * MINUTE + after));
	});

	it('says no clean-up would have run when none is chosen', async () => {
		const { entry } = await execute(link({ cleanUp: 'none' }));
		expect(entry.data.main[2]?.[0].json.cleanUp).toEqual({ action: 'none', done: false });
	});

	it('cleans up Craftgate links only: 360dialog and Calypso waits say none', async () => {
		const d360 = await execute({ provider: 'dialog360', paymentConfiguration: 'cfg', referenceId: 'ORDER-1', limitAmount: 1, limitUnit: 'hours', cleanUp: 'deleteLink' });
		expect(d360.entry.data.main[2]?.[0].json).toMatchObject({ provider: '360dialog', reference: 'ORDER-1', cleanUp: { action: 'none', done: false } });
		clearScheduledChecks();
		const calypso = await execute({ provider: 'calypsoPay', calypsoKind: 'widget', widgetKey: 'w-key', limitAmount: 1, limitUnit: 'hours' }, {
			calypso: (call) => (call.path.includes('widget') ? ok({ widgetKey: 'w-key', widgetState: 'ACTIVE', externalId: 'order-1042' }) : ok({ items: [] })),
		});
		expect(calypso.error).toBeUndefined();
		expect(calypso.entry.data.main[2]?.[0].json).toMatchObject({ provider: 'calypso', cleanUp: { action: 'none', done: false } });
	});

	it('schedules checks of its resume URL carrying its signed state, at the interval', async () => {
		const { httpRequest } = await execute(link({ checkInterval: 45, cleanUp: 'deleteLink', options: { timeout: 7 } }));
		expect(scheduledCheckCount()).toBe(1);
		expect(await checkUrlsAfter(httpRequest, 45_000 - 1)).toEqual([]);
		const [url] = await checkUrlsAfter(httpRequest, 1);
		expect(url.origin + url.pathname).toBe(`https://n8n.example.test/webhook-waiting/${EXECUTION_ID}`);
		expect(url.searchParams.get('signature')).toBe(RESUME_TOKEN);
		expect(url.searchParams.get('cp_check')).toBe('interval');
		expect(httpRequest.mock.calls[0][0]).toMatchObject({ method: 'POST' });
		const query = Object.fromEntries(url.searchParams);
		expect(stateFromQuery(query, SIGNING_SECRETS.craftgate)).toEqual({
			executionId: EXECUTION_ID,
			target: { provider: 'craftgate', linkId: '12' },
			deadline: NOW + 30 * MINUTE,
			intervalMs: 45_000,
			timeoutMs: 7_000,
			cleanUp: 'deleteLink',
		});
		// Signed with the secret key: the API key (or any other value) does not verify it.
		expect(stateFromQuery(query, FAKE_KEYS.apiKey)).toBe('forged');
		for (const secret of SECRET_VALUES) expect(url.toString()).not.toContain(secret);
	});

	it('asks the provider with Options → Timeout on the first check too', async () => {
		const { http } = await execute(link({ options: { timeout: 7 } }));
		expect(http.mock.calls.map(([, options]) => (options as { timeout: number }).timeout)).toEqual([7_000, 7_000, 7_000]);
	});

	it('a trigger\'s event for the same reference wakes the check at once', async () => {
		const { httpRequest } = await execute(link());
		expect(wakeWaitsFor('craftgate', 'ord-1')).toBe(1);
		const urls = await checkUrlsAfter(httpRequest, 1_000);
		expect(urls.map((url) => url.searchParams.get('cp_check'))).toEqual(['webhook']);
	});
});

describe('bad input and provider errors stop the node before it waits', () => {
	it.each([
		['a link id that is not digits', link({ linkId: 'twelve' }), 'Check field "linkId" of input item 0.'],
		['a check interval under 30 s', link({ checkInterval: 10 }), 'Check field "checkInterval" of input item 0.'],
		['a time limit of 0', link({ limitAmount: 0 }), 'Check fields "limitAmount" and "limitUnit" of input item 0.'],
		['an unknown Time-Out Clean-Up', link({ cleanUp: 'deleteLinks' }), 'Check field "cleanUp" of input item 0.'],
		['a 360dialog payment without reference', { provider: 'dialog360', paymentConfiguration: 'cfg', referenceId: '', limitAmount: 1 }, 'Check field "referenceId" of input item 0.'],
	])('%s', async (_case, parameters, description) => {
		const { error, http, putExecutionToWait } = await execute(parameters);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe(description);
		expect(http).not.toHaveBeenCalled();
		expect(putExecutionToWait).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
	});

	it('a provider error on the first check fails the node with the provider\'s code, without waiting or leaking keys', async () => {
		const craftgate = new FakeCraftgate({ respond: () => craftgateError(400, '10042', `unknown api key ${FAKE_KEYS.apiKey} / ${FAKE_KEYS.secretKey}`) });
		const { error, putExecutionToWait } = await execute(link(), { craftgate });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context.providerCode).toBe('10042');
		expect(putExecutionToWait).not.toHaveBeenCalled();
		expect(scheduledCheckCount()).toBe(0);
		const shown = JSON.stringify({ message: error?.message, description: (error as NodeApiError).description });
		for (const secret of SECRET_VALUES) expect(shown).not.toContain(secret);
	});
});
