// Process-level setup n8n-core needs before it runs anything: a private user folder (n8n-core's
// InstanceSettings writes an encryption-key file there; without it, ~/.n8n is created) and the
// expression engine; node-error logging is silenced (set N8N_LOG_LEVEL to see it). n8n 2.41 evaluates expressions in isolated-vm by default
// (N8N_EXPRESSION_ENGINE=vm); we do the same so parameters behave as in a real instance.
// Set N8N_EXPRESSION_ENGINE=legacy to use n8n-workflow's in-process evaluator instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExpressionEvaluator, IsolatedVmBridge } from '@n8n/expression-runtime';
import { Expression, LoggerProxy } from 'n8n-workflow';
import { expressionSandboxHooks } from 'n8n-workflow/dist/cjs/expression-sandboxing';

let userFolder: string | undefined;
let engineReady: Promise<void> | undefined;

function prepareUserFolder(): void {
	if (userFolder !== undefined) return;
	userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-workflow-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	// n8n-core's ErrorReporter logs every node error with its stack; the run result has them.
	process.env.N8N_LOG_LEVEL ??= 'silent';
}

/**
 * What Expression.initExpressionEngine({ engine: 'vm' }) does with n8n 2.41's defaults
 * (@n8n/config ExpressionEngineConfig), except the time limit above. We cannot call it: it loads the runtime with a dynamic
 * import(), which jest refuses without --experimental-vm-modules. The evaluator, bridge and
 * sandbox hooks are n8n's own; only the wiring is repeated here.
 */
// n8n stops an expression after 5 s; on a loaded 2-core machine a first evaluation (isolate
// start, compilation) can take that long, so the harness allows more. No test relies on the limit.
const EXPRESSION_TIMEOUT_MS = 30_000;

async function startVmEngine(): Promise<void> {
	const evaluator = new ExpressionEvaluator({
		createBridge: () => new IsolatedVmBridge({ timeout: EXPRESSION_TIMEOUT_MS, memoryLimit: 128, logger: LoggerProxy }),
		maxCodeCacheSize: 1024,
		poolSize: 1,
		hooks: expressionSandboxHooks,
		logger: LoggerProxy,
	});
	await evaluator.initialize();
	Object.assign(Expression, { expressionEngine: 'vm', vmEvaluator: evaluator });
}

async function teardown(): Promise<void> {
	if (engineReady !== undefined) {
		await engineReady.catch(() => undefined);
		await Expression.disposeExpressionEngine();
		engineReady = undefined;
	}
	if (userFolder !== undefined) {
		rmSync(userFolder, { recursive: true, force: true });
		userFolder = undefined;
	}
}

// Under jest every test file gets its own copy of this module; release the isolates and the
// folder when the file is done so jest exits cleanly.
if (typeof afterAll === 'function') afterAll(teardown);

/** Call before any n8n-core work. Idempotent. */
export async function ensureEnvironment(): Promise<void> {
	prepareUserFolder();
	const engine = process.env.N8N_EXPRESSION_ENGINE ?? 'vm';
	if (engine === 'legacy') return;
	if (engine !== 'vm') throw new Error(`N8N_EXPRESSION_ENGINE must be "vm" or "legacy", got "${engine}"`);
	engineReady ??= startVmEngine();
	await engineReady;
}
