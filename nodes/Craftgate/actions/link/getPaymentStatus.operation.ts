import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { craftgateRequest } from '../../transport';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { DEFAULT_EXPIRY_TIME_ZONE, instantOfLocalTime } from '../../helpers/expiry';
import { linkPaymentStatus, linkReference, type CraftgatePayment } from '../../helpers/payments';
import type { CraftgateProduct } from '../../helpers/product';
import { optionalText } from '../../../shared/text';
import { expiryTimeZoneProperty, getLinkId, linkIdProperty, timeoutProperty } from './common';
import { fetchProduct } from './get.operation';

/** Enough for a link's attempts; a link with more is paid or abandoned long before. */
const PAYMENT_PAGE_SIZE = 50;
/** Enough to tell whether another link shares the reference. */
const LINK_PAGE_SIZE = 10;

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

export async function searchLinkPayments(
	this: IExecuteFunctions,
	product: CraftgateProduct,
	itemIndex: number,
): Promise<{ matchedBy: string | null; payments: CraftgatePayment[] }> {
	const reference = linkReference(product);
	if (!reference) return { matchedBy: null, payments: [] };
	const result = (await craftgateRequest.call(this, {
		method: 'GET',
		path: '/payment-reporting/v1/payments',
		qs: { paymentSource: 'PAY_BY_LINK', [reference.field]: reference.value, page: 0, size: PAYMENT_PAGE_SIZE },
		itemIndex,
		timeoutMs: requestTimeoutMs(this, itemIndex),
		retry: 'read',
	})) as { items?: CraftgatePayment[] };
	return { matchedBy: reference.field, payments: result.items ?? [] };
}

/** Other links carrying the same reference (exact match; a search may also answer near ones). */
async function otherLinksWithReference(
	this: IExecuteFunctions,
	product: CraftgateProduct,
	itemIndex: number,
): Promise<number[]> {
	const reference = linkReference(product);
	if (!reference) return [];
	const result = (await craftgateRequest.call(this, {
		method: 'GET',
		path: '/craftlink/v1/products',
		qs: { [reference.field]: reference.value, page: 0, size: LINK_PAGE_SIZE },
		itemIndex,
		timeoutMs: requestTimeoutMs(this, itemIndex),
		retry: 'read',
	})) as { items?: CraftgateProduct[] };
	return (result.items ?? [])
		.filter((link) => link.id !== product.id && link[reference.field] === reference.value)
		.map((link) => link.id);
}

function isExpired(product: CraftgateProduct, timeZone: string, now: Date): boolean | null {
	const expiresAt = optionalText(product.expiresAt);
	if (!expiresAt) return false;
	try {
		return instantOfLocalTime(expiresAt.slice(0, 19), timeZone).getTime() <= now.getTime();
	} catch {
		return null;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeZone = optionalText(options.expiryTimeZone) ?? DEFAULT_EXPIRY_TIME_ZONE;
	const product = await fetchProduct.call(this, linkId, itemIndex);
	const { matchedBy, payments } = await searchLinkPayments.call(this, product, itemIndex);
	const otherLinkIds = await otherLinksWithReference.call(this, product, itemIndex);
	const { status, ambiguousMatch, successfulPayment, lastFailure } = linkPaymentStatus(product, payments, otherLinkIds);
	const output: IDataObject = {
		linkId: product.id,
		status,
		paid: status === 'paid',
		soldCount: product.soldCount ?? 0,
		linkStatus: product.status ?? null,
		expiresAt: product.expiresAt ?? null,
		expired: isExpired(product, timeZone, new Date()),
		orderId: product.orderId ?? null,
		conversationId: product.conversationId ?? null,
		externalId: product.externalId ?? null,
		matchedBy,
		paymentCount: payments.length,
		ambiguousMatch,
		otherLinkIds,
		successfulPaymentId: successfulPayment?.id ?? null,
		// The newest failure says why the latest attempt did not go through.
		lastError: (lastFailure?.paymentError as IDataObject | undefined) ?? null,
	};
	if (options.includePayments !== false) output.payments = payments;
	return output;
}
