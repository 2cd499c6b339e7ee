import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { toLinkOutput } from '../../helpers/product';
import { deactivateLink } from '../../transport/links';
import { getLinkId, linkIdProperty, timeoutOnlyOptions } from './common';

const properties: INodeProperties[] = [
	{
		...linkIdProperty,
		hint: 'The link stays in Craftgate with status PASSIVE and takes no more payments; Update can set it ACTIVE again',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['deactivate'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	const { product, alreadyPassive } = await deactivateLink.call(this, linkId, { itemIndex, timeoutMs: requestTimeoutMs(this, itemIndex) });
	return { ...toLinkOutput(product), alreadyPassive };
}
