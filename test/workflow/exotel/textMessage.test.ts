// Exotel: Message → Send Text through n8n-core's engine: texts mapped from each item by
// expressions (a payment link from an earlier node), the real Basic authorization, bulk requests,
// paired output, and failures that are never resent.
import type { IDataObject } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';
import { EXOTEL_API, EXOTEL_CREDENTIALS, EXOTEL_KEYS, fakeExotel, MESSAGES_PATH } from '../../fakes/exotel';
import type { Answer, Judge, Message } from '../../fakes/exotel';

beforeEach(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

const CREDENTIALS = { exotelApi: EXOTEL_CREDENTIALS };

function exotel(judge?: Judge, answer?: (requestNumber: number) => Answer | undefined) {
	const fake = fakeExotel({ judge, answer });
	fake.intercept(nock);
	return fake;
}

/** Start → Send Link (each item's link as a WhatsApp text) → Done. */
function textWorkflow(node: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{
				name: 'Send Link',
				type: 'n8n-nodes-chat-payments.exotel',
				parameters: {
					resource: 'message',
					operation: 'sendText',
					from: '+918012345678',
					to: '={{ $json.phone }}',
					text: '=Hi {{ $json.name }}, pay for order {{ $json.orderId }} here: {{ $json.link }}',
					previewUrl: '={{ $json.preview }}',
					options: { customData: '={{ $json.orderId }}', statusCallback: 'https://n8n.example.test/webhook/trigger-id/webhook' },
				},
				...node,
			},
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Send Link', type: 'main', index: 0 }]] },
			'Send Link': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

function customers(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		orderId: `ORD-${i}`,
		name: `Customer ${i}`,
		phone: `+9198765${String(i).padStart(5, '0')}`,
		link: `https://pay.example.test/l/${i}`,
		preview: i % 2 === 0,
	}));
}

const bodyOf = (message: Message): string => message.content.text.body;

describe('Exotel: Message → Send Text in a workflow', () => {
	it('maps each item into a text message with its link and preview, and passes the sids downstream, paired', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({ workflow: textWorkflow(), credentials: CREDENTIALS, input: customers(2) });
		expect(run.nodeError('Send Link')?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(seen).toHaveLength(1);
		expect(seen[0].url).toBe(`${EXOTEL_API}${MESSAGES_PATH}`);
		expect(seen[0].messages).toEqual([0, 1].map((i) => ({
			from: '+918012345678',
			to: `+9198765${String(i).padStart(5, '0')}`,
			content: { type: 'text', text: { body: `Hi Customer ${i}, pay for order ORD-${i} here: https://pay.example.test/l/${i}`, preview_url: i === 0 } },
			custom_data: `ORD-${i}`,
			status_callback: 'https://n8n.example.test/webhook/trigger-id/webhook',
		})));
		expect(run.output('Done')).toEqual([
			{ json: { to: '+919876500000', sid: 'sid-text-1-0', status: 'success', requestId: 'req-1' }, pairedItem: { item: 0 } },
			{ json: { to: '+919876500001', sid: 'sid-text-1-1', status: 'success', requestId: 'req-1' }, pairedItem: { item: 1 } },
		]);
	});

	it('sends 250 texts in 3 requests (100, 100, 50), in input order', async () => {
		const { seen } = exotel();
		const run = await runWorkflow({ workflow: textWorkflow(), credentials: CREDENTIALS, input: customers(250) });
		expect(run.status).toBe('success');
		expect(seen.map((request) => request.messages.length)).toEqual([100, 100, 50]);
		expect(seen.flatMap((request) => request.messages.map((message) => message.to))).toEqual(customers(250).map((c) => c.phone));
		expect(run.output('Done').map((item) => item.pairedItem)).toEqual(customers(250).map((_, i) => ({ item: i })));
	});

	it('an empty text stops the run before anything is sent, naming the item and the field', async () => {
		const { seen } = exotel();
		const input = customers(3);
		const run = await runWorkflow({
			workflow: textWorkflow({ parameters: { ...textWorkflow().nodes[1].parameters, text: '={{ $json.message }}' } }),
			credentials: CREDENTIALS,
			input: input.map((customer, i) => ({ ...customer, message: i === 2 ? '' : 'hello' })),
		});
		expect(run.status).toBe('error');
		expect(seen).toHaveLength(0);
		const error = run.nodeError('Send Link') as unknown as IDataObject;
		expect(error.message).toBe('"Text" is empty');
		expect(error.description).toBe('Check field "text" of input item 2.');
	});

	it('with Continue On Fail, an Exotel refusal is an error item with its code and the others succeed', async () => {
		const { seen } = exotel((message) => (bodyOf(message).includes('ORD-1 ') ? 'whatsapp.messages[1].to: not on WhatsApp' : undefined));
		const run = await runWorkflow({ workflow: textWorkflow({ onError: 'continueRegularOutput' }), credentials: CREDENTIALS, input: customers(3) });
		expect(run.status).toBe('success');
		expect(seen).toHaveLength(1);
		const output = run.output('Done');
		expect(output.map((item) => item.json.sid ?? null)).toEqual(['sid-text-1-0', null, 'sid-text-1-2']);
		expect(output[1]).toEqual({
			json: {
				to: '+919876500001',
				error: 'Exotel did not accept the message: Invalid parameter',
				description:
					'Exotel says (code 1002): Invalid parameter — whatsapp.messages[1].to: not on WhatsApp. Fix the input of this item, then send it again; the other items are not affected.',
				httpStatus: 400,
				providerCode: '1002',
			},
			pairedItem: { item: 1 },
		});
	});

	it('HTTP 500: one request, never resent, every item says its outcome is unknown', async () => {
		const { seen } = exotel(undefined, () => [500, { http_code: 500, response: { error_data: { code: 5000, message: 'Internal error' } } }]);
		const run = await runWorkflow({ workflow: textWorkflow({ onError: 'continueRegularOutput' }), credentials: CREDENTIALS, input: customers(2) });
		expect(seen).toHaveLength(1);
		expect(run.output('Done').map((item) => [item.json.error, item.json.outcomeUnknown, item.pairedItem])).toEqual([
			['Exotel could not process the request (HTTP 500): Internal error', true, { item: 0 }],
			['Exotel could not process the request (HTTP 500): Internal error', true, { item: 1 }],
		]);
		expect(String(run.output('Done')[0].json.description)).toContain('The node did not resend it, so the customer never gets the same message twice.');
		expect(JSON.stringify(run.run.data)).not.toContain(EXOTEL_KEYS.apiToken);
	});

	it('no answer within Timeout (Seconds): one attempt, and the run fails saying the outcome is unknown', async () => {
		const scope = nock(EXOTEL_API).post(MESSAGES_PATH).delay(5_000).reply(202, {});
		const workflow = textWorkflow();
		workflow.nodes[1].parameters = { ...workflow.nodes[1].parameters, options: { timeout: 1 } };
		const run = await runWorkflow({ workflow, credentials: CREDENTIALS, input: customers(1) });
		expect(scope.isDone()).toBe(true);
		expect(run.status).toBe('error');
		const error = run.nodeError('Send Link') as unknown as IDataObject;
		expect(error.message).toBe('The request to Exotel timed out: timeout of 1000ms exceeded');
		expect(String(error.description)).toMatch(/^The outcome is unknown: Exotel may or may not have sent the messages\. The node did not resend it/);
		expect(run.executedNodes).not.toContain('Done');
	});
});
