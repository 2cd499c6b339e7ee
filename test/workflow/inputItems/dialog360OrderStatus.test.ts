// Input Data Mode "Take From Input Items" through n8n-core's engine (issue #13) on the 360dialog
// node (payment requests, one Cloud API request each) and on WhatsApp Order Status through
// 360dialog: no expression in the nodes, values read from each item by field name.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { dialog360Number, interceptDialog360 } from '../../fakes/dialog360';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';

const HOST = 'https://waba-v2.360dialog.io';
const CREDENTIALS = { dialog360Api: { apiKey: 'wf-360dialog-key-0013', apiHost: HOST, customApiHost: '', partnerWebhookSecret: '' } };

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function workflow(type: string, parameters: INodeParameters): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Send', type: `n8n-nodes-chat-payments.${type}`, parameters },
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			Send: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

const customers = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({
		customer: { phone: `+91 98765 0000${i}` },
		referenceId: `WF-360-${i}`,
		order: { catalog_id: 'cat-1', items: [{ retailer_id: `SKU-${i}`, name: 'Tea', amount: { value: 1000 + i, offset: 100 }, quantity: 1 }] },
	}));

describe('360dialog and WhatsApp Order Status with Take From Input Items in a workflow', () => {
	it('sends each item\'s order as its own Cloud API message, paired in order', async () => {
		const { calls } = interceptDialog360(nock, dialog360Number().respond, HOST);
		const input = customers(3);
		const run = await runWorkflow({
			workflow: workflow('dialog360', {
				resource: 'paymentRequest',
				operation: 'send',
				inputDataMode: 'autoMapInputData',
				toField: 'customer.phone',
				goodsType: 'digital-goods',
				paymentGateway: 'razorpay',
				paymentConfiguration: 'shop-razorpay',
				bodyText: 'Tap Review and Pay',
				expiration: 'none',
			}),
			credentials: CREDENTIALS,
			input,
		});
		expect(run.nodeError('Send')?.message).toBeUndefined();
		const sent = calls.filter((call) => call.method === 'POST');
		expect(sent.map((call) => call.body?.to)).toEqual(['919876500000', '919876500001', '919876500002']);
		expect(sent.map((call) => ((call.body?.interactive as IDataObject).action as IDataObject).parameters)).toEqual(
			input.map((item, i) =>
				expect.objectContaining({ reference_id: item.referenceId, total_amount: { value: 1000 + i, offset: 100 } }),
			),
		);
		expect(run.output('Done').map((item) => [item.json.referenceId, item.pairedItem])).toEqual(input.map((item, i) => [item.referenceId, { item: i }]));
	});

	it('moves each item\'s order to shipped through 360dialog; a bad reference names its input field', async () => {
		const { calls } = interceptDialog360(nock, dialog360Number().respond, HOST);
		const parameters = {
			provider: 'dialog360',
			resource: 'order',
			operation: 'updateStatus',
			inputDataMode: 'autoMapInputData',
			referenceIdField: 'referenceId',
			toField: 'customer.phone',
			status: 'shipped',
			bodyText: 'On its way',
		};
		const good = await runWorkflow({ workflow: workflow('whatsAppOrderStatus', parameters), credentials: CREDENTIALS, input: customers(2) });
		expect(good.status).toBe('success');
		expect(calls.map((call) => ((call.body?.interactive as IDataObject).action as IDataObject).parameters)).toEqual([
			{ reference_id: 'WF-360-0', order: { status: 'shipped' } },
			{ reference_id: 'WF-360-1', order: { status: 'shipped' } },
		]);

		const input = customers(2);
		input[1].referenceId = 'WF 360 1';
		const bad = await runWorkflow({ workflow: workflow('whatsAppOrderStatus', parameters), credentials: CREDENTIALS, input });
		expect(bad.status).toBe('error');
		expect((bad.nodeError('Send') as unknown as IDataObject).description).toBe('Check field "referenceId" of input item 1.');
		expect(calls).toHaveLength(2);
	});
});
