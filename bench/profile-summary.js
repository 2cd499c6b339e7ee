'use strict';
// Where a V8 CPU profile of n8n spent its time (for a missed target): `node bench/profile-summary.js
// <file.cpuprofile>`. Each sample is put in one bucket by its stack: called from this package's code
// or from n8n itself, and within that expression isolates (isolated-vm), the database
// (SQLite/TypeORM), credential reads, or the rest. Profiles come from BENCH_CPU_PROF_DIR (see
// bench/README.md). Work resumed after an `await` has lost its caller's frames, so async work
// started by the package counts as n8n's own.
const fs = require('node:fs');

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfTime = new Map();
profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

const buckets = {};
const add = (bucket, micros) => (buckets[bucket] = (buckets[bucket] ?? 0) + micros);
for (const [id, micros] of selfTime) {
	if (byId.get(id).callFrame.functionName === '(idle)') {
		add('idle', micros);
		continue;
	}
	let ours = false;
	let kind = 'other';
	for (let current = id; current !== undefined; current = parentOf.get(current)) {
		const url = byId.get(current).callFrame.url;
		if (url.includes('n8n-nodes-chat-payments/dist')) ours = true;
		if (/isolated-vm-bridge|expression-evaluator|isolate-pool|isolated-vm/.test(url)) kind = 'expression isolates';
		else if (kind === 'other' && /sqlite|typeorm/.test(url)) kind = 'database';
		else if (kind === 'other' && /credentials-helper/.test(url)) kind = 'credential reads';
	}
	add(`${ours ? 'called from the package' : 'n8n itself'}: ${kind}`, micros);
}
const busy = Object.entries(buckets)
	.filter(([bucket]) => bucket !== 'idle')
	.reduce((sum, [, micros]) => sum + micros, 0);
console.log(`busy ${(busy / 1e3).toFixed(0)} ms, idle ${((buckets.idle ?? 0) / 1e3).toFixed(0)} ms`);
for (const [bucket, micros] of Object.entries(buckets).sort((a, b) => b[1] - a[1])) {
	if (bucket === 'idle') continue;
	console.log(`${(micros / 1e3).toFixed(0).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${bucket}`);
}
