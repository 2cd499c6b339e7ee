import { InputRuleError } from '../../shared/errors';

/**
 * The payment page URL with its `lang` query parameter set (`?lang=en`, or `&lang=en` when the
 * URL already has a query; an existing `lang` is replaced). An empty language leaves it as is.
 */
export function withPageLanguage(url: string | undefined, language: string | undefined): string | undefined {
	const lang = String(language ?? '').trim().toLowerCase();
	if (!url || !lang) return url;
	if (!/^[a-z]{2}$/.test(lang)) {
		throw new InputRuleError(`Page Language "${language}" must be a two-letter language code such as en or tr`, 'pageLanguage');
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url;
	}
	parsed.searchParams.set('lang', lang);
	return parsed.toString();
}
