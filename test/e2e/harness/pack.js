'use strict';
// packPackage(): `npm pack` the built package into .e2e/, exactly what a user would install.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { repoRoot, e2eDir, node24Env } = require('./paths');
const { log, run } = require('./proc');

// Each pack gets its own file name (renamed into place atomically), so a concurrent run never
// installs a half-written tarball; packs older than a day are removed.
async function npmPack(cwd) {
	const scratch = fs.mkdtempSync(path.join(e2eDir, 'pack-'));
	try {
		const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
			cwd,
			env: node24Env({ npm_config_loglevel: 'error' }),
			captureStdout: true,
			timeoutMs: 5 * 60_000,
		});
		const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
		const tarball = path.join(e2eDir, info.filename.replace(/\.tgz$/, `-${process.pid}-${Date.now()}.tgz`));
		fs.renameSync(path.join(scratch, info.filename), tarball);
		return { tarball, files: info.files.map((file) => file.path), info };
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

function removeOldPacks() {
	const dayAgo = Date.now() - 24 * 3600_000;
	for (const name of fs.readdirSync(e2eDir)) {
		const file = path.join(e2eDir, name);
		if (name.endsWith('.tgz') && fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
	}
}

// A copy of the package whose package.json lists only the node/credential files that were
// built, for trying the harness while nodes are still being written. Never the default.
function stagePartialCopy(pkg, missing) {
	// Outside the repo: a second package.json named like ours would collide in jest's module map.
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-partial-'));
	const copy = structuredClone(pkg);
	copy.n8n.nodes = (copy.n8n.nodes ?? []).filter((file) => !missing.includes(file));
	copy.n8n.credentials = (copy.n8n.credentials ?? []).filter((file) => !missing.includes(file));
	fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(copy, null, 2));
	fs.cpSync(path.join(repoRoot, 'dist'), path.join(stage, 'dist'), { recursive: true });
	return stage;
}

/**
 * Packs the repo (dist must be built already) into .e2e/ and returns the tarball's absolute path.
 * Throws when the tarball lacks dist/, carries test files, or misses a file that package.json's
 * `n8n` section lists (n8n would refuse to load the whole package). With
 * E2E_ALLOW_PARTIAL_PACKAGE=1 (or { allowPartial: true }) it packs a copy listing only what was
 * built instead.
 */
async function packPackage({ allowPartial = process.env.E2E_ALLOW_PARTIAL_PACKAGE === '1' } = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing');
	}
	fs.mkdirSync(e2eDir, { recursive: true });
	removeOldPacks();
	let { tarball, files, info } = await npmPack(repoRoot);
	const problems = [];
	if (!files.some((file) => file.startsWith('dist/'))) problems.push('no dist/ files');
	const strays = files.filter((file) => /^(dist\/)?test\//.test(file));
	if (strays.length) problems.push(`test files packed: ${strays.slice(0, 5).join(', ')}`);
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !files.includes(file));
	if (problems.length) throw new Error(`bad tarball ${tarball}: ${problems.join('; ')}`);
	if (missing.length) {
		if (!allowPartial) {
			throw new Error(`package.json "n8n" lists files the tarball lacks (n8n would not load the package): ${missing.join(', ')}`);
		}
		log(`WARNING: packing a partial copy without ${missing.join(', ')} (E2E_ALLOW_PARTIAL_PACKAGE)`);
		fs.rmSync(tarball, { force: true });
		const stage = stagePartialCopy(pkg, missing);
		try {
			({ tarball, files, info } = await npmPack(stage));
		} finally {
			fs.rmSync(stage, { recursive: true, force: true });
		}
	}
	log(`packed ${info.filename} (${files.length} files, ${info.size} bytes)`);
	return tarball;
}

module.exports = { packPackage };
