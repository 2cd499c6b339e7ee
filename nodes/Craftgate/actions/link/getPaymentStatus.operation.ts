import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { linkStatusFacts, readLinkPaymentStatus } from '../../helpers/checkPayment';
import { optionalText } from '../../../shared/text';
import { expiryTimeZoneProperty, getLinkId, linkIdProperty, timeoutProperty } from './common';

const properties: INodeProperties[] = [
	{
		...linkIdProperty,
		hint:
			'Paid only when the link\'s sold count says so. Payments found by its order (or conversation / external) ID give failed and the payment ID, unless another link shares that ID: then they are only listed, with ambiguousMatch true. Call it from a Schedule Trigger to poll.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			expiryTimeZoneProperty,
			{
				displayName: 'Include Payments',
				name: 'includePayments',
				type: 'boolean',
				default: true,
				description:
					'Whether to return the payments found by the link\'s order, conversation or external ID (with ambiguousMatch, some may be another link\'s)',
			},
			timeoutProperty,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['getPaymentStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const report = await readLinkPaymentStatus.call(this, linkId, {
		itemIndex,
		timeoutMs: requestTimeoutMs(this, itemIndex),
		timeZone: optionalText(options.expiryTimeZone),
	});
	const { status } = report.assessment;
	const output: IDataObject = { linkId: report.product.id, status, paid: status === 'paid', ...linkStatusFacts(report) };
	if (options.includePayments !== false) output.payments = report.payments;
	return output;
}
