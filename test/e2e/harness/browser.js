'use strict';
// A headless Chromium for the editor check: Debian's `chromium` package driven by playwright-core
// (which downloads no browser of its own). The package is installed on first use when missing.
const fs = require('node:fs');
const path = require('node:path');
const { cacheDir } = require('./paths');
const { log, run } = require('./proc');

// Debian's package puts its launcher here; CHROMIUM_PATH points at another build.
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
// apt on a loaded 2-core machine: a bound for a hang, not a measure of speed.
const APT_TIMEOUT_MS = 20 * 60_000;

function findChromium() {
	const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CANDIDATES;
	return candidates.find((file) => fs.existsSync(file));
}

/** Path of a Chromium binary; installs Debian's `chromium` package (as root) when there is none. */
async function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
	const cannot = (why) =>
		new Error(
			`The editor check needs Chromium and ${why}. Install Debian's package yourself ` +
				'(`sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary.',
		);
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) throw cannot('this test is not running as root to install it');
	if (!fs.existsSync('/usr/bin/apt-get')) throw cannot('there is no apt-get here');
	fs.mkdirSync(cacheDir, { recursive: true });
	const logFile = path.join(cacheDir, 'chromium-install.log');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`installing Debian's chromium package (log: ${logFile})`);
	try {
		await run('apt-get', ['update'], { env, logFile, timeoutMs: APT_TIMEOUT_MS, heartbeat: 'apt-get update' });
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
			env,
			logFile,
			timeoutMs: APT_TIMEOUT_MS,
			heartbeat: 'apt-get install chromium',
		});
	} catch (error) {
		throw cannot(`installing it failed: ${error.message}`);
	}
	const installed = findChromium();
	if (!installed) throw cannot(`apt-get installed no binary at ${CANDIDATES.join(' or ')}`);
	return installed;
}

/** Launches headless Chromium; close it with browser.close(). */
async function launchBrowser({ executablePath } = {}) {
	const { chromium } = require('playwright-core');
	return chromium.launch({
		executablePath: executablePath ?? (await ensureChromium()),
		headless: true,
		// Tests run as root, where Chromium's sandbox cannot start; the pages are our local n8n.
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
	});
}

module.exports = { ensureChromium, launchBrowser, findChromium };
