// Every operation of every action node has Options → Timeout (Seconds), and every request it
// makes waits exactly that long (docs: README "Safety").
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { CalypsoPay } from '../../../nodes/Calypso/CalypsoPay.node';
import { CheckPayment } from '../../../nodes/CheckPayment/CheckPayment.node';
import { Craftgate } from '../../../nodes/Craftgate/Craftgate.node';
import { Dialog360 } from '../../../nodes/Dialog360/Dialog360.node';
import { Exotel } from '../../../nodes/Exotel/Exotel.node';
import { WhatsAppOrderStatus } from '../../../nodes/WhatsAppOrderStatus/WhatsAppOrderStatus.node';
import { CALYPSO_CREDENTIALS } from '../../fakes/calypso';
import { FAKE_CREDENTIALS as CRAFTGATE_CREDENTIALS } from '../../fakes/craftgate';
import { TEST_CREDENTIALS as DIALOG360_CREDENTIALS } from '../../fakes/dialog360';
import { EXOTEL_CREDENTIALS } from '../../fakes/exotel';
import { createExecuteContext } from '../helpers/executeContext';
import { SEND_FIELDS } from './Dialog360/fixtures';
import { SEED_FIELDS } from './Exotel/fixtures';
import { BASE as ORDER_STATUS } from './WhatsAppOrderStatus/fixtures';

const CREDENTIALS: Record<string, ICredentialDataDecryptedObject> = {
	calypsoApi: CALYPSO_CREDENTIALS,
	craftgateApi: CRAFTGATE_CREDENTIALS,
	dialog360Api: DIALOG360_CREDENTIALS,
	exotelApi: EXOTEL_CREDENTIALS,
};

/** An answer each provider's transport takes as a success, whatever was asked. */
const ANSWERS: Record<string, unknown> = {
	calypsoApi: { id: 'inv-1', idempotencyKey: '5b0ca8da-6af4-4a1c-9efd-5cbfc19ace09', invoices: [], state: 'PAID' },
	craftgateApi: { data: { id: 12, name: 'x', status: 'ACTIVE', price: 10, currency: 'TRY', soldCount: 0, items: [], totalSize: 0 } },
	dialog360Api: { messages: [{ id: 'wamid.1' }], contacts: [{ wa_id: '919876543210' }], payments: [{ reference_id: 'ref-1', status: 'captured' }] },
	exotelApi: { response: { whatsapp: { messages: [{ code: 202, status: 'success', data: { sid: 'sid-1' } }] } } },
};

const craftgate = new Craftgate();
const calypso = new CalypsoPay();
const dialog360 = new Dialog360();
const exotel = new Exotel();
const orderStatus = new WhatsAppOrderStatus();
const checkPayment = new CheckPayment();

const cases: Array<[string, INodeType, IDataObject]> = [
	['Craftgate link create', craftgate, { resource: 'link', operation: 'create', name: 'Order', price: '10', currency: 'TRY', expiry: 'never', additionalFields: { orderId: 'o-1' } }],
	['Craftgate link get', craftgate, { resource: 'link', operation: 'get', linkId: '12' }],
	['Craftgate link getAll', craftgate, { resource: 'link', operation: 'getAll', returnAll: false, limit: 5, filters: {} }],
	['Craftgate link getPaymentStatus', craftgate, { resource: 'link', operation: 'getPaymentStatus', linkId: '12' }],
	['Craftgate link update', craftgate, { resource: 'link', operation: 'update', linkId: '12', updateFields: { name: 'New' } }],
	['Craftgate link deactivate', craftgate, { resource: 'link', operation: 'deactivate', linkId: '12' }],
	['Craftgate link delete', craftgate, { resource: 'link', operation: 'delete', linkId: '12' }],
	['Calypso widget create', calypso, { resource: 'widget', operation: 'create', cryptoCurrencies: ['BTC'], description: 'Order 1', additionalFields: {} }],
	['Calypso widget get', calypso, { resource: 'widget', operation: 'get', widgetKey: '5b0ca8da-6af4-4a1c-9efd-5cbfc19ace09' }],
	['Calypso invoice create', calypso, { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '1', currency: 'ETH', description: 'Order 1' }],
	['Calypso invoice get', calypso, { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: 'inv-1' }],
	['360dialog payment request send', dialog360, SEND_FIELDS],
	['360dialog payment get', dialog360, { resource: 'payment', operation: 'get', paymentConfiguration: 'cfg', referenceId: 'ref-1' }],
	['360dialog message sendText', dialog360, { resource: 'message', operation: 'sendText', to: '919876543210', text: 'Pay here: https://pay.example.com/l/1' }],
	['Exotel payment request send', exotel, SEED_FIELDS],
	['Exotel message sendText', exotel, { resource: 'message', operation: 'sendText', from: '+918012345678', to: '+919876543210', text: 'Pay here: https://pay.example.com/l/1' }],
	['WhatsApp Order Status through Exotel', orderStatus, ORDER_STATUS],
	['WhatsApp Order Status through 360dialog', orderStatus, { ...ORDER_STATUS, provider: 'dialog360' }],
	['Check Payment of a 360dialog payment', checkPayment, { provider: 'dialog360', paymentConfiguration: 'cfg', referenceId: 'ref-1' }],
	['Check Payment of a Craftgate link', checkPayment, { provider: 'craftgate', linkId: '12' }],
	['Check Payment of a Calypso invoice', checkPayment, { provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: 'inv-1' }],
];

/** The Options collection shown for these parameters' resource and operation. */
function optionsOf(type: INodeType, parameters: IDataObject): INodeProperties | undefined {
	return type.description.properties.find((property) => {
		const show = property.displayOptions?.show ?? {};
		return (
			property.name === 'options' &&
			(show.resource ?? [parameters.resource]).includes(parameters.resource as string) &&
			(show.operation ?? [parameters.operation]).includes(parameters.operation as string)
		);
	});
}

describe.each(cases)('%s', (_, type, parameters) => {
	it('has Options → Timeout (Seconds)', () => {
		const timeout = (optionsOf(type, parameters)?.options as INodeProperties[] | undefined)?.find((option) => option.name === 'timeout');
		expect(timeout).toMatchObject({ displayName: 'Timeout (Seconds)', type: 'number', typeOptions: { minValue: 1 } });
	});

	it('waits that long on every request it makes', async () => {
		const http = jest.fn<Promise<IDataObject>, [string, { timeout?: number }]>(async (credentialType) => ({ statusCode: 200, headers: {}, body: ANSWERS[credentialType] as IDataObject }));
		const options = { ...(parameters.options as IDataObject | undefined), timeout: 7 };
		const { ctx } = createExecuteContext({ parameters: { ...parameters, options }, credentials: CREDENTIALS, http });
		Object.assign(ctx, { getExecutionId: () => 'execution-1' });
		await type.execute!.call(ctx).catch(() => undefined);
		expect(http).toHaveBeenCalled();
		expect(http.mock.calls.map((call) => call[1].timeout)).toEqual(http.mock.calls.map(() => 7_000));
	});
});
