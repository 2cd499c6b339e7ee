/**
 * Process-local memory of event ids already turned into executions, so a redelivery that
 * reaches the same n8n process soon after starts no new execution. Bounded in size and age.
 * It is the fast path only: the durable guarantee is documented in the README.
 */
export declare class RecentEvents {
	constructor(options?: { maxEntries?: number; ttlSeconds?: number });
	/** Records `eventId` under `scope`; returns true if it was already there (a redelivery). */
	seen(scope: string, eventId: string, now?: number): boolean;
	/** Forgets `eventId` (used when an execution could not be started). */
	forget(scope: string, eventId: string): void;
}

/** The one instance every trigger in this package uses. */
export declare const recentEvents: RecentEvents;
