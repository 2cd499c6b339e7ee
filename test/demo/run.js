'use strict';
// `npm run demo`: a local n8n with this package installed, credentials pointing at the offline
// provider emulator, and every workflow in examples/ imported (trigger workflows published).
// Runs until Ctrl-C, then stops everything it started and removes its folder.
//
// Environment: N8N_PORT (5678), DEMO_HOST (127.0.0.1), EMULATOR_PORT (8090),
// DEMO_EXAMPLES_DIR (examples/), DEMO_KEEP=1 keeps the n8n user folder after exit. The user
// folder is .e2e/demo (.e2e/demo-<N8N_PORT> off the default port, so two demos can run).
const fs = require('node:fs');
const path = require('node:path');
const harness = require('../e2e/harness');
const { repoRoot, e2eDir } = require('../e2e/harness/paths');
const { emulatorCredentials, bindCredentials } = require('../e2e/harness/credentials');
const { loadExamples } = require('./examples');
const { wireEmulator, seedEmulator, CHECKED_ORDER } = require('./wiring');
const { journeyLines } = require('./journeys');

const HOST = process.env.DEMO_HOST || '127.0.0.1';
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 8090);

function say(message = '') {
	process.stdout.write(`${message}\n`);
}

async function startEmulator() {
	const serverFile = path.join(repoRoot, 'test', 'emulator', 'server.js');
	if (!fs.existsSync(serverFile)) {
		say('! The provider emulator (test/emulator/server.js) is not there yet: nodes will have nothing to call.');
		return undefined;
	}
	try {
		const { createEmulator } = require(serverFile);
		return await createEmulator({ port: EMULATOR_PORT, host: '127.0.0.1' });
	} catch (error) {
		say(`! The provider emulator did not start (${error.message}); continuing without it.`);
		return undefined;
	}
}

async function main() {
	if (HOST !== '127.0.0.1' && HOST !== 'localhost') throw new Error('the demo only listens on 127.0.0.1');
	const cleanups = [];
	let stopping = false;
	const shutdown = async (code) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping the demo...');
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				say(`! cleanup: ${error.message}`);
			}
		}
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		const emulator = await startEmulator();
		if (emulator) cleanups.push(() => emulator.close());
		const emulatorUrl = emulator?.url ?? `http://127.0.0.1:${EMULATOR_PORT}`;
		const examples = loadExamples(process.env.DEMO_EXAMPLES_DIR || path.join(repoRoot, 'examples'), { emulatorUrl });
		// Before n8n starts, so the published check example and sweep never look up a missing order.
		const seeded = emulator ? await seedEmulator(emulator, examples) : [];

		// Calypso widget links open the emulator's widget page instead of pay.calypso.finance.
		const credentials = emulatorCredentials(emulatorUrl, { overrides: { calypsoApi: { payLinkHost: emulatorUrl } } });
		const workflows = examples.map(({ workflow }) => bindCredentials(workflow, credentials));
		const publish = examples.filter((example) => example.publish).map((example) => example.workflow.id);

		const userFolder = path.join(e2eDir, N8N_PORT === 5678 ? 'demo' : `demo-${N8N_PORT}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		// Always the current build, never the tarball a test run left in .e2e/state.json.
		const install = await harness.ensureN8n();
		const tarball = await harness.packPackage();
		const n8n = await harness.startN8n({
			n8n: install,
			tarball,
			name: 'demo',
			userFolder,
			host: HOST,
			port: N8N_PORT,
			credentials,
			workflows,
			publish,
		});
		cleanups.push(async () => {
			await n8n.stop();
			if (process.env.DEMO_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
		});

		const wiring = [...seeded, ...(emulator ? await wireEmulator(emulator, n8n, publish) : [])];
		printSummary({ n8n, emulator, credentials, examples, wiring });
	} catch (error) {
		say(`\nDemo failed: ${error.message}`);
		await shutdown(1);
	}
}

function printSummary({ n8n, emulator, credentials, examples, wiring }) {
	say('\n=== n8n-nodes-chat-payments demo ===');
	say(`Editor:    ${n8n.baseUrl}/`);
	say(`Login:     ${n8n.owner.email} / ${n8n.owner.password}   (local demo account)`);
	say(`Emulator:  ${emulator ? emulator.url : '(not running)'}`);
	say('Credentials (pointing at the emulator):');
	for (const credential of credentials) say(`  - ${credential.name} [${credential.type}]`);
	say(examples.length ? 'Workflows (from examples/):' : 'Workflows: none yet (examples/ is empty)');
	for (const { workflow, publish, file } of examples) {
		say(`  - ${workflow.name} (${path.basename(file)})${publish ? ' — published' : ''}`);
	}
	for (const hook of n8n.webhooks()) say(`  webhook: POST ${n8n.webhookUrl(undefined, hook.webhookPath)}  (${hook.node})`);
	for (const line of wiring) say(`  ${line}`);
	if (emulator) {
		say('Try the emulator (see test/emulator/README.md):');
		say(`  curl -s ${emulator.url}/_control/requests`);
		say(`  curl -s -d '{"reference_id":"<order reference>","outcome":"success"}' ${emulator.url}/_control/exotel/pay`);
		say(`  curl -s -d '{"reference_id":"${CHECKED_ORDER}"}' ${emulator.url}/_control/dialog360/pay`);
		say(`  curl -s -d '{"productId":<link id>,"outcome":"success"}' ${emulator.url}/_control/craftgate/pay`);
		say(`  curl -s -d '{"widgetKey":"<widgetKey>","currency":"USDT_TRX","amount":"25"}' ${emulator.url}/_control/calypso/pick`);
		say(`  curl -s -d '{"invoiceId":"<invoice id>","mode":"full"}' ${emulator.url}/_control/calypso/pay`);
		printJourneys({ n8n, emulator, examples });
	}
	say(`Logs:      ${n8n.logFile}`);
	say('Press Ctrl-C to stop.');
}

/** Per journey example: the shell lines that start it and play the customer at the emulator. */
function printJourneys({ n8n, emulator, examples }) {
	const webhookUrl = (webhookPath) => n8n.webhookUrl(undefined, webhookPath);
	for (const example of examples) {
		const lines = journeyLines(example, { webhookUrl, emulatorUrl: emulator.url });
		if (!lines.length) continue;
		say(`Journey "${example.workflow.name}" (${path.basename(example.file)}); paste into a shell:`);
		for (const line of lines) say(`  ${line}`);
	}
}

main();
