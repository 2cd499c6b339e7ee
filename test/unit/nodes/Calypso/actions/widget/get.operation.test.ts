import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../../../nodes/Calypso/CalypsoPay.node';
import { ok } from '../../../../../fakes/calypso';
import { calypsoExecuteContext, type ExecuteOptions } from '../../contexts';
import { invoice, widget, WIDGET_KEY } from '../../fixtures';

const node = new CalypsoPay();

async function run(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const result = await node.execute.call(context.ctx);
	return { ...context, output: result[0] };
}

async function failure(options: ExecuteOptions) {
	const context = calypsoExecuteContext(options);
	const error = await node.execute.call(context.ctx).then(
		() => undefined,
		(e: Error) => e,
	);
	return { ...context, error };
}

describe('Widget → Get', () => {
	const withInvoices = widget({
		invoices: [
			{ invoiceId: 'inv-000001', cryptoCurrency: 'USDT_TRX', invoiceIdempotencyKey: 'k1', invoiceExternalId: 'order-1042' },
			{ invoiceId: 'inv-000002', cryptoCurrency: 'ETH', invoiceIdempotencyKey: 'k2', invoiceExternalId: 'order-1042' },
		],
	});

	it('finds the widget by its key (requestId) and adds the payment link', async () => {
		const { calls, output } = await run({ parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY, options: {} }, respond: () => ok(withInvoices) });
		expect(calls.map((c) => [c.path, c.payload])).toEqual([['/api/v1/payment-widget/unlimited-linked/find', { requestId: WIDGET_KEY }]]);
		expect(output[0].json).toMatchObject({ widgetKey: WIDGET_KEY, paymentLink: `https://pay.calypso.finance/pay?widgetKey=${WIDGET_KEY}`, invoices: withInvoices.invoices });
		expect(output[0].json).not.toHaveProperty('invoiceDetails');
	});

	it('reads every invoice of the widget on request', async () => {
		const { calls, output } = await run({
			parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY, options: { includeInvoiceDetails: true } },
			respond: (call) => (call.path === '/api/v1/invoice' ? ok(invoice({ id: call.payload?.id, totalDebitAmount: 12.5, state: 'PAID' })) : ok(withInvoices)),
		});
		expect(calls.slice(1).map((c) => c.payload)).toEqual([{ id: 'inv-000001' }, { id: 'inv-000002' }]);
		expect((output[0].json.invoiceDetails as IDataObject[]).map((i) => [i.id, i.state, i.totalDebitAmount])).toEqual([
			['inv-000001', 'PAID', 12.5],
			['inv-000002', 'PAID', 12.5],
		]);
	});

	it('reports an unknown widget as Calypso\'s 004, with what to check', async () => {
		const { error } = await failure({
			parameters: { resource: 'widget', operation: 'get', widgetKey: WIDGET_KEY },
			respond: () => ({ status: 404, body: { errorCode: '004', message: 'Requested object not found' } }),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Calypso error 004: Requested object not found');
		expect((error as NodeApiError).description).toBe(
			'Calypso has no such object: check the id or key, and that the credential uses the right account and API host.',
		);
		expect((error as NodeApiError).httpCode).toBe('404');
	});
});
