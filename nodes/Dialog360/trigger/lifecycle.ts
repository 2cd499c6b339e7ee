import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { isLocalUrl } from '../../shared/url';
import { generateSecretToken, safeEqual } from '../../shared/webhook';
import { DIALOG360_CREDENTIAL, dialog360ApiHost, getWebhookConfig, setWebhookConfig } from '../transport';
import type { WebhookConfig } from '../transport';
import { TRIGGER_HEADER } from './verify';

/*
 * A 360dialog number has ONE webhook URL (docs/providers.md §2.7). Activating the trigger points it at
 * n8n with a secret header of the trigger's own; deactivating puts back what was there before.
 * Everything is kept in the node's static data, which n8n saves after create/checkExists/delete
 * (docs/n8n.md §5.1, §5.5):
 * - webhookUrl: the URL this trigger registered;
 * - secretToken: the value of the X-N8N-Webhook-Secret header 360dialog sends;
 * - previousWebhook: {url, headers} found before create(), url null when there was none.
 */

interface TriggerStaticData extends IDataObject {
	webhookUrl?: string;
	secretToken?: string;
	previousWebhook?: { url: string | null; headers: Record<string, string> | null };
}

function staticDataOf(ctx: IHookFunctions): TriggerStaticData {
	return ctx.getWorkflowStaticData('node') as TriggerStaticData;
}

/** Only the origin of someone else's URL is logged: its path or query may hold a secret. */
function originOf(url: string | null): string {
	if (url === null) return 'nothing';
	try {
		return `${new URL(url).origin}/…`;
	} catch {
		return 'an address that is not a URL';
	}
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
	const key = Object.keys(headers).find((each) => each.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : headers[key];
}

/**
 * n8n builds this URL from WEBHOOK_URL; without it, it is a localhost address 360dialog cannot
 * reach (docs/n8n.md §5.4). Allowed only when the credential itself points at this machine.
 */
async function refuseUnreachableUrl(ctx: IHookFunctions, url: string): Promise<void> {
	if (!isLocalUrl(url)) return;
	const credentials = await ctx.getCredentials(DIALOG360_CREDENTIAL);
	if (isLocalUrl(dialog360ApiHost(ctx.getNode(), credentials))) return;
	throw new NodeOperationError(ctx.getNode(), `n8n's webhook URL ${url} is on this machine, which 360dialog cannot reach`, {
		description:
			'Set n8n\'s WEBHOOK_URL environment variable to the public https address of this n8n (e.g. https://n8n.example.com/), restart n8n and activate the workflow again. Nothing was changed at 360dialog.',
	});
}

async function refuseSignatureWithoutSecret(ctx: IHookFunctions): Promise<void> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (options.verifySignature !== true) return;
	const credentials = await ctx.getCredentials(DIALOG360_CREDENTIAL);
	if (String(credentials.partnerWebhookSecret ?? '') !== '') return;
	throw new NodeOperationError(ctx.getNode(), '"Verify 360dialog Signature" is on but the credential has no Partner Webhook Secret', {
		description: 'Enter the partner webhook secret in the 360dialog credential, or turn the option off. Nothing was changed at 360dialog.',
	});
}

/**
 * Confirming needs the payment configuration, which 360dialog's webhook is not documented to name:
 * without it every payment webhook would be answered 400, so the trigger is not activated at all.
 */
function refuseConfirmingWithoutConfiguration(ctx: IHookFunctions): void {
	if (ctx.getNodeParameter('confirmWithLookup', true) !== true) return;
	if (String(ctx.getNodeParameter('paymentConfiguration', '') ?? '').trim() !== '') return;
	throw new NodeOperationError(ctx.getNode(), '"Payment Configuration" is empty while "Confirm with Lookup" is on', {
		description:
			'The lookup that confirms each payment needs the payment configuration your payment requests use: enter its name (as in WhatsApp Manager), or turn off Confirm with Lookup. Nothing was changed at 360dialog.',
	});
}

/** Whether the number's webhook still points at this trigger, with its secret when 360dialog shows headers. */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	refuseConfirmingWithoutConfiguration(this);
	const data = staticDataOf(this);
	if (!data.secretToken) return false;
	const current = await getWebhookConfig.call(this);
	if (current.url === null || current.url !== this.getNodeWebhookUrl('default')) return false;
	if (current.headers === null) return true;
	const sent = headerOf(current.headers, TRIGGER_HEADER);
	return sent !== undefined && safeEqual(sent, data.secretToken);
}

/** Remembers what was configured, then points the webhook at n8n with a new secret header. */
export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	await refuseUnreachableUrl(this, url);
	refuseConfirmingWithoutConfiguration(this);
	await refuseSignatureWithoutSecret(this);
	const data = staticDataOf(this);
	const current = await getWebhookConfig.call(this);
	const alreadyOurs = current.url !== null && (current.url === url || current.url === data.webhookUrl);
	// When the webhook is already ours (a re-activation), what was there before us is what we stored then.
	const previous: WebhookConfig = alreadyOurs ? (data.previousWebhook ?? { url: null, headers: null }) : current;
	if (!alreadyOurs && current.url !== null) {
		this.logger.info(`360dialog Trigger takes over the number's webhook from ${originOf(current.url)}; it is put back on deactivation`, {
			node: this.getNode().name,
		});
	}
	const secretToken = generateSecretToken();
	await setWebhookConfig.call(this, { url, headers: { [TRIGGER_HEADER]: secretToken } });
	data.webhookUrl = url;
	data.secretToken = secretToken;
	data.previousWebhook = { url: previous.url, headers: previous.headers };
	return true;
}

/**
 * 360dialog may refuse an empty URL (it is undocumented): the webhook then stays on the n8n URL,
 * which answers 404 once the workflow is inactive, and the user is told in the log.
 */
async function clearWebhook(ctx: IHookFunctions): Promise<void> {
	// setWebhookConfig throws only NodeApiError and NodeOperationError.
	const failure = await setWebhookConfig
		.call(ctx, { url: '' })
		.then(() => undefined)
		.catch((error: NodeApiError | NodeOperationError) => error);
	if (failure === undefined) return;
	if (!(failure instanceof NodeApiError) || !/^4\d\d$/.test(String(failure.httpCode))) throw failure;
	ctx.logger.warn(
		`360dialog refused to clear the webhook (${failure.message}); it still points at this trigger's URL. Set another URL in the 360dialog Client Hub if you need one.`,
		{ node: ctx.getNode().name },
	);
}

/** Puts back the webhook found by create(), unless someone else has changed it since. */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const url = data.webhookUrl ?? (this.getNodeWebhookUrl('default') as string);
	const current = await getWebhookConfig.call(this);
	if (current.url === url) {
		const previous = data.previousWebhook;
		if (previous?.url) {
			await setWebhookConfig.call(this, { url: previous.url, headers: previous.headers });
		} else {
			await clearWebhook(this);
		}
	} else {
		this.logger.info(`360dialog Trigger leaves the number's webhook alone: it now points at ${originOf(current.url)}`, {
			node: this.getNode().name,
		});
	}
	delete data.webhookUrl;
	delete data.secretToken;
	delete data.previousWebhook;
	return true;
}
