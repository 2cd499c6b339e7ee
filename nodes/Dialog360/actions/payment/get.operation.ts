import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { toNodeOperationError } from '../../../shared/errors';
import { lookupPathField } from '../../helpers/lookupPath';
import { lookupPayment } from '../../transport';
import type { PaymentLookup } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Payment Configuration',
		name: 'paymentConfiguration',
		type: 'string',
		required: true,
		default: '',
		description: 'The payment configuration the payment request was sent with',
	},
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ORDER-1001',
		description: 'The reference_id of the payment request (case-sensitive)',
	},
	lookupPathField,
];

export const description = updateDisplayOptions({ show: { operation: ['getPayment'] } }, properties);

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function toJson(lookup: PaymentLookup): IDataObject {
	return {
		referenceId: lookup.referenceId,
		paymentConfiguration: lookup.paymentConfiguration,
		status: lookup.status,
		normalizedStatus: lookup.normalizedStatus,
		amount: lookup.amount,
		transactions: lookup.transactions,
		payment: lookup.raw,
	};
}

/**
 * Asks 360dialog for the payment of each item's order (providers.md §2.6). A read: safe to repeat,
 * so n8n's Retry On Fail may be used here.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let json: IDataObject;
		try {
			const lookup = await lookupPayment.call(
				this,
				{
					paymentConfiguration: text(this.getNodeParameter('paymentConfiguration', itemIndex, '')),
					referenceId: text(this.getNodeParameter('referenceId', itemIndex, '')),
					lookupPath: String(this.getNodeParameter('lookupPath', itemIndex, '/v1/payments')),
				},
				itemIndex,
			);
			json = toJson(lookup);
		} catch (error) {
			const nodeError = toNodeOperationError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			json = { error: nodeError.message };
			if (nodeError.description) json.description = nodeError.description;
			const code = (nodeError.errorResponse as IDataObject | undefined)?.dialog360Code;
			if (code !== undefined && code !== null) json.dialog360Code = code;
		}
		results.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } }));
	}
	return results;
}
