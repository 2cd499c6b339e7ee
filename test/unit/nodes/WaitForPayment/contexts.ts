// Contexts for Wait for Payment's execute() and webhook(): the package's execute and webhook
// stand-ins plus what a waiting node uses besides (its stack entry, putExecutionToWait, the
// execution id, $execution.resumeUrl, the plain request helper), and every provider's fake behind
// httpRequestWithAuthentication.
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteData, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { signedStateQuery, type WaitState } from '../../../../nodes/WaitForPayment/wait/state';
import { CALYPSO_CREDENTIALS } from '../../../fakes/calypso';
import { FAKE_CREDENTIALS as CRAFTGATE_CREDENTIALS } from '../../../fakes/craftgate';
import { TEST_CREDENTIALS as DIALOG360_CREDENTIALS } from '../../../fakes/dialog360';
import { EXOTEL_CREDENTIALS } from '../../../fakes/exotel';
import { createExecuteContext } from '../../helpers/executeContext';
import { createWebhookContext, type WebhookContextOptions } from '../../helpers/webhookContext';

export const EXECUTION_ID = '4711';
export const RESUME_TOKEN = 'n8n-resume-token';
export const RESUME_URL = `https://n8n.example.test/webhook-waiting/${EXECUTION_ID}?signature=${RESUME_TOKEN}`;

export const CREDENTIALS: Record<string, ICredentialDataDecryptedObject> = {
	exotelApi: EXOTEL_CREDENTIALS,
	dialog360Api: DIALOG360_CREDENTIALS,
	craftgateApi: CRAFTGATE_CREDENTIALS,
	calypsoApi: CALYPSO_CREDENTIALS,
};

/** The secret each provider's wait state is signed with (the credential field the node uses). */
export const SIGNING_SECRETS = {
	dialog360: String(DIALOG360_CREDENTIALS.apiKey),
	craftgate: String(CRAFTGATE_CREDENTIALS.secretKey),
	calypsoPay: String(CALYPSO_CREDENTIALS.secretKey),
};

/** Every credential value long enough to be a secret: none may appear in an output or an answer. */
export const SECRET_VALUES: string[] = Object.values(CREDENTIALS)
	.flatMap((credential) => Object.entries(credential))
	.filter(([field, value]) => !/host/i.test(field) && typeof value === 'string' && value.length >= 8)
	.map(([, value]) => value as string);

/** httpRequestWithAuthentication answering each credential type with its own fake. */
export function httpByCredential(byType: Record<string, jest.Mock>): jest.Mock {
	return jest.fn(async (type: string, options: IHttpRequestOptions) => {
		const fake = byType[type];
		if (!fake) throw new Error(`no fake for ${type}`);
		return await fake(type, options);
	});
}

export interface WaitExecuteOptions {
	items?: INodeExecutionData[];
	http?: jest.Mock;
	executionId?: string;
}

/** execute() of Wait for Payment with `parameters` (one input item unless `items` says otherwise). */
export function waitExecuteContext(parameters: IDataObject, options: WaitExecuteOptions = {}) {
	const { ctx, node, http } = createExecuteContext({ parameters, items: options.items, credentials: CREDENTIALS, http: options.http });
	const entry: IExecuteData = { node, data: { main: [ctx.getInputData()] }, source: { main: [{ previousNode: 'Start' }] } };
	const putExecutionToWait = jest.fn<Promise<void>, [Date]>(async () => undefined);
	const httpRequest = jest.fn<Promise<unknown>, [IHttpRequestOptions]>(async () => ({ waiting: true }));
	const evaluateExpression = jest.fn((expression: string) => {
		if (expression !== '{{ $execution.resumeUrl }}') throw new Error(`unexpected expression ${expression}`);
		return RESUME_URL;
	});
	Object.assign(ctx, { getExecuteData: () => entry, putExecutionToWait, evaluateExpression, getExecutionId: () => options.executionId ?? EXECUTION_ID });
	Object.assign(ctx.helpers, { httpRequest });
	return { ctx, entry, putExecutionToWait, httpRequest, http };
}

/** The query of a check call: n8n's token, the signed state and why it is called. */
export function checkQuery(state: WaitState, secret: string, check?: 'interval' | 'deadline' | 'webhook'): IDataObject {
	return { signature: RESUME_TOKEN, ...signedStateQuery(state, secret), ...(check ? { cp_check: check } : {}) };
}

/** webhook() of Wait for Payment waiting as execution `executionId`, with the providers' fakes. */
export function waitWebhookContext(provider: string, http: jest.Mock, options: WebhookContextOptions & { executionId?: string } = {}) {
	const { executionId = EXECUTION_ID, ...rest } = options;
	const context = createWebhookContext({
		nodeName: 'Wait for Payment',
		nodeType: 'n8n-nodes-chat-payments.waitForPayment',
		nodeParameters: { provider },
		credentials: CREDENTIALS,
		helpers: { httpRequestWithAuthentication: http } as never,
		...rest,
	});
	Object.assign(context.ctx, { getExecutionId: () => executionId });
	return context;
}
