import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { EXOTEL_API, EXOTEL_CREDENTIALS, EXOTEL_KEYS, fakeExotel, MESSAGES_PATH, referenceOf } from '../../fakes/exotel';
import type { Answer, Judge } from '../../fakes/exotel';


beforeEach(() => nock.disableNetConnect());
// Leave no refusal behind for the next test file run in this process.
afterAll(() => nock.enableNetConnect());

const CREDENTIALS = { exotelApi: EXOTEL_CREDENTIALS };

/** A fresh fake Exotel behind nock for this test. */
function exotel(judge?: Judge, answer?: (requestNumber: number) => Answer | undefined) {
	const fake = fakeExotel({ judge, answer });
	fake.intercept(nock);
	return fake;
}

/** Start → Exotel (fields mapped from each item) → Done. */
function paymentWorkflow(paymentNode: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{
				name: 'Pay',
				type: 'n8n-nodes-chat-payments.exotel',
				parameters: {
					resource: 'paymentRequest',
					operation: 'send',
					from: '+918012345678',
					to: '={{ $json.phone }}',
					orderInput: 'fields',
					referenceId: '={{ $json.orderId }}',
					goodsType: 'digital-goods',
					paymentType: 'upi',
					paymentConfiguration: 'upi-config',
					bodyText: '=Hi {{ $json.name }}, tap Review and Pay',
					itemsFromCatalog: true,
					catalogId: 'catalog-1',
					items: {
						item: [{ retailerId: '={{ $json.sku }}', name: '={{ $json.product }}', amount: '={{ $json.price }}', quantity: '={{ $json.qty }}' }],
					},
					taxAmount: '={{ $json.tax }}',
					options: { customData: '={{ $json.orderId }}', statusCallback: 'https://n8n.example.test/webhook/trigger-id/webhook' },
				},
				...paymentNode,
			},
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
			Pay: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

function customers(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		orderId: `ORD-${i}`,
		name: `Customer ${i}`,
		phone: `+9198765${String(i).padStart(5, '0')}`,
		sku: `SKU-${i}`,
		product: 'Bread',
		price: '49.50',
		qty: 2,
		tax: '4.95',
	}));
}

describe('Exotel: Payment Request → Send in a workflow', () => {
	it('maps each item into an order_details message and passes sids downstream, paired', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input: customers(2) });
		expect(run.nodeError('Pay')?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(seen).toHaveLength(1);
		expect(seen[0].url).toBe(`${EXOTEL_API}${MESSAGES_PATH}`);
		const [first] = seen[0].messages;
		expect(first).toMatchObject({
			from: '+918012345678',
			to: '+919876500000',
			custom_data: 'ORD-0',
			status_callback: 'https://n8n.example.test/webhook/trigger-id/webhook',
		});
		const parameters = first.content.interactive.action.parameters;
		expect(first.content.interactive.body.text).toBe('Hi Customer 0, tap Review and Pay');
		expect(parameters).toMatchObject({ reference_id: 'ORD-0', payment_type: 'upi', total_amount: { value: 10395, offset: 100 } });
		expect(parameters.order.items[0]).toEqual({ retailer_id: 'SKU-0', name: 'Bread', amount: { value: 4950, offset: 100 }, quantity: 2 });
		expect(run.output('Done')).toEqual([
			{ json: { referenceId: 'ORD-0', to: '+919876500000', sid: 'sid-ORD-0', status: 'success', requestId: 'req-1' }, pairedItem: { item: 0 } },
			{ json: { referenceId: 'ORD-1', to: '+919876500001', sid: 'sid-ORD-1', status: 'success', requestId: 'req-1' }, pairedItem: { item: 1 } },
		]);
	});

	it('sends 250 items in 3 requests (100, 100, 50)', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input: customers(250) });
		expect(run.status).toBe('success');
		expect(seen.map((request) => request.messages.length)).toEqual([100, 100, 50]);
		expect(run.output('Done').map((item) => item.json.referenceId)).toEqual(customers(250).map((c) => c.orderId));
	});

	it('partial acceptance with Continue On Fail: error item for the rejected one, the rest go on', async () => {
		const { seen } = exotel((message) => (referenceOf(message) === 'ORD-1' ? 'reference_id was used before' : undefined));
		const run = await runWorkflow({
			workflow: paymentWorkflow({ onError: 'continueRegularOutput' }),
			credentials: CREDENTIALS,
			input: customers(3),
		});
		expect(run.status).toBe('success');
		expect(seen).toHaveLength(1);
		const output = run.output('Done');
		expect(output.map((item) => item.json.sid ?? null)).toEqual(['sid-ORD-0', null, 'sid-ORD-2']);
		expect(output[1].json).toEqual({
			referenceId: 'ORD-1',
			to: '+919876500001',
			error: 'Exotel did not accept the message: Invalid parameter',
			description: 'Exotel says (code 1002): Invalid parameter — reference_id was used before. Fix the input of this item, then send it again; the other items are not affected.',
			httpStatus: 400,
			providerCode: '1002',
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	it('partial acceptance without it: the run fails on the rejected item, naming what went out', async () => {
		exotel((message) => (referenceOf(message) === 'ORD-1' ? 'reference_id was used before' : undefined));
		const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input: customers(3) });
		expect(run.status).toBe('error');
		const error = run.nodeError('Pay') as unknown as IDataObject;
		expect(error.message).toBe('Exotel did not accept the message: Invalid parameter');
		expect(String(error.description)).toContain('input items 0, 2');
		expect(run.executedNodes).not.toContain('Done');
	});

	it('bad input stops the run before anything is sent', async () => {
		const { seen } = exotel();
		const input = customers(3);
		input[2].price = '12.345';
		const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input });
		expect(run.status).toBe('error');
		expect(seen).toHaveLength(0);
		expect(String((run.nodeError('Pay') as unknown as IDataObject).description)).toContain('input item 2');
	});

	it.each([401, 503])('HTTP %i: one request only, never resent by n8n or the node', async (status) => {
		const { seen } = exotel(undefined, () => [status, { http_code: status, response: { error_data: { code: 9, message: 'nope' } } }]);
		const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input: customers(2) });
		expect(run.status).toBe('error');
		expect(seen).toHaveLength(1);
		expect((run.nodeError('Pay') as unknown as IDataObject).httpCode).toBe(String(status));
		expect(JSON.stringify(run.run.data)).not.toContain(EXOTEL_KEYS.apiToken);
	});

	describe('transport', () => {
		const ELSEWHERE = 'https://elsewhere.example.test';

		it('does not follow a redirect: nothing reaches the other host, and the run says why', async () => {
			const redirected: string[] = [];
			nock(EXOTEL_API).post(MESSAGES_PATH).reply(307, '', { Location: `${ELSEWHERE}${MESSAGES_PATH}` });
			nock(ELSEWHERE)
				.persist()
				.post(MESSAGES_PATH)
				.reply((path) => {
					redirected.push(path);
					return [202, {}];
				});
			const run = await runWorkflow({ workflow: paymentWorkflow(), credentials: CREDENTIALS, input: customers(1) });
			expect(run.status).toBe('error');
			expect(redirected).toEqual([]);
			const error = run.nodeError('Pay') as unknown as IDataObject;
			expect(error.message).toBe('Exotel answered with a redirect (HTTP 307), which the node does not follow');
		});

		it('after a time-out: one attempt, and every item says its outcome is unknown', async () => {
			// One interceptor only: a second attempt would find none and fail differently.
			const scope = nock(EXOTEL_API)
				.post(MESSAGES_PATH)
				.replyWithError(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }));
			const run = await runWorkflow({
				workflow: paymentWorkflow({ onError: 'continueRegularOutput' }),
				credentials: CREDENTIALS,
				input: customers(2),
			});
			expect(scope.isDone()).toBe(true);
			expect(run.output('Done').map((item) => [item.json.referenceId, item.json.outcomeUnknown])).toEqual([
				['ORD-0', true],
				['ORD-1', true],
			]);
			expect(run.output('Done')[0].json.error).toBe('The request to Exotel timed out: timeout of 30000ms exceeded');
			expect(String(run.output('Done')[0].json.description)).toMatch(/^The outcome is unknown/);
		});
	});

	describe('failures of a send: one request, and error items that keep what makes a retry safe', () => {
		const NOT_RESENT =
			'The node did not resend it, so the customer never gets the same message twice. Check whether it went out (status callback or Exotel dashboard) before sending again; resend a payment request with a new reference_id.';
		const withOptions = (options: INodeParameters) => {
			const workflow = paymentWorkflow({ onError: 'continueRegularOutput' });
			const pay = workflow.nodes[1];
			pay.parameters = { ...pay.parameters, options: { ...(pay.parameters?.options as INodeParameters), ...options } };
			return workflow;
		};
		const itemsOf = (run: Awaited<ReturnType<typeof runWorkflow>>) => run.output('Done').map((item) => [item.json, item.pairedItem]);

		it('no answer within Timeout (Seconds): every item says its outcome is unknown and how to check', async () => {
			const scope = nock(EXOTEL_API).post(MESSAGES_PATH).delay(5_000).reply(202, {});
			const run = await runWorkflow({ workflow: withOptions({ timeout: 1 }), credentials: CREDENTIALS, input: customers(2) });
			expect(scope.isDone()).toBe(true);
			expect(itemsOf(run)).toEqual([0, 1].map((i) => [
				{
					referenceId: `ORD-${i}`,
					to: `+9198765${String(i).padStart(5, '0')}`,
					error: 'The request to Exotel timed out: timeout of 1000ms exceeded',
					description: `The outcome is unknown: Exotel may or may not have sent the messages. ${NOT_RESENT}`,
					outcomeUnknown: true,
				},
				{ item: i },
			]));
			expect(JSON.stringify(run.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
		});

		it('a dropped connection: the same, never n8n\'s "You can retry the request immediately"', async () => {
			const scope = nock(EXOTEL_API).post(MESSAGES_PATH).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			const run = await runWorkflow({ workflow: withOptions({}), credentials: CREDENTIALS, input: customers(1) });
			expect(scope.isDone()).toBe(true);
			expect(itemsOf(run)).toEqual([
				[
					{
						referenceId: 'ORD-0',
						to: '+919876500000',
						error: 'The request to Exotel did not complete: socket hang up',
						description: `The outcome is unknown: Exotel may or may not have sent the messages. ${NOT_RESENT}`,
						outcomeUnknown: true,
					},
					{ item: 0 },
				],
			]);
			expect(JSON.stringify(run.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
		});

		it('HTTP 500: the item carries the status, Exotel\'s code, the reference and the unknown outcome', async () => {
			const { seen } = exotel(undefined, () => [500, { http_code: 500, response: { error_data: { code: 5000, message: 'Internal error' } } }]);
			const run = await runWorkflow({ workflow: withOptions({}), credentials: CREDENTIALS, input: customers(1) });
			expect(seen).toHaveLength(1);
			expect(itemsOf(run)).toEqual([
				[
					{
						referenceId: 'ORD-0',
						to: '+919876500000',
						error: 'Exotel could not process the request (HTTP 500): Internal error',
						description: `Exotel says (code 5000): Internal error. Exotel may or may not have sent the messages. ${NOT_RESENT}`,
						httpStatus: 500,
						providerCode: '5000',
						outcomeUnknown: true,
					},
					{ item: 0 },
				],
			]);
		});

		it('refuses a Timeout (Seconds) of 0 before anything is sent, naming the field', async () => {
			const { seen } = exotel();
			const run = await runWorkflow({ workflow: withOptions({ timeout: 0 }), credentials: CREDENTIALS, input: customers(1) });
			expect(seen).toHaveLength(0);
			expect(run.output('Done')[0].json).toEqual({
				error: '"Timeout (Seconds)" must be a whole number of seconds, at least 1, got 0',
				description: 'Check field "options.timeout" of input item 0.',
			});
		});
	});
});
