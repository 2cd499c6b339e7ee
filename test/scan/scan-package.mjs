// `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package), offline, on
// this checkout and on the tarball `npm pack` makes from the current build. The scanner's CLI
// only takes a published package: it checks the npm provenance attestation and downloads the
// attested GitHub source, which an unpublished package has not got. Its two lint passes
// (`analyzePackage`, exported) are run here on the same files, with its own config and
// dependencies and inline disables ignored, as the Creator Portal runs them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
// The scanner makes a temporary folder as it loads: keep it inside ours.
process.env.TMPDIR = scratch;

try {
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
			cwd: repoRoot,
			encoding: 'utf8',
			env: { ...process.env, npm_config_loglevel: 'error' },
		}),
	);
	const packageDir = path.join(scratch, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(scratch, packed[0].filename), '-C', packageDir, '--strip-components=1']);

	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const passes = [
		['source', await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS)],
		[packed[0].filename, await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
	];
	for (const [what, result] of passes) {
		process.stdout.write(`${result.passed ? 'passed' : 'FAILED'}: scanner lint of ${what}${result.message ? ` (${result.message})` : ''}\n`);
		if (result.details) process.stdout.write(`${result.details}\n`);
	}
	process.exitCode = passes.every(([, result]) => result.passed) ? 0 : 1;
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
