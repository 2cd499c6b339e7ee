'use strict';
// The instance owner, set up headlessly (N8N_INSTANCE_OWNER_MANAGED_BY_ENV, n8n 2.41), and a
// public-API key created for it through the REST API.
const path = require('node:path');
const { request } = require('./net');

// Not a secret: a throwaway login for local test instances on 127.0.0.1.
const DEFAULT_OWNER = Object.freeze({
	email: 'owner@e2e.local',
	password: 'E2e-Owner-Pass1',
	firstName: 'E2E',
	lastName: 'Owner',
});

function ownerEnv(owner, n8nDir) {
	const bcrypt = require(path.join(n8nDir, 'node_modules', 'bcryptjs'));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
	};
}

const BROWSER_ID = 'e2e-harness';

/** Logs in through /rest/login and returns the auth cookie header value. */
async function login(baseUrl, owner) {
	const response = await request(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'browser-id': BROWSER_ID },
		body: { emailOrLdapLoginId: owner.email, password: owner.password },
	});
	if (response.status !== 200) throw new Error(`owner login failed: HTTP ${response.status} ${response.text.slice(0, 300)}`);
	const setCookie = response.headers['set-cookie'] ?? '';
	const match = /n8n-auth=[^;]+/.exec(setCookie);
	if (!match) throw new Error('owner login returned no n8n-auth cookie');
	return match[0];
}

/** Internal REST call as the owner: { status, json, text }. */
async function restAs(baseUrl, cookie, route, { method = 'GET', body } = {}) {
	return request(`${baseUrl}/rest${route}`, { method, body, headers: { cookie, 'browser-id': BROWSER_ID } });
}

/** Creates a public-API key with every scope the instance offers; returns the raw key. */
async function createApiKey(baseUrl, owner) {
	const cookie = await login(baseUrl, owner);
	const scopes = await restAs(baseUrl, cookie, '/api-keys/scopes');
	if (scopes.status !== 200) throw new Error(`listing API key scopes failed: HTTP ${scopes.status} ${scopes.text.slice(0, 300)}`);
	const created = await restAs(baseUrl, cookie, '/api-keys', {
		method: 'POST',
		body: { label: `e2e ${Date.now()}`, scopes: scopes.json.data, expiresAt: null },
	});
	const key = created.json?.data?.rawApiKey;
	if (created.status !== 200 || !key) throw new Error(`creating an API key failed: HTTP ${created.status} ${created.text.slice(0, 300)}`);
	return key;
}

module.exports = { DEFAULT_OWNER, BROWSER_ID, ownerEnv, login, restAs, createApiKey };
