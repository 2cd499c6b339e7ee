import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { dialog360UnexpectedAnswer } from './errors';
import { dialog360Request } from './request';

/** The number's one webhook (docs/providers.md §2.7): `POST|GET /v1/configs/webhook`. */
export const WEBHOOK_CONFIG_PATH = '/v1/configs/webhook';

export interface WebhookConfig {
	/** null when none is set. */
	url: string | null;
	/** The custom headers 360dialog sends with each delivery; null when the answer does not show them. */
	headers: Record<string, string> | null;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headersOf(value: unknown): Record<string, string> | null {
	if (!isObject(value)) return null;
	const headers: Record<string, string> = {};
	for (const [name, header] of Object.entries(value)) {
		if (typeof header === 'string') headers[name] = header;
	}
	return headers;
}

/** `{url, headers?}`, or the same inside `webhook`; an empty or missing url means none. */
export function readWebhookConfig(body: unknown): WebhookConfig | undefined {
	if (!isObject(body)) return undefined;
	const config = isObject(body.webhook) ? body.webhook : body;
	if (!('url' in config)) return undefined;
	const url = typeof config.url === 'string' && config.url.trim() !== '' ? config.url.trim() : null;
	if (config.url !== null && config.url !== undefined && typeof config.url !== 'string') return undefined;
	return { url, headers: headersOf(config.headers) };
}

/** Reads the number's webhook; a 404 means none is set. */
export async function getWebhookConfig(this: RequestContext): Promise<WebhookConfig> {
	// dialog360Request throws only NodeApiError and NodeOperationError.
	const answer = await dialog360Request
		.call(this, { method: 'GET', path: WEBHOOK_CONFIG_PATH, retry: 'read' })
		.catch((error: NodeApiError | NodeOperationError) => error);
	if (answer instanceof NodeApiError && answer.httpCode === '404') return { url: null, headers: null };
	if (answer instanceof NodeApiError || answer instanceof NodeOperationError) throw answer;
	const body = answer.body;
	const config = readWebhookConfig(body);
	if (!config) {
		throw dialog360UnexpectedAnswer(this.getNode(), 'the webhook configuration', body, {
			advice: `Expected {"url": ...} from GET ${WEBHOOK_CONFIG_PATH}.`,
		});
	}
	return config;
}

/** Points the number's webhook at `url`, with `headers` sent on every delivery. */
export async function setWebhookConfig(
	this: RequestContext,
	config: { url: string; headers?: Record<string, string> | null },
): Promise<void> {
	const body: IDataObject = { url: config.url };
	if (config.headers && Object.keys(config.headers).length > 0) body.headers = config.headers;
	// Header values are the trigger's secret or someone else's: an error echoing them must not quote them.
	const secrets = Object.values(config.headers ?? {});
	await dialog360Request.call(this, { method: 'POST', path: WEBHOOK_CONFIG_PATH, body, secrets });
}
