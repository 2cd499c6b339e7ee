// WhatsApp Order Status with 360dialog as the provider: the same operations and transition
// checks as with Exotel (shared), sent in the Cloud API form, one POST /messages per item.
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppOrderStatus } from '../../../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { createExecuteContext } from '../../../helpers/executeContext';
import type { ExecuteContextOptions } from '../../../helpers/executeContext';
import { accepted, fakeDialog360, graphError, TEST_CREDENTIALS } from '../../../../fakes/dialog360';
import type { Responder } from '../../../../fakes/dialog360';
import { credentialsShown } from '../../../helpers/credentials';

const node = new WhatsAppOrderStatus();

const BASE: IDataObject = {
	provider: 'dialog360',
	resource: 'order',
	operation: 'updateStatus',
	to: '+91 98765 43210',
	referenceId: 'ORDER-1',
	status: 'shipped',
	bodyText: 'Your order is on its way',
	options: { footerText: 'Thank you', currentStatus: 'processing', statusDescription: 'Courier: Blue Dart' },
};

const acceptAll: Responder = (call, index) => accepted(String(call.body?.to), `wamid.status-${index}`);

async function start(options: ExecuteContextOptions & { respond?: Responder } = {}) {
	const { http, calls } = fakeDialog360(options.respond ?? acceptAll);
	const context = createExecuteContext({ credentials: { dialog360Api: TEST_CREDENTIALS }, ...options, parameters: { ...BASE, ...options.parameters }, http });
	return { execution: node.execute.call(context.ctx) as Promise<INodeExecutionData[][]>, http, calls };
}

async function failure(promise: Promise<unknown>): Promise<NodeOperationError & NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeOperationError & NodeApiError;
	}
	throw new Error('expected the node to throw');
}

describe('WhatsApp Order Status through 360dialog', () => {
	it('offers 360dialog as a provider with its own credential and recipient field', () => {
		const provider = node.description.properties.find((property) => property.name === 'provider') as INodeProperties;
		expect(provider.options).toEqual(expect.arrayContaining([{ name: '360dialog', value: 'dialog360' }]));
		expect(provider.default).toBe('exotel');
		expect(credentialsShown(node.description, { provider: 'dialog360' })).toEqual(['dialog360Api']);
		const recipients = node.description.properties.filter((property) => property.name === 'to');
		expect(recipients.map((property) => property.displayOptions?.show?.provider)).toEqual(expect.arrayContaining([['dialog360'], ['exotel']]));
	});

	it('posts the order_status message in the Cloud API form to /messages', async () => {
		const { execution, calls } = await start();
		const [items] = await execution;
		expect(calls).toHaveLength(1);
		expect(calls[0].credentialType).toBe('dialog360Api');
		expect(calls[0].options).toMatchObject({ method: 'POST', url: 'https://waba-v2.360dialog.io/messages', ignoreHttpStatusErrors: true });
		expect(calls[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '919876543210',
			type: 'interactive',
			interactive: {
				type: 'order_status',
				body: { text: 'Your order is on its way' },
				footer: { text: 'Thank you' },
				action: { name: 'review_order', parameters: { reference_id: 'ORDER-1', order: { status: 'shipped', description: 'Courier: Blue Dart' } } },
			},
		});
		expect(items).toEqual([
			{ json: { referenceId: 'ORDER-1', orderStatus: 'shipped', to: '919876543210', wamid: 'wamid.status-0', waId: '919876543210' }, pairedItem: { item: 0 } },
		]);
	});

	it('cancels with the reason as the description', async () => {
		const { execution, calls } = await start({
			parameters: { operation: 'cancelOrder', options: { currentStatus: 'pending', cancelReason: 'Out of stock' } },
		});
		await execution;
		expect(((calls[0].body!.interactive as IDataObject).action as IDataObject).parameters).toEqual({
			reference_id: 'ORDER-1',
			order: { status: 'canceled', description: 'Out of stock' },
		});
	});

	it('spells partially shipped as chosen', async () => {
		const { execution, calls } = await start({
			parameters: { status: 'partially_shipped', options: { currentStatus: 'processing', partiallyShippedSpelling: 'partially-shipped' } },
		});
		await execution;
		expect((((calls[0].body!.interactive as IDataObject).action as IDataObject).parameters as IDataObject).order).toMatchObject({ status: 'partially-shipped' });
	});

	it.each([
		['completed', 'shipped', 'order "ORDER-1" is Completed, which is final: no status change is allowed'],
		['canceled', 'processing', 'order "ORDER-1" is Canceled, which is final: no status change is allowed'],
	])('refuses the shared forbidden move from %s to %s before sending', async (currentStatus, status, message) => {
		const { execution, http } = await start({ parameters: { status, options: { currentStatus } } });
		const error = await failure(execution);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
		expect(error.description).toContain('field "options.currentStatus" of input item 0');
		expect(http).not.toHaveBeenCalled();
	});

	it('refuses a recipient with other characters than digits, + and spaces', async () => {
		const { execution, http } = await start({ parameters: { to: '98765-43210' } });
		const error = await failure(execution);
		expect(error.message).toBe('"To" is not a WhatsApp number: "98765-43210"');
		expect(http).not.toHaveBeenCalled();
	});

	it('sends one request per item and, after a refused one, says what went out and sends nothing more', async () => {
		const { execution, http } = await start({
			itemParameters: [{ referenceId: 'A' }, { referenceId: 'B' }, { referenceId: 'C' }],
			respond: (call, index) => (index === 1 ? graphError(400, 131047, 'Re-engagement message', 'more than 24 hours') : acceptAll(call, index)),
		});
		const error = await failure(execution);
		expect(http).toHaveBeenCalledTimes(2);
		expect(error.message).toBe('360dialog error 131047: Re-engagement message');
		expect(error.description).toContain('Send an approved template with an ORDER_DETAILS button');
		expect(error.description).toContain('360dialog accepted 1 other message(s) of this run (input items 0)');
		expect(error.description).toContain('Input items 2 were not sent.');
	});
});
