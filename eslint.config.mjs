// n8n's own config for community nodes (`@n8n/node-cli/eslint`, what `n8n-node lint` applies by
// default), unchanged for nodes/, credentials/ and package.json. On top of it:
// - nodes/ and credentials/ refuse inline disables: n8n's scanner ignores them;
// - everything else (tests, emulator, demo, bench, build scripts) is never installed into n8n, so
//   the community-package rules, which guard code running inside n8n, are off there and it is
//   linted as ordinary Node.js TypeScript/JavaScript.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import { defineConfig } from 'eslint/config';

const shipped = ['nodes/**', 'credentials/**'];
const shippedCode = ['nodes/**/*.ts', 'credentials/**/*.ts'];

const nodeGlobals = {
	require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly',
	console: 'readonly', Buffer: 'readonly', __dirname: 'readonly', __filename: 'readonly',
	setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
	setImmediate: 'readonly', clearImmediate: 'readonly', URL: 'readonly', URLSearchParams: 'readonly',
	fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly',
	TextDecoder: 'readonly', structuredClone: 'readonly',
};
const jestGlobals = {
	jest: 'readonly', describe: 'readonly', it: 'readonly', test: 'readonly', expect: 'readonly',
	beforeAll: 'readonly', afterAll: 'readonly', beforeEach: 'readonly', afterEach: 'readonly',
};
const communityRulesOff = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [`@n8n/community-nodes/${rule}`, 'off']),
);

export default defineConfig(
	{ ignores: ['node_modules/**', 'coverage/**', '.e2e/**', '.queue/**', '.cache/**', 'dist/**'] },
	n8nConfig,
	{
		files: shippedCode,
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' },
	},
	{
		files: ['**/*.ts'],
		ignores: shipped,
		languageOptions: { globals: { ...nodeGlobals, ...jestGlobals } },
		rules: {
			...communityRulesOff,
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		ignores: shipped,
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2024, globals: nodeGlobals },
	},
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
