// Fresh state for every workflow test. On a busy machine a test can time out while its run goes
// on: jest starts the next test, and the late requests of the first reach the next test's fakes
// (seen: 3 requests where 1 was expected). So the harness keeps track of the runs it started and,
// after each test, waits for them to end before anything else happens, reports the nock
// interceptors the test left unused, and removes every interceptor. Before each test it empties
// the package's process-wide memory (the triggers' redelivery memory), so no test sees what an
// earlier one delivered. Hooks are registered by importing the harness; nothing to call.
import { recentEvents } from '../../../nodes/shared/webhook/dedup';
import { nock, takeUnusedInterceptors } from './nock';

/**
 * How long after a test its unfinished runs may take. Below the hook limit of every workflow test
 * (60 s where a file sets it, 2 min by default), so this error, not a bare hook timeout, is shown.
 */
const SETTLE_DEADLINE_MS = 45_000;

const inFlight = new Set<Promise<unknown>>();

/** Registers a harness run so the end of the test waits for it. Returns the same promise. */
export function track<T>(run: Promise<T>): Promise<T> {
	inFlight.add(run);
	const forget = () => inFlight.delete(run);
	run.then(forget, forget);
	return run;
}

/**
 * Empties the package's process-wide memory: the redelivery memory every payment trigger shares
 * (nodes/shared/webhook/dedup.ts). Runs before each test by itself; call it inside a test to stand
 * for an n8n restart (a redelivery then starts an execution again).
 */
export function resetRedeliveryMemory(): void {
	recentEvents.clear();
}

/** Waits until every run the harness started has ended (the end of each test does this). */
export async function settleInFlightRuns(): Promise<void> {
	if (inFlight.size === 0) return;
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), SETTLE_DEADLINE_MS);
	});
	try {
		const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => 'settled' as const), deadline]);
		if (outcome === 'late') {
			throw new Error(
				`${inFlight.size} workflow run(s) of this test were still going ${SETTLE_DEADLINE_MS / 1000} s after it ended; ` +
					'their requests could reach the fakes of the next test',
			);
		}
	} finally {
		clearTimeout(timer);
	}
}

function describeInterceptors(pending: string[]): string {
	return pending.map((interceptor) => `  - ${interceptor}`).join('\n');
}

if (typeof beforeEach === 'function' && typeof afterEach === 'function') {
	beforeEach(() => {
		resetRedeliveryMemory();
	});

	afterEach(async () => {
		try {
			await settleInFlightRuns();
		} finally {
			const unused = takeUnusedInterceptors();
			if (unused.length > 0) {
				const test = expect.getState().currentTestName ?? 'this test';
				console.warn(`${test}: nock interceptors never called:\n${describeInterceptors(unused)}`);
			}
			nock.abortPendingRequests();
			nock.cleanAll();
		}
	});
}
