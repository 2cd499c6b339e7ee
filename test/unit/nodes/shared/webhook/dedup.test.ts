import { RecentEvents, recentEvents } from '../../../../../nodes/shared/webhook/dedup';

const HOUR = 3600 * 1000;

describe('RecentEvents', () => {
	it('reports an event the second time it is seen, not the first', () => {
		const memory = new RecentEvents();
		expect(memory.seen('wf:node', 'craftgate:1', 0)).toBe(false);
		expect(memory.seen('wf:node', 'craftgate:1', 1)).toBe(true);
		expect(memory.seen('wf:node', 'craftgate:1', 2)).toBe(true);
		expect(memory.seen('wf:node', 'craftgate:2', 3)).toBe(false);
	});

	it('keeps scopes apart', () => {
		const memory = new RecentEvents();
		expect(memory.seen('wf1:a', 'exotel:1', 0)).toBe(false);
		expect(memory.seen('wf1:b', 'exotel:1', 0)).toBe(false);
		expect(memory.seen('wf2:a', 'exotel:1', 0)).toBe(false);
		expect(memory.seen('wf1:a', 'exotel:1', 0)).toBe(true);
	});

	it('does not confuse scope and id boundaries', () => {
		const memory = new RecentEvents();
		expect(memory.seen('a:b', 'c', 0)).toBe(false);
		expect(memory.seen('a', 'b:c', 0)).toBe(false);
	});

	it('forgets on request', () => {
		const memory = new RecentEvents();
		memory.seen('s', 'e', 0);
		memory.forget('s', 'e');
		expect(memory.seen('s', 'e', 1)).toBe(false);
		expect(() => memory.forget('s', 'never-seen')).not.toThrow();
	});

	it('forgets events older than the ttl (24 h by default), lazily', () => {
		const memory = new RecentEvents();
		memory.seen('s', 'old', 0);
		expect(memory.seen('s', 'old', 24 * HOUR - 1)).toBe(true);
		expect(memory.seen('s', 'old', 24 * HOUR)).toBe(false);
	});

	it('evicts expired entries on access, so memory does not grow with age', () => {
		const memory = new RecentEvents({ ttlSeconds: 60 });
		for (let i = 0; i < 100; i++) memory.seen('s', `e${i}`, i);
		expect(memory.size).toBe(100);
		memory.seen('s', 'late', 60_000 + 100);
		expect(memory.size).toBe(1);
	});

	it('keeps the ttl counted from the first sighting', () => {
		const memory = new RecentEvents({ ttlSeconds: 10 });
		memory.seen('s', 'e', 0);
		expect(memory.seen('s', 'e', 9_000)).toBe(true);
		expect(memory.seen('s', 'e', 10_000)).toBe(false);
	});

	it('is bounded: the oldest entries go first when over capacity', () => {
		const memory = new RecentEvents({ maxEntries: 3 });
		['a', 'b', 'c', 'd'].forEach((id, t) => memory.seen('s', id, t));
		expect(memory.size).toBe(3);
		expect(memory.seen('s', 'd', 10)).toBe(true);
		expect(memory.seen('s', 'c', 10)).toBe(true);
		expect(memory.seen('s', 'a', 10)).toBe(false);
	});

	it('holds 10000 entries by default', () => {
		const memory = new RecentEvents();
		for (let i = 0; i <= 10_000; i++) memory.seen('s', `e${i}`, 0);
		expect(memory.size).toBe(10_000);
		expect(memory.seen('s', 'e0', 0)).toBe(false);
		expect(memory.seen('s', 'e10000', 0)).toBe(true);
	});

	it('still catches an expired entry stored out of time order', () => {
		const memory = new RecentEvents({ ttlSeconds: 10 });
		memory.seen('s', 'fresh', 50_000);
		memory.seen('s', 'stale', 0);
		expect(memory.seen('s', 'stale', 20_000)).toBe(false);
	});

	it('uses the real clock by default', () => {
		const memory = new RecentEvents();
		expect(memory.seen('s', 'e')).toBe(false);
		expect(memory.seen('s', 'e')).toBe(true);
	});

	it('forgets one event of one scope', () => {
		const memory = new RecentEvents();
		memory.seen('a', 'e');
		memory.seen('b', 'e');
		memory.forget('a', 'e');
		expect(memory.seen('a', 'e')).toBe(false);
		expect(memory.seen('b', 'e')).toBe(true);
	});

	it('forgets everything on clear(), as a restart does', () => {
		const memory = new RecentEvents();
		memory.seen('a', 'e');
		memory.seen('b', 'f');
		memory.clear();
		expect(memory.size).toBe(0);
		expect(memory.seen('a', 'e')).toBe(false);
	});

	it('exports one shared instance', () => {
		expect(recentEvents).toBeInstanceOf(RecentEvents);
	});

	it('keeps a digest of the same length for every event, however long the id a sender made up', () => {
		const short = RecentEvents.keyOf('wf:node:production', 'exotel:sid-1');
		const huge = RecentEvents.keyOf('wf:node:production', `exotel:${'x'.repeat(1_000_000)}`);
		expect(short).toHaveLength(44);
		expect(huge).toHaveLength(44);
		expect(huge).not.toBe(RecentEvents.keyOf('wf:node:production', `exotel:${'x'.repeat(999_999)}`));
		const memory = new RecentEvents();
		expect(memory.seen('s', `exotel:${'y'.repeat(1_000_000)}`, 0)).toBe(false);
		expect(memory.seen('s', `exotel:${'y'.repeat(1_000_000)}`, 1)).toBe(true);
		const keys = [...(memory as unknown as { entries: Map<string, number> }).entries.keys()];
		expect(keys.map((key) => key.length)).toEqual([44]);
	});
});
