import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { readLink } from '../../transport/links';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { toLinkOutput, type CraftgateProduct } from '../../helpers/product';
import { getLinkId, linkIdProperty, pageLanguageOption, timeoutProperty } from './common';

const properties: INodeProperties[] = [
	linkIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageLanguageOption, timeoutProperty],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['get'] } }, properties);

/** The link, read with the item's time limit. */
export async function fetchProduct(this: IExecuteFunctions, linkId: string, itemIndex: number): Promise<CraftgateProduct> {
	return await readLink.call(this, linkId, { itemIndex, timeoutMs: requestTimeoutMs(this, itemIndex) });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const product = await fetchProduct.call(this, linkId, itemIndex);
	return toLinkOutput(product, options.pageLanguage as string | undefined);
}
