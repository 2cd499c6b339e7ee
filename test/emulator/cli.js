#!/usr/bin/env node
'use strict';
// Starts the emulator: node test/emulator/cli.js [--port 8090] [--providers exotel,craftgate] [--verbose]
const { createEmulator } = require('./server');

function parseArgs(argv) {
	const args = { port: 8090, providers: undefined, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--port') args.port = Number(value());
		else if (flag === '--providers') args.providers = value().split(',').filter(Boolean);
		else if (flag === '--verbose') args.verbose = true;
		else if (flag === '--help') {
			console.log('usage: node test/emulator/cli.js [--port 8090] [--providers exotel,craftgate] [--verbose]');
			process.exit(0);
		} else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!Number.isInteger(args.port) || args.port < 0) throw new Error('--port needs a number');
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const emu = await createEmulator({ port: args.port, providers: args.providers, quiet: !args.verbose });
	console.log(`provider emulator listening on ${emu.url} (providers: ${emu.providers.join(', ')})`);
	const stop = () => emu.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
