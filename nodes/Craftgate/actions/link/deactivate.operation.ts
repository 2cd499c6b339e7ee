import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { toLinkOutput, writableFields } from '../../helpers/product';
import { getLinkId, linkIdProperty, timeoutOnlyOptions } from './common';
import { fetchProduct } from './get.operation';
import { putProduct } from './update.operation';

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
	const current = await fetchProduct.call(this, linkId, itemIndex);
	if (current.status === 'PASSIVE') return { ...toLinkOutput(current), alreadyPassive: true };
	const product = await putProduct.call(this, linkId, { ...writableFields(current), status: 'PASSIVE' }, itemIndex);
	return { ...toLinkOutput(product), alreadyPassive: false };
}
