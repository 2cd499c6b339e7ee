import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { errorItemJson, toNodeOperationError } from '../shared/errors';
import type { PaymentOutcome, PaymentTarget } from '../shared/payment/check';
import { checkerFor } from '../shared/payment/checkers';
import {
	paymentProviderProperty,
	paymentTargetCredentials,
	paymentTargetOf,
	paymentTargetOptions,
	paymentTargetProperties,
	targetTimeoutMs,
} from '../shared/payment/targetFields';
import { timeoutOption } from '../shared/transport/timeout';

/** The node's outputs, in order. */
const OUTPUTS: PaymentOutcome[] = ['paid', 'failed', 'pending'];

/** What an error item keeps of the payment it was about, so a sweep can still find its order. */
function targetSummary(target: PaymentTarget | undefined): IDataObject {
	if (!target) return {};
	const { provider, ...ids } = target;
	return { provider, ...ids };
}

export class CheckPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Check Payment',
		name: 'checkPayment',
		icon: { light: 'file:../../icons/checkPayment.svg', dark: 'file:../../icons/checkPayment.dark.svg' },
		group: ['transform'],
		version: 1,
		// The provider by its editor name (test/unit/nodes/CheckPayment keeps this equal to the options).
		subtitle: '={{ ({ "dialog360": "360dialog", "calypsoPay": "Calypso Pay", "craftgate": "Craftgate" })[$parameter["provider"]] || $parameter["provider"] }}',
		description: 'Check whether a payment is paid, failed or still pending',
		defaults: { name: 'Check Payment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Paid', 'Failed', 'Pending'],
		credentials: paymentTargetCredentials,
		properties: [
			{
				displayName:
					'Asks the provider for each item\'s payment and sends the item to Paid, Failed (failed, canceled, expired or refunded) or Pending (not paid yet, or a state a person must look at). With Continue On Fail, an item whose check failed goes to Pending with "error" set. Exotel has no status lookup: use the Exotel Trigger or Wait for Payment.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			paymentProviderProperty,
			...paymentTargetProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...paymentTargetOptions,
					{
						...timeoutOption({ provider: 'the provider' }),
						description:
							'How long to wait for the provider to answer one request before giving up (30 seconds when not set; 60 for Calypso Pay). A check is a read: it is tried up to 3 times.',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			let target: PaymentTarget | undefined;
			try {
				target = paymentTargetOf(this, itemIndex);
				const check = await checkerFor(target.provider)(this, target, targetTimeoutMs(this, itemIndex, target), itemIndex);
				outputs[OUTPUTS.indexOf(check.outcome)].push({ json: check as unknown as IDataObject, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				outputs[OUTPUTS.indexOf('pending')].push({ json: errorItemJson(nodeError, targetSummary(target)), pairedItem: { item: itemIndex } });
			}
		}
		return outputs;
	}
}
