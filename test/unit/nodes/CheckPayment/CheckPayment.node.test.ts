// Check Payment: its editor description, and each input item routed to Paid, Failed or Pending by
// its own provider's status check, paired with its input; errors on Pending with Continue On Fail.
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CheckPayment } from '../../../../nodes/CheckPayment/CheckPayment.node';
import { paymentProviderOptions } from '../../../../nodes/shared/payment/targetFields';
import { CALYPSO_CREDENTIALS, calypsoError, calypsoHttpHelper, ok, type Responder as CalypsoResponder } from '../../../fakes/calypso';
import { FAKE_CREDENTIALS as CRAFTGATE_CREDENTIALS, FakeCraftgate, payment, PRODUCT } from '../../../fakes/craftgate';
import { fakeDialog360, paymentsAnswer, TEST_CREDENTIALS as DIALOG360_CREDENTIALS, type Responder as Dialog360Responder } from '../../../fakes/dialog360';
import { createExecuteContext } from '../../helpers/executeContext';
import { subtitleOf } from '../../helpers/subtitle';
import { invoice } from '../Calypso/fixtures';
import { credentialsShown, parametersTakenForAuthentication } from '../../helpers/credentials';

const node = new CheckPayment();

interface Providers {
	craftgate?: FakeCraftgate;
	dialog360?: Dialog360Responder;
	calypso?: CalypsoResponder;
}

/** Runs the node over `items` (each its own parameters) against the three providers' fakes. */
async function run(items: IDataObject[], providers: Providers = {}, continueOnFail = false) {
	const craftgate = providers.craftgate ?? new FakeCraftgate();
	const dialog360 = fakeDialog360(providers.dialog360 ?? (() => paymentsAnswer({ reference_id: 'ORDER-1', status: 'new' })));
	const { ctx, node: instance } = createExecuteContext({
		parameters: { options: {} },
		itemParameters: items,
		continueOnFail,
		credentials: { craftgateApi: CRAFTGATE_CREDENTIALS, dialog360Api: DIALOG360_CREDENTIALS, calypsoApi: CALYPSO_CREDENTIALS },
	});
	const calypso = calypsoHttpHelper(instance, providers.calypso ?? (() => ok(invoice())));
	const byType: Record<string, jest.Mock> = { craftgateApi: craftgate.httpHelper(CRAFTGATE_CREDENTIALS), dialog360Api: dialog360.http, calypsoApi: calypso.http };
	const http = ctx.helpers.httpRequestWithAuthentication as jest.Mock;
	http.mockImplementation(async (type: string, options: unknown) => await byType[type](type, options));
	const outcome = await node.execute.call(ctx).then(
		(outputs) => ({ outputs, error: undefined }),
		(error: Error) => ({ outputs: undefined as unknown as INodeExecutionData[][], error }),
	);
	return { ...outcome, craftgate, dialog360, calypso };
}

const d360 = (referenceId: string): IDataObject => ({ provider: 'dialog360', paymentConfiguration: 'cfg', referenceId });
const link = (linkId: string): IDataObject => ({ provider: 'craftgate', linkId });
const calypsoInvoice = (invoiceId: string): IDataObject => ({ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId });

describe('Check Payment: the editor', () => {
	const { description } = node;

	it('is a transform node with the outputs Paid, Failed and Pending, usable as a tool', () => {
		expect(description).toMatchObject({
			name: 'checkPayment',
			displayName: 'Check Payment',
			description: 'Check whether a payment is paid, failed or still pending',
			group: ['transform'],
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main', 'main', 'main'],
			outputNames: ['Paid', 'Failed', 'Pending'],
			defaults: { name: 'Check Payment' },
		});
		expect(description.icon).toEqual({ light: 'file:../../icons/checkPayment.svg', dark: 'file:../../icons/checkPayment.dark.svg' });
	});

	it.each(paymentProviderOptions.map((option) => [option.value, option.name]))('its subtitle for %s is "%s"', (provider, name) => {
		expect(subtitleOf(description, { provider })).toBe(name);
	});

	it('asks for each provider\'s credential when it is chosen, and for all of them when Provider is an expression', () => {
		expect(credentialsShown(description, { provider: 'dialog360' })).toEqual(['dialog360Api']);
		expect(credentialsShown(description, { provider: 'craftgate' })).toEqual(['craftgateApi']);
		expect(credentialsShown(description, { provider: 'calypsoPay' })).toEqual(['calypsoApi']);
		expect(credentialsShown(description, { provider: '={{ $json.provider }}' })).toEqual(['dialog360Api', 'craftgateApi', 'calypsoApi']);
	});

	it('keeps Provider in the panel: the editor does not take it for an authentication choice', () => {
		expect(parametersTakenForAuthentication(description)).toEqual([]);
	});

	it('has the provider, the payment\'s fields and Options with the timeout and each provider\'s option', () => {
		expect(description.properties.map((property) => property.name)).toEqual([
			'notice',
			'provider',
			'paymentConfiguration',
			'referenceId',
			'linkId',
			'calypsoKind',
			'widgetKey',
			'invoiceId',
			'options',
		]);
		const options = description.properties.find((property) => property.name === 'options')?.options as INodeProperties[];
		expect(options.map((option) => option.name)).toEqual(['expiryTimeZone', 'lookupPath', 'timeout']);
		expect(options[2]).toMatchObject({ displayName: 'Timeout (Seconds)', type: 'number', default: 30 });
	});
});

describe('Check Payment: routing', () => {
	it('sends each item to the output of its outcome, as its PaymentCheck, paired with its input', async () => {
		const craftgate = new FakeCraftgate({ products: [{ ...PRODUCT, soldCount: 1 }, { ...PRODUCT, id: 13, orderId: 'ord-13', status: 'PASSIVE' }], payments: [payment()] });
		const { outputs, error } = await run([link('12'), d360('ORDER-1'), calypsoInvoice('inv-000001'), link('13')], {
			craftgate,
			dialog360: () => paymentsAnswer({ reference_id: 'ORDER-1', status: 'pending', transactions: [] }),
			calypso: () => ok(invoice({ state: 'DECLINED', lastDepositHash: '0x5' })),
		});
		expect(error).toBeUndefined();
		const [paid, failed, pending] = outputs;
		expect(paid.map((item) => [item.pairedItem, item.json.provider, item.json.status])).toEqual([[{ item: 0 }, 'craftgate', 'paid']]);
		expect(failed.map((item) => [item.pairedItem, item.json.provider, item.json.status])).toEqual([
			[{ item: 2 }, 'calypso', 'failed'],
			[{ item: 3 }, 'craftgate', 'canceled'],
		]);
		expect(pending.map((item) => [item.pairedItem, item.json.provider, item.json.status])).toEqual([[{ item: 1 }, '360dialog', 'pending']]);
		expect(Object.keys(paid[0].json).sort()).toEqual(['checkedAt', 'details', 'event', 'outcome', 'provider', 'providerStatus', 'reference', 'status']);
		expect(paid[0].json).toMatchObject({ outcome: 'paid', reference: 'ord-1', event: { eventId: 'craftgate:payment:584:paid' } });
	});

	it('without Continue On Fail, a bad item stops the node before anything is sent for it, naming it', async () => {
		const { error, craftgate } = await run([link('12'), link('twelve')], { craftgate: new FakeCraftgate({ products: [PRODUCT] }) });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe('Check field "linkId" of input item 1.');
		// Item 0 was checked (items run in order); nothing was sent for item 1.
		expect(craftgate.calls.map((call) => call.path)).toEqual(['/craftlink/v1/products/12', '/payment-reporting/v1/payments', '/craftlink/v1/products']);
	});

	it('without Continue On Fail, a provider error stops the node with the provider\'s code', async () => {
		const { error } = await run([calypsoInvoice('inv-404')], { calypso: () => calypsoError(404, '004', 'Requested object not found') });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context).toMatchObject({ providerCode: '004', itemIndex: 0 });
	});

	it('with Continue On Fail, a failed check goes to Pending with the error, the rest still run', async () => {
		const { outputs, error } = await run(
			[calypsoInvoice('inv-404'), { provider: 'exotel' }, link('12')],
			{ craftgate: new FakeCraftgate({ products: [PRODUCT] }), calypso: () => calypsoError(404, '004', 'Requested object not found') },
			true,
		);
		expect(error).toBeUndefined();
		const [paid, failed, pending] = outputs;
		expect(paid).toEqual([]);
		expect(failed).toEqual([]);
		expect(pending.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(pending[0].json).toMatchObject({ provider: 'calypso', kind: 'invoice', id: 'inv-404', error: 'Calypso error 004: Requested object not found', httpStatus: 404, providerCode: '004' });
		expect(pending[1].json).toMatchObject({ error: expect.stringContaining('Exotel offers no payment status lookup'), description: 'Check field "provider" of input item 1.' });
		expect(pending[1].json).not.toHaveProperty('outcome');
		expect(pending[2].json).toMatchObject({ outcome: 'pending', provider: 'craftgate' });
		expect(pending[2].json).not.toHaveProperty('error');
	});

	it('waits as long as Options → Timeout says on each request', async () => {
		const { ctx } = createExecuteContext({
			parameters: { provider: 'craftgate', linkId: '12', options: { timeout: 3 } },
			credentials: { craftgateApi: CRAFTGATE_CREDENTIALS },
			http: new FakeCraftgate({ products: [PRODUCT] }).httpHelper(CRAFTGATE_CREDENTIALS),
		});
		await node.execute.call(ctx);
		const http = ctx.helpers.httpRequestWithAuthentication as jest.Mock;
		expect(http.mock.calls.map((call) => (call[1] as { timeout: number }).timeout)).toEqual([3_000, 3_000, 3_000]);
	});
});
