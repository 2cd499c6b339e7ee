/** Secrets shorter than this are not replaced: they would match ordinary words of the text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces each of `secrets` (a credential's keys, tokens, signing keys) with *** in text that may
 * travel into an error or a log, e.g. a provider answer or a network error that echoes a header.
 */
export function scrubSecrets(value: string, secrets: readonly unknown[]): string {
	let result = value;
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join('***');
	}
	return result;
}
