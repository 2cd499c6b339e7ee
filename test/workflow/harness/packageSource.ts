// Loads this package's node and credential classes from SOURCE (nodes/**/*.node.ts,
// credentials/**/*.credentials.ts) through jest's TypeScript transform, so a workflow test
// never needs `npm run build`. Files are loaded lazily by name: a node or credential that is
// still broken only fails the tests that use it.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(__dirname, '../../..');

interface Described {
	description?: { name?: unknown };
	name?: unknown;
}

type Constructor = new () => unknown;

function listFiles(dir: string, suffix: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return listFiles(full, suffix);
		return entry.name.endsWith(suffix) ? [full] : [];
	});
}

/** The `name` n8n registers a class under: description.name for nodes, name for credentials. */
function registeredName(instance: unknown): string | undefined {
	const candidate = instance as Described;
	const name = candidate.description?.name ?? candidate.name;
	return typeof name === 'string' ? name : undefined;
}

function isClass(value: unknown): value is Constructor {
	return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/** An instance of every class the file exports (node and credential classes take no arguments). */
function instancesIn(file: string): unknown[] {
	const exported = require(file) as Record<string, unknown>;
	return Object.values(exported)
		.filter(isClass)
		.map((Class) => new Class());
}

/**
 * Finds the class registered as `name` among files ending in `suffix` under `folder`.
 * Tries the file named after the class first (calypsoPayTrigger -> CalypsoPayTrigger.node.ts),
 * then every file.
 */
export class SourceRegistry<T> {
	private readonly cache = new Map<string, T>();

	constructor(
		private readonly folder: string,
		private readonly suffix: string,
	) {}

	find(name: string): T | undefined {
		const cached = this.cache.get(name);
		if (cached !== undefined) return cached;
		const files = listFiles(path.join(PACKAGE_ROOT, this.folder), this.suffix);
		const guess = name.charAt(0).toUpperCase() + name.slice(1) + this.suffix;
		const ordered = [
			...files.filter((file) => path.basename(file) === guess),
			...files.filter((file) => path.basename(file) !== guess),
		];
		const failures: string[] = [];
		for (const file of ordered) {
			let instances: unknown[];
			try {
				instances = instancesIn(file);
			} catch (error) {
				failures.push(`${path.relative(PACKAGE_ROOT, file)}: ${(error as Error).message}`);
				continue;
			}
			const match = instances.find((instance) => registeredName(instance) === name);
			if (match !== undefined) {
				this.cache.set(name, match as T);
				return match as T;
			}
		}
		if (failures.length > 0) {
			throw new Error(`"${name}" not found; these files failed to load:\n${failures.join('\n')}`);
		}
		return undefined;
	}
}
