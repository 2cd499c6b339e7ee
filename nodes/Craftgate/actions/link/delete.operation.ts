import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requestTimeoutMs } from '../../../shared/transport/timeout';
import { deleteLink } from '../../transport/links';
import { getLinkId, linkIdProperty, timeoutOnlyOptions } from './common';

const properties: INodeProperties[] = [
	{
		...linkIdProperty,
		hint: 'Deleting cannot be undone. To stop payments but keep the link, use Deactivate.',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = getLinkId.call(this, itemIndex);
	await deleteLink.call(this, linkId, { itemIndex, timeoutMs: requestTimeoutMs(this, itemIndex) });
	return { deleted: true, linkId: Number.isSafeInteger(Number(linkId)) ? Number(linkId) : linkId };
}
