'use strict';
// Environment of every n8n process the harness starts (server and CLI commands).
const { node24Env } = require('./paths');

// Fixed so credentials imported in one run decrypt in the next; only ever used for local tests.
const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-local-tests-only';

/** The caller's environment on Node 24, minus what would change n8n's behaviour. */
function childEnv() {
	const env = node24Env();
	// Jest's NODE_ENV=test changes n8n's behaviour; npm's and jest's own variables are noise.
	for (const key of Object.keys(env)) {
		if (key === 'NODE_ENV' || key === 'NODE_OPTIONS' || key.startsWith('JEST_') || key.startsWith('npm_')) delete env[key];
	}
	env.npm_config_nodedir = node24Env().npm_config_nodedir;
	return env;
}

/** n8n settings for a local, offline, quiet instance at http://<host>:<port>. */
function n8nEnv({ userFolder, host, port, ownerVars = {}, extra = {} }) {
	const baseUrl = `http://${host}:${port}`;
	return {
		...childEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		EXECUTIONS_MODE: 'regular',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		EXECUTIONS_DATA_PRUNE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...ownerVars,
		...extra,
	};
}

module.exports = { ENCRYPTION_KEY, childEnv, n8nEnv };
