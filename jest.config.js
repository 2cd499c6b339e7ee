// Three levels, one runner: `npm test` runs them in order (see package.json).
//
// Time limits fit a loaded 2-core machine (CI runners, a laptop building something else), where
// jest's 5 s default failed engine-driven tests. They only bound a test or hook that hangs; no
// test asserts how fast anything is. Jest 29 reads `testTimeout` from the root config only, so
// each project passes its limit in `globals` and jest.setup.js applies it.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function project(displayName, testTimeoutMs, extra = {}) {
	return {
		displayName,
		testEnvironment: 'node',
		transform: { '^.+\\.ts$': tsJest },
		moduleFileExtensions: ['ts', 'js', 'json'],
		testMatch: [`<rootDir>/test/${displayName}/**/*.test.ts`],
		globals: { testTimeoutMs },
		setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
		...extra,
	};
}

module.exports = {
	projects: [
		project('unit', 30 * SECOND),
		// n8n-core's engine with isolated-vm expressions, and in-process emulators.
		project('workflow', 2 * MINUTE),
		// A real n8n per file: install check, start, CLI imports, publication and restarts.
		project('e2e', 15 * MINUTE, {
			globalSetup: '<rootDir>/test/e2e/harness/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.js',
		}),
		// n8n in queue mode (Redis, Postgres, main, 2 webhook processes, 2 workers), started once
		// for the whole suite: concurrent redelivery rounds take minutes on a loaded machine.
		project('queue', 20 * MINUTE, {
			globalSetup: '<rootDir>/test/queue/harness/globalSetup.js',
			globalTeardown: '<rootDir>/test/queue/harness/globalTeardown.js',
		}),
	],
};
