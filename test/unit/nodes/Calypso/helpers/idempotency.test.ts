import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { calypsoAccount, calypsoError, ok, type CalypsoCall, type Responder } from '../../../../fakes/calypso';
import { CalypsoPay } from '../../../../../nodes/Calypso/CalypsoPay.node';
import { calypsoExecuteContext, runCalypsoPay } from '../contexts';
import { widget, WIDGET_KEY } from '../fixtures';


const node = new CalypsoPay();

const createWidget = (fields: IDataObject = {}): IDataObject => ({
	resource: 'widget',
	operation: 'create',
	cryptoCurrencies: ['BTC'],
	description: 'Order 1042',
	externalId: 'order-1042',
	additionalFields: {},
	...fields,
});

const sentKey = (call: CalypsoCall) => String(call.payload?.idempotencyKey);

describe('n8n\'s "Retry On Fail" re-runs a create with the same key', () => {
	it('the retry of a widget create sends the first try\'s key, and reads back the widget that try created', async () => {
		const calypso = calypsoAccount();
		// Every answer of the first run is lost (its three attempts); the first made the widget.
		const create = '/api/v1/payment-widget/unlimited-linked/create';
		calypso.loseAnswers.push(create, create, create);
		// n8n retries by running the node again over the very same input items.
		const context = calypsoExecuteContext({ parameters: createWidget(), respond: calypso.respond });
		const first = await node.execute.call(context.ctx).catch((error: Error) => error);
		expect((first as Error).message).toBe('Calypso request failed: socket hang up');
		const [retry] = await node.execute.call(context.ctx);
		const [created, , , createdAgain, readBack] = context.calls;
		expect(context.calls.map((call) => call.path)).toEqual([create, create, create, create, '/api/v1/payment-widget/unlimited-linked/find']);
		expect(new Set(context.calls.slice(0, 4).map(sentKey))).toEqual(new Set([sentKey(created)]));
		expect(sentKey(createdAgain)).toBe(sentKey(created));
		expect(readBack.payload).toEqual({ requestId: sentKey(created) });
		expect(Object.keys(calypso.widgets)).toEqual([sentKey(created)]);
		expect(retry[0].json).toMatchObject({ widgetKey: sentKey(created), alreadyExisted: true });
	});

	it('the retry of an invoice create reads the invoice back by its key', async () => {
		const calypso = calypsoAccount();
		calypso.loseAnswers.push('/api/v1/invoice/single/create', '/api/v1/invoice/single/create', '/api/v1/invoice/single/create');
		const parameters = { resource: 'invoice', operation: 'create', invoiceType: 'single', amount: '0.5', currency: 'ETH', description: 'Order 7' };
		const context = calypsoExecuteContext({ parameters, respond: calypso.respond });
		await node.execute.call(context.ctx).catch(() => undefined);
		const [retry] = await node.execute.call(context.ctx);
		const [created, , , , readBack] = context.calls;
		expect(readBack).toMatchObject({ path: '/api/v1/invoice', payload: { idempotencyKey: sentKey(created) } });
		expect(Object.keys(calypso.invoices)).toEqual(['inv-1']);
		expect(retry[0].json).toMatchObject({ id: 'inv-1', idempotencyKey: sentKey(created), alreadyExisted: true });
	});

	it('new input items (another execution or loop run) get a new key, even for the same request', async () => {
		const respond: Responder = (call) => ok(widget({ ...call.payload }));
		const a = await runCalypsoPay({ parameters: createWidget(), respond, executionId: 'exec-a' });
		const b = await runCalypsoPay({ parameters: createWidget(), respond, executionId: 'exec-a' });
		expect(sentKey(a.calls[0])).not.toBe(sentKey(b.calls[0]));
	});

	it('the same items in another execution (pinned data) get a new key', async () => {
		const respond: Responder = (call) => ok(widget({ ...call.payload }));
		const context = calypsoExecuteContext({ parameters: createWidget(), respond });
		await node.execute.call(context.ctx);
		context.startExecution('execution-2');
		await node.execute.call(context.ctx);
		expect(sentKey(context.calls[0])).not.toBe(sentKey(context.calls[1]));
	});

	it('a key the user gave that Calypso already has stays an error (016), nothing is read back', async () => {
		const { calls, error } = await runCalypsoPay({
			parameters: createWidget({ additionalFields: { idempotencyKey: WIDGET_KEY } }),
			respond: () => calypsoError(400, '016', 'idempotencyKey already exists'),
		});
		expect(calls).toHaveLength(1);
		expect(error?.message).toBe('Calypso error 016: idempotencyKey already exists');
		expect((error as NodeApiError).description).toBe(
			`Calypso already has an object with this idempotency key (or refused the request's validation). If an earlier attempt created it, look it up by this key instead of creating it again. The request's idempotency key was ${WIDGET_KEY}.`,
		);
	});
});
