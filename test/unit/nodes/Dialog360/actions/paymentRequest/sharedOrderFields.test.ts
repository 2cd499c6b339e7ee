// The order fields are one shared module (nodes/shared/whatsapp/nodeFields) used by the Exotel and
// the 360dialog payment nodes: the same parameters, read the same way, under the same rules.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Dialog360 } from '../../../../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../../../../nodes/Exotel/Exotel.node';
import { orderProperties } from '../../../../../../nodes/shared/whatsapp/nodeFields';
import { acceptAll, fakeDialog360, TEST_CREDENTIALS } from '../../../../../fakes/dialog360';
import { EXOTEL_CREDENTIALS, fakeExotel } from '../../../../../fakes/exotel';
import { createExecuteContext } from '../../../../helpers/executeContext';
import { failure, SEND_FIELDS } from '../../fixtures';

const PAYMENT_PARAMETERS = ['paymentType', 'customPaymentType', 'paymentGateway', 'paymentConfiguration'];
const ORDER_PARAMETERS = orderProperties([]).map((property) => property.name);

function orderPart(properties: INodeProperties[]): Array<{ name: string; displayName: string; type: string; default: unknown }> {
	return properties
		.filter((property) => ORDER_PARAMETERS.includes(property.name))
		.filter((property) => property.displayOptions?.show?.operation?.includes('send'))
		.map(({ name, displayName, type, default: value }) => ({ name, displayName, type, default: value }));
}

const exotelNode = new Exotel();
const dialog360Node = new Dialog360();

/** The same order, as each node's parameters. */
const ORDER = Object.fromEntries(Object.entries(SEND_FIELDS).filter(([name]) => ORDER_PARAMETERS.includes(name)));

async function exotelRun(order: IDataObject) {
	const exotel = fakeExotel();
	const context = createExecuteContext({
		credentials: { exotelApi: EXOTEL_CREDENTIALS },
		parameters: { resource: 'paymentRequest', operation: 'send', from: '+918012345678', to: '+919876543210', paymentType: 'payment_gateway:razorpay', paymentConfiguration: 'payment-config-id', options: {}, ...order },
	});
	context.http.mockImplementation(exotel.http);
	const execution = exotelNode.execute.call(context.ctx);
	return { execution, http: context.http, seen: exotel.seen };
}

async function dialog360Run(order: IDataObject) {
	const { http, calls } = fakeDialog360(acceptAll);
	const context = createExecuteContext({
		credentials: { dialog360Api: TEST_CREDENTIALS },
		parameters: { resource: 'paymentRequest', operation: 'send', to: '919876543210', paymentGateway: 'razorpay', paymentConfiguration: 'payment-config-id', ...order, options: {} },
		http,
	});
	return { execution: dialog360Node.execute.call(context.ctx), http, calls };
}

describe('the shared order fields', () => {
	it('both nodes show the same order parameters, in the same order', () => {
		const exotel = orderPart(exotelNode.description.properties);
		const dialog360 = orderPart(dialog360Node.description.properties);
		expect(exotel.length).toBeGreaterThan(20);
		expect(dialog360).toEqual(exotel);
	});

	it('the payment fields sit between the goods and the message text in both nodes', () => {
		for (const properties of [exotelNode.description.properties, dialog360Node.description.properties]) {
			const names = properties.map((property) => property.name);
			const payment = names.findIndex((name) => PAYMENT_PARAMETERS.includes(name));
			expect(payment).toBeGreaterThan(names.indexOf('beneficiary'));
			expect(payment).toBeLessThan(names.indexOf('bodyText'));
		}
	});

	it('both nodes build the same order from the same fields; only the payment routing differs', async () => {
		const exotel = await exotelRun(ORDER);
		await exotel.execution;
		const exotelInteractive = (exotel.seen[0].messages[0].content as IDataObject).interactive as IDataObject;
		const dialog360 = await dialog360Run(ORDER);
		await dialog360.execution;
		const dialog360Interactive = dialog360.calls[0].body!.interactive as IDataObject;

		const withoutPayment = (interactive: IDataObject) => {
			const copy = structuredClone(interactive) as IDataObject;
			const parameters = (copy.action as IDataObject).parameters as IDataObject;
			delete parameters.payment_type;
			delete parameters.payment_configuration;
			delete parameters.payment_settings;
			return copy;
		};
		expect(withoutPayment(dialog360Interactive)).toEqual(withoutPayment(exotelInteractive));
		expect((exotelInteractive.action as IDataObject).parameters).toMatchObject({ payment_type: 'payment_gateway:razorpay', payment_configuration: 'payment-config-id' });
		expect((dialog360Interactive.action as IDataObject).parameters).toMatchObject({
			payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'payment-config-id' } }],
		});
	});

	it.each([
		['a sale price above the unit price', { items: { item: [{ retailerId: 'SKU-9', name: 'Bread', amount: '12.00', saleAmount: '15.00', quantity: 1 }] }, itemsFromCatalog: true, catalogId: 'c-1' }],
		['a subtotal that does not match the items', { additionalFields: { subtotal: '1.00' } }],
		['a reference ID with a space', { referenceId: 'ORDER 1' }],
		['an amount with three decimals', { taxAmount: '1.005' }],
		['an expiration too soon', { expiration: 'inMinutes', expiresInMinutes: 2, expirationDescription: 'soon' }],
		['items outside a catalog without importer', { items: { item: [{ retailerId: 'S', name: 'Bread', amount: '1.00', quantity: 1 }] } }],
	])('both nodes refuse %s with the same message, before sending', async (_name, change) => {
		const exotel = await exotelRun({ ...ORDER, ...change });
		const dialog360 = await dialog360Run({ ...ORDER, ...change });
		const exotelError = await failure<NodeOperationError>(exotel.execution);
		const dialog360Error = await failure<NodeOperationError>(dialog360.execution);
		expect(exotelError).toBeInstanceOf(NodeOperationError);
		expect(dialog360Error.message).toBe(exotelError.message);
		expect(dialog360Error.description).toBe(exotelError.description);
		expect(exotel.http).not.toHaveBeenCalled();
		expect(dialog360.http).not.toHaveBeenCalled();
	});
});
