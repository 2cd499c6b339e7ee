import { InputRuleError } from '../../../../../nodes/shared/errors';
import { withPageLanguage } from '../../../../../nodes/Craftgate/helpers/pageUrl';

describe('withPageLanguage', () => {
	it('adds ?lang= to a URL without a query and &lang= to one with a query', () => {
		expect(withPageLanguage('https://pay.example/l/abc', 'en')).toBe('https://pay.example/l/abc?lang=en');
		expect(withPageLanguage('https://pay.example/l/abc?x=1', 'en')).toBe('https://pay.example/l/abc?x=1&lang=en');
	});

	it('replaces an existing lang, keeps a fragment, and leaves the URL alone without a language', () => {
		expect(withPageLanguage('https://pay.example/l/abc?lang=tr#top', 'EN')).toBe('https://pay.example/l/abc?lang=en#top');
		expect(withPageLanguage('https://pay.example/l/abc', '')).toBe('https://pay.example/l/abc');
		expect(withPageLanguage(undefined, 'en')).toBeUndefined();
	});

	it('refuses something that is not a two-letter code', () => {
		expect(() => withPageLanguage('https://pay.example/l/abc', 'english')).toThrow(/two-letter/);
		expect(() => withPageLanguage('https://pay.example/l/abc', 'en&x=1')).toThrow(InputRuleError);
	});
});
