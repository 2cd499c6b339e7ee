'use strict';
// Credentials for n8n's `import:credentials` that point every credential type of this package at
// the offline provider emulator. Field names are read from the built credential classes (dist/),
// so a renamed field shows up here instead of silently missing.
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./paths');

// Placeholders the emulator accepts (test/emulator/credentials.js); used when it is absent.
const FALLBACK_VALUES = {
	exotel: { apiKey: 'emulator-exotel-key', apiToken: 'emulator-exotel-token', accountSid: 'emulator-sid' },
	craftgate: { apiKey: 'emulator-craftgate-api', secretKey: 'emulator-craftgate-secret', webhookKey: 'emulator-craftgate-hook' },
	dialog360: { apiKey: 'emulator-360dialog-key' },
	calypso: { publicKey: 'emulator-calypso-public', secretKey: 'emulator-calypso-secret' },
};

// Credential class name → emulator provider name.
const PROVIDER_OF = { ExotelApi: 'exotel', CraftgateApi: 'craftgate', Dialog360Api: 'dialog360', CalypsoPayApi: 'calypso', CalypsoApi: 'calypso' };

// Credential field → emulator value name, where they differ.
const ALIASES = { webhookSecret: 'webhookKey', webhookSigningKey: 'webhookKey', signingKey: 'webhookKey', token: 'apiToken' };

function emulatorValues() {
	const file = path.join(repoRoot, 'test', 'emulator', 'credentials.js');
	return fs.existsSync(file) ? require(file) : FALLBACK_VALUES;
}

/** The package's credential types from dist: [{ className, name, displayName, properties }]. */
function credentialTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	return (pkg.n8n?.credentials ?? []).map((file) => {
		const absolute = path.join(repoRoot, file);
		if (!fs.existsSync(absolute)) throw new Error(`${file} is not built: run \`npm run build\``);
		const [className, CredentialClass] = Object.entries(require(absolute))[0];
		const instance = new CredentialClass();
		return { className, name: instance.name, displayName: instance.displayName, properties: instance.properties };
	});
}

function valueFor(property, provided, emulatorUrl) {
	const key = property.name;
	if (provided[key] !== undefined) return provided[key];
	if (provided[ALIASES[key]] !== undefined) return provided[ALIASES[key]];
	// "Which API host" (nodes/shared/apiHost.ts): Custom, at the emulator.
	if (property.type === 'options' && property.options?.some((option) => option.value === 'custom')) return 'custom';
	if (/^(customApiHost|baseUrl|url|host|domain)$/i.test(key)) return emulatorUrl;
	return undefined;
}

/**
 * n8n credential import entries ([{ id, name, type, data }]) for every credential type the
 * package declares, pointing at `emulatorUrl`. Ids are fixed: `emulator-<type>`.
 * Throws when a required field has no value (a new field the emulator does not know yet).
 */
function emulatorCredentials(emulatorUrl, { idPrefix = 'emulator-', overrides = {} } = {}) {
	const values = emulatorValues();
	return credentialTypes().map((type) => {
		const provider = PROVIDER_OF[type.className] ?? type.className.replace(/Api$/, '').toLowerCase();
		const provided = { ...(values[provider] ?? {}), ...(overrides[type.name] ?? {}) };
		const data = {};
		const missing = [];
		for (const property of type.properties) {
			if (property.type === 'notice' || property.type === 'hidden') continue;
			const value = valueFor(property, provided, emulatorUrl);
			if (value !== undefined) data[property.name] = value;
			else if (property.required) missing.push(property.name);
		}
		if (missing.length) throw new Error(`no emulator value for required ${type.name} field(s): ${missing.join(', ')}`);
		return { id: `${idPrefix}${type.name}`, name: `${type.displayName} (emulator)`, type: type.name, data };
	});
}

/**
 * Points every node credential of a type present in `credentials` at that credential
 * (by id and name), so fixtures need not know the ids. Returns a new workflow.
 */
function bindCredentials(workflow, credentials) {
	const byType = new Map(credentials.map((credential) => [credential.type, credential]));
	const copy = structuredClone(workflow);
	for (const node of copy.nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = byType.get(type);
			if (credential) node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}

module.exports = { emulatorCredentials, bindCredentials, credentialTypes };
