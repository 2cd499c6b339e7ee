import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { PaymentCheck } from '../shared/payment/check';
import { checkerFor } from '../shared/payment/checkers';
import { providerCredentials } from '../shared/providerCredential';
import { paymentTargetOf, paymentTargetOptions, paymentTargetProperties, targetTimeoutMs } from '../shared/payment/targetFields';
import { timeoutOption } from '../shared/transport/timeout';
import { scheduleChecks } from '../shared/payment/waitChecks';
import { runCleanUp } from './wait/cleanUp';
import { answerUnexpected } from './wait/answer';
import { receiveExotelCallback } from './wait/exotelCallback';
import { checkOutputs, OUTPUT_NAMES, timedOutItem, timedOutOutputs } from './wait/outputs';
import { signedStateQuery, stateFromQuery, type CleanUpAction, type WaitState } from './wait/state';
import { checkIntervalMs, SHORTEST_CHECK_INTERVAL_SECONDS, timeLimitMs, timeLimitProperties } from './wait/timeLimit';
import { waitUntil } from './wait/waitUntil';

/** The credential per provider, and the field whose secret signs the wait state. */
const CREDENTIALS = {
	exotel: { name: 'exotelApi', secret: 'apiToken' },
	dialog360: { name: 'dialog360Api', secret: 'apiKey' },
	craftgate: { name: 'craftgateApi', secret: 'secretKey' },
	calypsoPay: { name: 'calypsoApi', secret: 'secretKey' },
} as const;
type WaitProvider = keyof typeof CREDENTIALS;

/*
 * The resume URL only: n8n serves restart webhooks for waiting executions and never registers
 * them anywhere, so there is no webhook lifecycle (checkExists/create/delete) to implement.
 */
const RESUME_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true },
];

/** If this process is gone at the deadline, n8n's own timer ends the wait this much later. */
const SHORTEST_FALLBACK_MS = 60_000;

async function credentialSecret(ctx: IExecuteFunctions | IWebhookFunctions, provider: WaitProvider): Promise<string> {
	const { name, secret } = CREDENTIALS[provider];
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(name);
	return String(credentials[secret] ?? '');
}

function withQuery(url: string, query: Record<string, string>): string {
	const parsed = new URL(url);
	for (const [key, value] of Object.entries(query)) parsed.searchParams.set(key, value);
	return parsed.toString();
}

const CLEAN_UP_ACTIONS: readonly CleanUpAction[] = ['none', 'deactivateLink', 'deleteLink'];

/** Time-Out Clean-Up (Craftgate only), refused when an expression gives another value. */
function cleanUpOf(ctx: IExecuteFunctions, provider: WaitProvider): CleanUpAction {
	if (provider !== 'craftgate') return 'none';
	const value = ctx.getNodeParameter('cleanUp', 0, 'deactivateLink') as CleanUpAction;
	if (!CLEAN_UP_ACTIONS.includes(value)) {
		throw new NodeOperationError(ctx.getNode(), `Time-Out Clean-Up must be one of ${CLEAN_UP_ACTIONS.join(', ')}, got "${String(value)}"`, {
			itemIndex: 0,
			description: 'Check field "cleanUp" of input item 0.',
		});
	}
	return value;
}

function referenceOf(check: PaymentCheck): string | null {
	return check.reference ?? null;
}

export class WaitForPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wait for Payment',
		name: 'waitForPayment',
		icon: { light: 'file:../../icons/waitForPayment.svg', dark: 'file:../../icons/waitForPayment.dark.svg' },
		group: ['organization'],
		version: 1,
		subtitle:
			'={{ ({ "exotel": "Exotel", "dialog360": "360dialog", "craftgate": "Craftgate", "calypsoPay": "Calypso Pay" })[$parameter["provider"]] || $parameter["provider"] }}',
		description: 'Wait until a payment is paid or failed, or a time limit passes, without holding a worker',
		defaults: { name: 'Wait for Payment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: OUTPUT_NAMES,
		credentials: providerCredentials({
			exotel: 'exotelApi',
			dialog360: 'dialog360Api',
			craftgate: 'craftgateApi',
			calypsoPay: 'calypsoApi',
		}),
		webhooks: RESUME_WEBHOOKS,
		properties: [
			{
				displayName:
					'The execution waits in n8n (no worker held) for one payment per run. Exotel: set the payment request\'s Status Callback URL to {{ $execution.resumeUrl }}. Others: the provider is asked at every Check Interval, and at once when this package\'s trigger receives the payment\'s webhook in the same n8n.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: '360dialog', value: 'dialog360' },
					{ name: 'Calypso Pay', value: 'calypsoPay' },
					{ name: 'Craftgate', value: 'craftgate' },
					{ name: 'Exotel', value: 'exotel' },
				],
				default: 'exotel',
			},
			...paymentTargetProperties,
			...timeLimitProperties,
			{
				displayName: 'Check Interval (Seconds)',
				name: 'checkInterval',
				type: 'number',
				typeOptions: { minValue: SHORTEST_CHECK_INTERVAL_SECONDS, numberPrecision: 0 },
				default: 60,
				description: 'How often to ask the provider for the payment\'s status while waiting',
				displayOptions: { show: { provider: ['dialog360', 'craftgate', 'calypsoPay'] } },
			},
			{
				displayName: 'Time-Out Clean-Up',
				name: 'cleanUp',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Leave the link as it is' },
					{
						name: 'Deactivate Link',
						value: 'deactivateLink',
						description: 'Make the link passive so nobody pays late; it can be reactivated',
					},
					{ name: 'Delete Link', value: 'deleteLink', description: 'Deactivate, check once more, then delete the link' },
				],
				default: 'deactivateLink',
				description: 'What to do with the link when the time limit passes; a payment made meanwhile ends on Paid',
				displayOptions: { show: { provider: ['craftgate'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { provider: ['dialog360', 'craftgate', 'calypsoPay'] } },
				options: [...paymentTargetOptions, timeoutOption({ provider: 'the provider' })],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length !== 1) {
			throw new NodeOperationError(this.getNode(), `Wait for Payment waits for one payment per execution, and got ${items.length} input items`, {
				description:
					'Start the journey once per customer (one trigger item), or call a sub-workflow holding Wait for Payment once per item (Execute Workflow, mode "Run once for each item").',
			});
		}
		const provider = this.getNodeParameter('provider', 0) as WaitProvider;
		const deadline = Date.now() + timeLimitMs(this, 0);

		if (provider === 'exotel') {
			// Exotel offers no status lookup: only its callbacks end the wait, n8n's timer the time limit.
			await waitUntil(
				this,
				deadline,
				timedOutItem({
					provider: 'exotel',
					reference: null,
					deadline,
					lastCheck: null,
					checkedAtDeadline: false,
					cleanUp: { action: 'none', done: false },
				}),
			);
			return [[], [], []];
		}

		const target = paymentTargetOf(this, 0);
		const timeoutMs = targetTimeoutMs(this, 0, target);
		const intervalMs = checkIntervalMs(this, 0);
		const cleanUp = cleanUpOf(this, provider);
		const first = await checkerFor(target.provider)(this, target, timeoutMs);
		const settled = checkOutputs(first);
		if (settled) return settled;

		const state: WaitState = { executionId: this.getExecutionId(), target, deadline, intervalMs, timeoutMs, cleanUp };
		const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string;
		scheduleChecks({
			executionId: state.executionId,
			checkUrl: withQuery(resumeUrl, signedStateQuery(state, await credentialSecret(this, provider))),
			provider: target.provider,
			reference: referenceOf(first),
			deadline,
			intervalMs,
			request: async (options) => await this.helpers.httpRequest(options),
		});
		const fallbackAt = deadline + Math.max(2 * intervalMs, SHORTEST_FALLBACK_MS);
		await waitUntil(
			this,
			fallbackAt,
			timedOutItem({
				provider: target.provider,
				reference: referenceOf(first),
				deadline,
				lastCheck: first,
				checkedAtDeadline: false,
				cleanUp: {
					action: cleanUp,
					done: false,
					note: cleanUp === 'none' ? undefined : 'Not run: the n8n process that was checking this payment stopped while it waited',
				},
			}),
		);
		return [[], [], []];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await receiveCall.call(this);
		} catch (error) {
			return answerUnexpected(this, error);
		}
	}
}

/** One call to the resume URL: a provider callback (Exotel) or a check (the others). */
async function receiveCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const provider = this.getNodeParameter('provider') as WaitProvider;
	if (provider === 'exotel') return await receiveExotelCallback(this);

	const query = this.getQueryData() as IDataObject;
	const state = stateFromQuery(query, await credentialSecret(this, provider));
	// A state signed for another execution names another execution's payment.
	if (state === 'forged' || (state !== null && state.executionId !== this.getExecutionId())) {
		this.getResponseObject().status(401).json({ error: 'The check state is not signed for this execution' });
		return { noWebhookResponse: true };
	}
	// A bare call to the resume URL cannot say which payment to check: the wait goes on.
	if (state === null) return { webhookResponse: { waiting: true, checked: false } };

	// From the signed deadline only: the check reason in the query is not signed.
	const atDeadline = Date.now() >= state.deadline;
	let check: PaymentCheck;
	try {
		check = await checkerFor(state.target.provider)(this, state.target, state.timeoutMs);
	} catch (error) {
		// The provider did not answer: never a guess. Before the deadline the next check asks
		// again; at the deadline the wait ends on Timed Out saying the status is unknown.
		const note = `Checking the payment failed: ${error instanceof Error ? error.message : String(error)}`;
		if (!atDeadline) return { webhookResponse: { waiting: true, checked: false, error: note } };
		return {
			workflowData: timedOutOutputs({
				provider: state.target.provider,
				reference: null,
				deadline: state.deadline,
				lastCheck: null,
				checkedAtDeadline: false,
				cleanUp: { action: state.cleanUp, done: false, note },
			}),
		};
	}
	const settled = checkOutputs(check);
	if (settled) return { workflowData: settled };
	if (!atDeadline) return { webhookResponse: { waiting: true, status: check.status } };

	const { report, lastCheck } = await runCleanUp(this, state, check);
	const paidMeanwhile = checkOutputs(lastCheck, { cleanUp: report as unknown as IDataObject });
	if (paidMeanwhile && lastCheck.outcome === 'paid') return { workflowData: paidMeanwhile };
	return {
		workflowData: timedOutOutputs({
			provider: state.target.provider,
			reference: check.reference,
			deadline: state.deadline,
			lastCheck,
			checkedAtDeadline: true,
			cleanUp: report,
		}),
	};
}
