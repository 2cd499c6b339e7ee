// WhatsApp Order Status run as n8n runs it, with Exotel as the provider, against a fresh fake
// Exotel per call (test/fakes/exotel.ts).
import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppOrderStatus } from '../../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { EXOTEL_CREDENTIALS, fakeExotel } from '../../../fakes/exotel';
import type { Judge, SeenRequest } from '../../../fakes/exotel';
import { createExecuteContext } from '../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../helpers/executeContext';

export const node = new WhatsAppOrderStatus();

export const BASE: IDataObject = {
	provider: 'exotel',
	resource: 'order',
	operation: 'updateStatus',
	from: '+918012345678',
	to: '+919876543210',
	referenceId: 'ORDER-1',
	status: 'processing',
	bodyText: 'We are packing your order',
	options: {},
};

export function start(options: ExecuteContextOptions = {}, judge?: Judge) {
	const exotel = fakeExotel({ judge });
	const context = createExecuteContext({
		credentials: { exotelApi: EXOTEL_CREDENTIALS },
		...options,
		parameters: { ...BASE, ...options.parameters },
	});
	context.http.mockImplementation(exotel.http);
	return { ...context, execution: node.execute.call(context.ctx) as Promise<INodeExecutionData[][]>, seen: exotel.seen };
}

export async function run(options: ExecuteContextOptions = {}, judge?: Judge) {
	const { execution, http, seen } = start(options, judge);
	const [items] = await execution;
	return { items, seen, http };
}

export async function failure(promise: Promise<unknown>): Promise<NodeOperationError & NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeOperationError & NodeApiError;
	}
	throw new Error('expected the node to throw');
}

/** The interactive object of message `index` of the first request. */
export function interactiveOf(seen: SeenRequest[], index = 0): any {
	return seen[0].messages[index].content.interactive;
}
