// The in-process check schedule of a waiting payment, driven with jest's fake clock: it calls the
// node's check URL at every interval and at the deadline, at once when a trigger wakes it, stops
// when the answer is not "still waiting" or on an error, and tries again soon while n8n answers 409.
import type { IHttpRequestOptions } from 'n8n-workflow';
import {
	CHECK_PARAM,
	clearScheduledChecks,
	scheduleChecks,
	scheduledCheckCount,
	wakeWaitsFor,
	type ScheduledWait,
} from '../../../../nodes/shared/payment/waitChecks';

const START = Date.UTC(2030, 0, 1, 10, 0, 0);
const MINUTE = 60_000;

let executions = 0;

type Answer = unknown | Error;

/** A check URL and a request function answering `answers` in turn (then the last one again). */
function schedule(fields: Partial<ScheduledWait> = {}, ...answers: Answer[]) {
	const executionId = `exec-${++executions}`;
	const checkUrl = `https://n8n.example.test/webhook-waiting/${executionId}?signature=tok-1&cp_state=STATE&cp_sig=SIG`;
	const queue = answers.length > 0 ? answers : [{ waiting: true }];
	const request = jest.fn<Promise<unknown>, [IHttpRequestOptions]>(async () => {
		const answer = queue.length > 1 ? queue.shift() : queue[0];
		if (answer instanceof Error) throw answer;
		return answer;
	});
	const wait: ScheduledWait = {
		executionId,
		checkUrl,
		provider: 'craftgate',
		reference: 'ord-1',
		deadline: START + 10 * MINUTE,
		intervalMs: MINUTE,
		request,
		...fields,
	};
	scheduleChecks(wait);
	return { wait, request, checks: () => request.mock.calls.map(([options]) => new URL(String(options.url)).searchParams.get(CHECK_PARAM)) };
}

/** An HTTP error as n8n's request helper throws it (axios: response.status; NodeApiError: httpCode). */
function httpError(status: number, style: 'axios' | 'n8n' = 'axios'): Error {
	const error = new Error(`Request failed with status code ${status}`);
	return Object.assign(error, style === 'axios' ? { response: { status } } : { httpCode: String(status) });
}

const advance = async (ms: number) => await jest.advanceTimersByTimeAsync(ms);

beforeEach(() => {
	jest.useFakeTimers({ now: START, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});

afterEach(() => {
	clearScheduledChecks();
	jest.useRealTimers();
});

describe('scheduleChecks', () => {
	it('calls the check URL, POST with an empty JSON body, once every interval and not before', async () => {
		const { wait, request, checks } = schedule();
		expect(scheduledCheckCount()).toBe(1);
		await advance(MINUTE - 1);
		expect(request).not.toHaveBeenCalled();
		await advance(1);
		expect(checks()).toEqual(['interval']);
		const options = request.mock.calls[0][0];
		expect(options).toMatchObject({ method: 'POST', json: true, body: {} });
		const url = new URL(String(options.url));
		const original = new URL(wait.checkUrl);
		expect(url.origin + url.pathname).toBe(original.origin + original.pathname);
		for (const name of ['signature', 'cp_state', 'cp_sig']) expect(url.searchParams.get(name)).toBe(original.searchParams.get(name));
		await advance(MINUTE);
		expect(checks()).toEqual(['interval', 'interval']);
	});

	it('checks at the deadline with cp_check=deadline, even between two intervals, then stops when the wait ends', async () => {
		const { request, checks } = schedule({ deadline: START + 90_000 }, { waiting: true }, { message: 'Workflow was started' });
		await advance(60_000);
		expect(checks()).toEqual(['interval']);
		await advance(29_999);
		expect(checks()).toEqual(['interval']);
		await advance(1);
		expect(checks()).toEqual(['interval', 'deadline']);
		expect(scheduledCheckCount()).toBe(0);
		await advance(10 * MINUTE);
		expect(request).toHaveBeenCalledTimes(2);
	});

	it('checks at the deadline at once when the interval is longer than the time left', async () => {
		const { checks } = schedule({ deadline: START + 30_000, intervalMs: 5 * MINUTE }, {});
		await advance(30_000);
		expect(checks()).toEqual(['deadline']);
	});

	it.each([
		['n8n\'s answer that the execution resumed', { message: 'Workflow was started' }],
		['an empty answer', undefined],
		['an answer saying waiting as text', { waiting: 'true' }],
		['an answer saying waiting false', { waiting: false }],
	])('stops after %s', async (_case, answer) => {
		const { request } = schedule({}, answer);
		await advance(MINUTE);
		expect(request).toHaveBeenCalledTimes(1);
		expect(scheduledCheckCount()).toBe(0);
		await advance(20 * MINUTE);
		expect(request).toHaveBeenCalledTimes(1);
	});

	it.each([
		['a 401 (token refused)', httpError(401)],
		['a 404 (execution gone)', httpError(404)],
	])('stops after %s', async (_case, error) => {
		const { request } = schedule({}, error);
		await advance(MINUTE);
		expect(request).toHaveBeenCalledTimes(1);
		expect(scheduledCheckCount()).toBe(0);
		await advance(20 * MINUTE);
		expect(request).toHaveBeenCalledTimes(1);
	});

	it.each([
		['a 500', httpError(500)],
		['a 502 from n8n\'s request helper', httpError(502, 'n8n')],
		['no answer at all', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
	])('tries again at the next interval after %s, and keeps checking once answered', async (_case, error) => {
		const { checks } = schedule({ deadline: START + 60 * MINUTE }, error, { waiting: true });
		await advance(MINUTE);
		expect(checks()).toEqual(['interval']);
		expect(scheduledCheckCount()).toBe(1);
		await advance(MINUTE);
		expect(checks()).toEqual(['interval', 'interval']);
		await advance(MINUTE);
		expect(checks()).toHaveLength(3);
	});

	it('leaves the wait to n8n\'s timer after 10 calls in a row without an answer', async () => {
		const { request } = schedule({ deadline: START + 60 * MINUTE }, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		await advance(10 * MINUTE);
		expect(request).toHaveBeenCalledTimes(10);
		expect(scheduledCheckCount()).toBe(0);
		await advance(20 * MINUTE);
		expect(request).toHaveBeenCalledTimes(10);
	});

	it.each([['axios'], ['n8n']] as const)('tries again 5 s after a 409 (%s style), then goes back to the interval', async (style) => {
		const { checks } = schedule({}, httpError(409, style), { waiting: true });
		await advance(MINUTE);
		expect(checks()).toEqual(['interval']);
		await advance(4_999);
		expect(checks()).toEqual(['interval']);
		await advance(1);
		expect(checks()).toEqual(['interval', 'interval']);
		expect(scheduledCheckCount()).toBe(1);
		await advance(MINUTE - 1);
		expect(checks()).toHaveLength(2);
		await advance(1);
		expect(checks()).toHaveLength(3);
	});

	it('a deadline check answered 409 is tried again as a deadline check', async () => {
		const { checks } = schedule({ deadline: START + 30_000, intervalMs: MINUTE }, httpError(409), {});
		await advance(30_000);
		await advance(5_000);
		expect(checks()).toEqual(['deadline', 'deadline']);
		expect(scheduledCheckCount()).toBe(0);
	});

	it('gives up after 12 answers of 409 in a row (n8n answers 409 for a finished or stopped execution too)', async () => {
		const { request } = schedule({ deadline: START + 60 * MINUTE }, httpError(409));
		await advance(MINUTE + 11 * 5_000);
		expect(request).toHaveBeenCalledTimes(12);
		expect(scheduledCheckCount()).toBe(0);
		await advance(60 * MINUTE);
		expect(request).toHaveBeenCalledTimes(12);
	});

	it('counts only 409s in a row: an answer in between starts the count again', async () => {
		const busy = Array.from({ length: 11 }, () => httpError(409));
		const { request } = schedule({ deadline: START + 60 * MINUTE }, ...busy, { waiting: true }, ...busy, { waiting: true });
		await advance(MINUTE + 11 * 5_000);
		expect(request).toHaveBeenCalledTimes(12);
		expect(scheduledCheckCount()).toBe(1);
		await advance(MINUTE + 11 * 5_000);
		expect(request).toHaveBeenCalledTimes(24);
		expect(scheduledCheckCount()).toBe(1);
	});

	it('a deadline check that still answers waiting does not end or spin: it checks again an interval later', async () => {
		const { checks } = schedule({ deadline: START + 30_000, intervalMs: MINUTE });
		await advance(30_000);
		expect(checks()).toEqual(['deadline']);
		await advance(MINUTE - 1);
		expect(checks()).toEqual(['deadline']);
		await advance(1);
		expect(checks()).toEqual(['deadline', 'deadline']);
		expect(scheduledCheckCount()).toBe(1);
	});

	it('replaces the schedule of the same execution', async () => {
		const first = schedule();
		const second = jest.fn(async () => ({ waiting: true }));
		scheduleChecks({ ...first.wait, checkUrl: 'https://n8n.example.test/webhook-waiting/other?cp_state=NEW', request: second });
		expect(scheduledCheckCount()).toBe(1);
		await advance(2 * MINUTE);
		expect(first.request).not.toHaveBeenCalled();
		expect(second).toHaveBeenCalledTimes(2);
	});
});

describe('wakeWaitsFor', () => {
	it('checks the waits of that provider and reference at once (cp_check=webhook), then counts the interval from there', async () => {
		const { checks } = schedule();
		await advance(20_000);
		expect(wakeWaitsFor('craftgate', 'ord-1')).toBe(1);
		await advance(1_000);
		expect(checks()).toEqual(['webhook']);
		await advance(MINUTE - 1);
		expect(checks()).toEqual(['webhook']);
		await advance(1);
		expect(checks()).toEqual(['webhook', 'interval']);
	});

	it('wakes every wait for the same payment, and only those', async () => {
		const a = schedule();
		const b = schedule();
		const otherReference = schedule({ reference: 'ord-2' });
		const otherProvider = schedule({ provider: 'calypso' });
		expect(wakeWaitsFor('craftgate', 'ord-1')).toBe(2);
		await advance(1_000);
		expect(a.checks()).toEqual(['webhook']);
		expect(b.checks()).toEqual(['webhook']);
		expect(otherReference.request).not.toHaveBeenCalled();
		expect(otherProvider.request).not.toHaveBeenCalled();
	});

	it.each([
		['another reference', 'craftgate', 'ord-2'],
		['another provider', '360dialog', 'ord-1'],
		['a reference differing in case', 'craftgate', 'ORD-1'],
		['no reference', 'craftgate', null],
		['an empty reference', 'craftgate', ''],
	])('wakes nothing for %s', async (_case, provider, reference) => {
		const { request } = schedule();
		expect(wakeWaitsFor(provider, reference)).toBe(0);
		await advance(MINUTE - 1);
		expect(request).not.toHaveBeenCalled();
	});

	it('never wakes a wait whose reference is unknown', async () => {
		const { request } = schedule({ reference: null });
		expect(wakeWaitsFor('craftgate', null)).toBe(0);
		await advance(MINUTE - 1);
		expect(request).not.toHaveBeenCalled();
	});

	it('wakes nothing once the wait has ended', async () => {
		const { request } = schedule({}, {});
		await advance(MINUTE);
		expect(request).toHaveBeenCalledTimes(1);
		expect(wakeWaitsFor('craftgate', 'ord-1')).toBe(0);
	});
});

describe('clearScheduledChecks', () => {
	it('stops every schedule: no check is made afterwards', async () => {
		const a = schedule();
		const b = schedule({ reference: 'ord-2' });
		expect(scheduledCheckCount()).toBe(2);
		clearScheduledChecks();
		expect(scheduledCheckCount()).toBe(0);
		expect(wakeWaitsFor('craftgate', 'ord-1')).toBe(0);
		await advance(30 * MINUTE);
		expect(a.request).not.toHaveBeenCalled();
		expect(b.request).not.toHaveBeenCalled();
	});
});
