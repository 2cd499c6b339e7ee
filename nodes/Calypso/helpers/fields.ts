import type { IDataObject } from 'n8n-workflow';
import { InputRuleError } from '../../shared/errors';
import { compact, optionalText } from '../../shared/text';
import { parseHttpUrl } from '../../shared/url';

/** An optional http(s) URL (return, support and logo URLs), refused before sending when malformed. */
export function optionalUrl(value: unknown, field: string, label: string): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	if (!parseHttpUrl(text)) throw new InputRuleError(`${label} must be an http(s) URL, got ${JSON.stringify(text)}`, field);
	return text;
}

/** The return/support/logo URLs of an "Additional Fields" collection (or of an input item: `prefix` ''), checked. */
export function pageUrls(extra: IDataObject, prefix = 'additionalFields.'): IDataObject {
	return compact({
		returnUrl: optionalUrl(extra.returnUrl, `${prefix}returnUrl`, 'Return URL'),
		supportUrl: optionalUrl(extra.supportUrl, `${prefix}supportUrl`, 'Support URL'),
		logoUrl: optionalUrl(extra.logoUrl, `${prefix}logoUrl`, 'Logo URL'),
	});
}
