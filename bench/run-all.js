'use strict';
// `npm run bench`: every benchmark, one after the other (each starts and stops its own n8n), then
// every table again together. Each one can also be run alone (see bench/README.md).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const BENCHMARKS = ['exotel-bulk.js', 'webhooks-receive.js', 'own-work.js'];

const outputs = [];
let failed = 0;
for (const script of BENCHMARKS) {
	process.stderr.write(`\n[bench] ${script}\n`);
	const run = spawnSync(process.execPath, [path.join(__dirname, script)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	process.stdout.write(run.stdout ?? '');
	outputs.push(run.stdout ?? '');
	if (run.status !== 0) {
		failed += 1;
		process.stderr.write(`[bench] ${script} failed (exit ${run.status ?? run.signal})\n`);
	}
}
process.stdout.write(`\n# All benchmark tables\n${outputs.join('\n')}`);
process.exitCode = failed ? 1 : 0;
