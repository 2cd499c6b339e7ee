// Input Data Mode "Take From Input Items" through n8n-core's engine (issue #13): the Exotel node
// reads each item's recipient, reference id and order (and a text) by field name, with no
// expression in the node; bulk requests, paired output, and the order rules naming the input field.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { EXOTEL_API, EXOTEL_CREDENTIALS, fakeExotel, MESSAGES_PATH } from '../../fakes/exotel';

beforeEach(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

const CREDENTIALS = { exotelApi: EXOTEL_CREDENTIALS };

function exotel() {
	const fake = fakeExotel({});
	fake.intercept(nock);
	return fake;
}

const PAYMENT_REQUEST = {
	resource: 'paymentRequest',
	operation: 'send',
	inputDataMode: 'autoMapInputData',
	from: '+918012345678',
	goodsType: 'digital-goods',
	paymentType: 'payment_gateway:razorpay',
	paymentConfiguration: 'shop-razorpay',
	bodyText: 'Tap Review and Pay',
	expiration: 'none',
};

/** Start → Send (no expression anywhere) → Done. */
function workflow(parameters: INodeParameters, node: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Send', type: 'n8n-nodes-chat-payments.exotel', parameters, ...node },
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			Send: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

function orders(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		to: `+9198765${String(i).padStart(5, '0')}`,
		referenceId: `WF-ITEM-${i}`,
		order: { catalog_id: 'cat-1', items: [{ retailer_id: `SKU-${i}`, name: `Product ${i}`, amount: `${i + 1}.50`, quantity: 2 }] },
	}));
}

describe('Exotel with Input Data Mode "Take From Input Items" in a workflow', () => {
	it('sends 250 orders read from the items in 3 requests, each as its item says, paired in order', async () => {
		const { seen } = exotel();
		const input = orders(250);
		const run = await runWorkflow({ workflow: workflow(PAYMENT_REQUEST), credentials: CREDENTIALS, input });
		expect(run.nodeError('Send')?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(seen.map((request) => `${request.url} ${request.messages.length}`)).toEqual(
			[100, 100, 50].map((n) => `${EXOTEL_API}${MESSAGES_PATH} ${n}`),
		);
		const messages = seen.flatMap((request) => request.messages);
		messages.forEach((message, i) => {
			expect(message.to).toBe(input[i].to);
			const parameters = message.content.interactive.action.parameters;
			expect(parameters.reference_id).toBe(`WF-ITEM-${i}`);
			expect(parameters.total_amount).toEqual({ value: (i + 1) * 100 * 2 + 100, offset: 100 });
			expect(parameters.order.items).toEqual([
				{ retailer_id: `SKU-${i}`, name: `Product ${i}`, amount: { value: (i + 1) * 100 + 50, offset: 100 }, quantity: 2 },
			]);
		});
		const output = run.output('Done');
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(output.map((item) => item.json.referenceId)).toEqual(input.map((order) => order.referenceId));
	});

	it('a broken order rule stops the run before anything is sent, naming the input item and the input field', async () => {
		const { seen } = exotel();
		const input = orders(3);
		(input[1].order as IDataObject).items = [{ retailer_id: 'SKU-X', name: 'X', amount: '10.00', sale_amount: '12.00', quantity: 1 }];
		const run = await runWorkflow({ workflow: workflow(PAYMENT_REQUEST), credentials: CREDENTIALS, input });
		expect(run.status).toBe('error');
		expect(seen).toHaveLength(0);
		const error = run.nodeError('Send') as unknown as IDataObject;
		expect(error.message).toBe('order line items[0] (retailer_id "SKU-X"): sale_amount 12.00 must be lower than amount 10.00');
		expect(error.description).toBe('Check field "order.items[0].sale_amount" of input item 1.');
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
		const { seen } = exotel();
		const input = orders(3);
		input[2].to = 'not a number';
		const run = await runWorkflow({ workflow: workflow(PAYMENT_REQUEST, { onError: 'continueRegularOutput' }), credentials: CREDENTIALS, input });
		expect(run.status).toBe('success');
		expect(seen.flatMap((request) => request.messages.map((message) => message.to))).toEqual([input[0].to, input[1].to]);
		expect(run.output('Done')[2].json).toEqual({
			error: '"To" is not a phone number: "not a number"',
			description: 'Check field "to" of input item 2: use the international format, such as +919876543210.',
		});
	});

	it('sends texts read from the items, with field names of its own (a dotted path)', async () => {
		const { seen } = exotel();
		const input = [0, 1].map((i) => ({ customer: { phone: `+91987650000${i}` }, message: `Pay here: https://pay.example.test/${i}` }));
		const parameters = {
			resource: 'message',
			operation: 'sendText',
			inputDataMode: 'autoMapInputData',
			from: '+918012345678',
			toField: 'customer.phone',
			textField: 'message',
			previewUrl: false,
		};
		const run = await runWorkflow({ workflow: workflow(parameters), credentials: CREDENTIALS, input });
		expect(run.status).toBe('success');
		expect(seen[0].messages).toEqual(
			input.map((item) => ({ from: '+918012345678', to: item.customer.phone, content: { type: 'text', text: { body: item.message, preview_url: false } } })),
		);
	});
});
