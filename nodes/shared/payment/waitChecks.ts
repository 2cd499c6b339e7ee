import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
/** The query parameter that says why the waiting node is called: interval, deadline or webhook. */
export const CHECK_PARAM = 'cp_check';

/*
 * Interval checks without a worker. A waiting execution runs no code until its resume URL is
 * called (n8n resumes a wait on time without running the waiting node again), so this process
 * calls the URL itself: at every interval, at the deadline, and at once when this package's
 * trigger receives a webhook for the same payment. Each call makes the waiting node look the
 * payment up at the provider; it answers `{ waiting: true }` while the payment is pending. The
 * schedule lives in this process's memory: after a restart the wait still ends at its deadline
 * (n8n's own timer), without the last check or the clean-up (see the README).
 */

/** How often a sleeping schedule looks whether it was woken early (a local flag, no request). */
const WAKE_GRANULARITY_MS = 1000;
/** A check answered "running already" (another call is being handled) is tried again this soon. */
const BUSY_RETRY_MS = 5000;
/**
 * n8n also answers 409 for an execution that finished or was stopped (canceled), for good: after
 * this many 409s in a row (a minute) the wait is over for this schedule.
 */
const MOST_BUSY_ANSWERS = 12;
/** Calls in a row without an answer (or with a 5xx) after which n8n's own timer is left to end the wait. */
const MOST_UNANSWERED_CALLS = 10;

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

export interface ScheduledWait {
	executionId: string;
	/** The node's resume URL plus the signed state query. */
	checkUrl: string;
	/** Which payment, to wake the schedule when a trigger reports it. */
	provider: string;
	reference: string | null;
	deadline: number;
	intervalMs: number;
	request: HttpRequest;
}

interface Entry extends ScheduledWait {
	nextAt: number;
	woken: boolean;
	/** 409 answers in a row. */
	busyAnswers: number;
	/** Calls in a row that got no answer or a 5xx. */
	unanswered: number;
}

const scheduled = new Map<string, Entry>();

function withCheck(url: string, check: 'interval' | 'deadline' | 'webhook'): string {
	const parsed = new URL(url);
	parsed.searchParams.set(CHECK_PARAM, check);
	return parsed.toString();
}

/**
 * waiting: the payment is pending; busy: n8n answered 409 (the execution is running, or finished
 * for good); unanswered: no answer or a 5xx (n8n restarting, a proxy), tried again at the interval;
 * ended: anything else (resumed, 404 execution gone, 401).
 */
type CallResult = 'waiting' | 'busy' | 'unanswered' | 'ended';

async function callCheck(entry: Entry, check: 'interval' | 'deadline' | 'webhook'): Promise<CallResult> {
	try {
		const answer = (await entry.request({
			method: 'POST',
			url: withCheck(entry.checkUrl, check),
			json: true,
			body: {},
			timeout: 60_000,
		})) as IDataObject | undefined;
		return answer?.waiting === true ? 'waiting' : 'ended';
	} catch (error) {
		const status = (error as { httpCode?: string; response?: { status?: number } }).response?.status ??
			Number((error as { httpCode?: string }).httpCode);
		// 409: n8n is running this execution (another call resumed it or is being handled).
		if (status === 409) return 'busy';
		return Number.isNaN(status) || status >= 500 ? 'unanswered' : 'ended';
	}
}

async function run(entry: Entry): Promise<void> {
	while (scheduled.get(entry.executionId) === entry) {
		const due = Math.min(entry.nextAt, entry.deadline);
		while (!entry.woken && Date.now() < due && scheduled.get(entry.executionId) === entry) {
			await sleep(Math.min(WAKE_GRANULARITY_MS, due - Date.now()));
		}
		if (scheduled.get(entry.executionId) !== entry) return;
		const check = Date.now() >= entry.deadline ? 'deadline' : entry.woken ? 'webhook' : 'interval';
		entry.woken = false;
		const result = await callCheck(entry, check);
		entry.busyAnswers = result === 'busy' ? entry.busyAnswers + 1 : 0;
		entry.unanswered = result === 'unanswered' ? entry.unanswered + 1 : 0;
		if (result === 'ended' || entry.busyAnswers >= MOST_BUSY_ANSWERS || entry.unanswered >= MOST_UNANSWERED_CALLS) {
			scheduled.delete(entry.executionId);
			return;
		}
		entry.nextAt = Date.now() + (result === 'busy' ? BUSY_RETRY_MS : entry.intervalMs);
		// A deadline check that found the payment still pending and answered "waiting" cannot
		// happen (the node ends on Timed Out); keep checking at the interval if it ever does.
		if (check === 'deadline' && result === 'waiting') entry.deadline = entry.nextAt;
	}
}

/** Starts checking a waiting payment; a schedule for the same execution is replaced. */
export function scheduleChecks(wait: ScheduledWait): void {
	const entry: Entry = { ...wait, nextAt: Date.now() + wait.intervalMs, woken: false, busyAnswers: 0, unanswered: 0 };
	scheduled.set(wait.executionId, entry);
	void run(entry);
}

/**
 * Checks at once every payment of `provider` waiting in this process with `reference`: called by
 * the triggers when a payment webhook arrives, so a paid customer does not wait for the interval.
 */
export function wakeWaitsFor(provider: string, reference: string | null): number {
	if (!reference) return 0;
	let woken = 0;
	for (const entry of scheduled.values()) {
		if (entry.provider === provider && entry.reference === reference) {
			entry.woken = true;
			woken++;
		}
	}
	return woken;
}

/** Stops every schedule (tests). */
export function clearScheduledChecks(): void {
	scheduled.clear();
}

/** How many waits this process checks (tests, diagnostics). */
export function scheduledCheckCount(): number {
	return scheduled.size;
}
