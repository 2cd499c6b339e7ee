import { createHash } from 'crypto';

/*
 * De-duplication of payment webhook deliveries: why it lives here and what it guarantees.
 *
 * Providers deliver at least once (Meta retries for days, Calypso 19 times), so the same event
 * can arrive again. Two places that look natural cannot hold the memory on n8n 2.41:
 * - workflow static data written inside webhook() is not saved (docs/n8n.md §5.1, probed);
 * - the DB-backed `helpers.checkProcessedAndRecord` exists only in execution contexts,
 *   not in IWebhookFunctions.
 * So the trigger keeps a process-local, bounded RecentEvents as the fast path: a redelivery
 * that reaches the same n8n process within the TTL starts no execution. It forgets on restart
 * and is not shared between main/webhook processes in queue mode. The durable guarantee is
 * n8n's Remove Duplicates node ("Remove Items Processed in Previous Executions", value
 * `{{ $json.eventId }}`) right after the trigger, which the README and examples recommend.
 */

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/**
 * Process-local memory of event ids already turned into executions, so a redelivery that
 * reaches the same n8n process soon after starts no new execution. Bounded in size and age.
 * No timers: expired entries are evicted lazily on access, and the oldest entries go first
 * when the memory is over capacity.
 */
export class RecentEvents {
	private readonly maxEntries: number;

	private readonly ttlMs: number;

	/** key (a digest, see keyOf) → time first seen (ms). A Map iterates in insertion order, oldest first. */
	private readonly entries = new Map<string, number>();

	constructor(options: { maxEntries?: number; ttlSeconds?: number } = {}) {
		this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_ENTRIES));
		this.ttlMs = Math.max(0, options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
	}

	/** Records `eventId` under `scope`; returns true if it was already there (a redelivery). */
	seen(scope: string, eventId: string, now: number = Date.now()): boolean {
		this.evictExpired(now);
		const key = RecentEvents.keyOf(scope, eventId);
		const firstSeen = this.entries.get(key);
		if (firstSeen !== undefined && !this.isExpired(firstSeen, now)) return true;

		this.entries.delete(key);
		this.entries.set(key, now);
		this.evictOverCapacity();
		return false;
	}

	/** Forgets `eventId` (used when an execution could not be started). */
	forget(scope: string, eventId: string): void {
		this.entries.delete(RecentEvents.keyOf(scope, eventId));
	}

	/** Forgets everything, as a restart of n8n does. */
	clear(): void {
		this.entries.clear();
	}

	/** Number of entries held, expired ones included until the next access evicts them. */
	get size(): number {
		return this.entries.size;
	}

	/**
	 * What the memory keeps for one event: a SHA-256 digest of scope and event id, 44 characters
	 * whatever their length, since event ids are made of what the sender posted. Scopes (workflow
	 * and node ids) never contain NUL, so no two pairs hash the same text.
	 */
	static keyOf(scope: string, eventId: string): string {
		return createHash('sha256').update(`${scope}\u0000${eventId}`, 'utf8').digest('base64');
	}

	private isExpired(firstSeen: number, now: number): boolean {
		return now - firstSeen >= this.ttlMs;
	}

	private evictExpired(now: number): void {
		// Insertion order is time order when the clock moves forward, so stop at the first live
		// entry; an out-of-order entry is still caught by the check in seen().
		for (const [key, firstSeen] of this.entries) {
			if (!this.isExpired(firstSeen, now)) break;
			this.entries.delete(key);
		}
	}

	private evictOverCapacity(): void {
		for (const key of this.entries.keys()) {
			if (this.entries.size <= this.maxEntries) break;
			this.entries.delete(key);
		}
	}
}

/** The one instance every trigger in this package uses. */
export const recentEvents = new RecentEvents();
