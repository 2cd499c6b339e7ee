import type { INodeCredentialDescription } from 'n8n-workflow';

/**
 * The credentials of a node with a Provider parameter: each is needed unless another provider is
 * chosen.
 *
 * Written with `hide`, not `show: { provider: [...] }`: n8n's editor takes a parameter whose every
 * option names a credential in `show` for an authentication choice, hides it from the panel and
 * sets it from the credential picked. Provider decides what the node does, and Check Payment takes
 * it per item from an expression, so it must stay in the panel; with an expression every
 * credential is offered, and each item uses its provider's.
 */
export function providerCredentials(credentialByProvider: Record<string, string>): INodeCredentialDescription[] {
	const providers = Object.keys(credentialByProvider);
	return providers.map((provider) => ({
		name: credentialByProvider[provider],
		required: true,
		displayOptions: { hide: { provider: providers.filter((other) => other !== provider) } },
	}));
}
