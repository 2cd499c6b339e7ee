// 360dialog: Message → Send Text through n8n-core's engine: the credential's real D360-API-KEY,
// one Cloud API text message per item mapped by expressions, paired output, error items with
// Continue On Fail, and sends that are never resent.
import type { IDataObject } from 'n8n-workflow';
import { accepted, dialog360Number, graphError, interceptDialog360 } from '../../fakes/dialog360';
import type { Responder } from '../../fakes/dialog360';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';

const API_KEY = 'wf-360dialog-key-0002';
const HOST = 'https://waba-v2.360dialog.io';
const CREDENTIALS = { dialog360Api: { apiKey: API_KEY, apiHost: HOST, customApiHost: '', partnerWebhookSecret: '' } };

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const SEND_TEXT: IDataObject = {
	resource: 'message',
	operation: 'sendText',
	to: '={{ $json.phone }}',
	text: '=Hi {{ $json.name }}, pay for order {{ $json.orderId }} here: {{ $json.link }}',
	previewUrl: true,
};

/** Start → Send Link → Done, the input items given to the run. */
function workflow(parameters: IDataObject = SEND_TEXT, onError?: string): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Send Link', type: 'n8n-nodes-chat-payments.dialog360', parameters, ...(onError ? { onError } : {}) } as never,
			{ name: 'Done', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Send Link', type: 'main', index: 0 }]] },
			'Send Link': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
}

const customers = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({
		orderId: `ORD-${i}`,
		name: `Customer ${i}`,
		phone: `+91 98765 ${String(i).padStart(5, '0')}`,
		link: `https://pay.example.test/l/${i}`,
	}));

async function run(respond: Responder, input: IDataObject[], options: { parameters?: IDataObject; onError?: string } = {}) {
	const { calls } = interceptDialog360(nock, respond);
	const result = await runWorkflow({ workflow: workflow(options.parameters ?? SEND_TEXT, options.onError), credentials: CREDENTIALS, input });
	return { result, calls };
}

describe('360dialog: Message → Send Text in a workflow', () => {
	it('sends one authorized Cloud API text per item, in order, each output paired with its item', async () => {
		const number = dialog360Number();
		const { result, calls } = await run(number.respond, customers(3));
		expect(result.nodeError('Send Link')?.message).toBeUndefined();
		expect(calls.map((call) => [call.method, call.path, call.headers['d360-api-key']])).toEqual(
			[0, 1, 2].map(() => ['POST', '/messages', API_KEY]),
		);
		expect(number.state.messages).toEqual([0, 1, 2].map((i) => ({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: `9198765${String(i).padStart(5, '0')}`,
			type: 'text',
			text: { body: `Hi Customer ${i}, pay for order ORD-${i} here: https://pay.example.test/l/${i}`, preview_url: true },
		})));
		expect(result.output('Done')).toEqual([0, 1, 2].map((i) => ({
			json: { to: `9198765${String(i).padStart(5, '0')}`, wamid: `wamid.${i}`, waId: `9198765${String(i).padStart(5, '0')}` },
			pairedItem: { item: i },
		})));
	});

	it('a text over 4096 characters stops the run before anything is sent, naming the item and the field', async () => {
		const input = customers(2);
		input[1].link = `https://pay.example.test/l/${'x'.repeat(4096)}`;
		const { result, calls } = await run(dialog360Number().respond, input);
		expect(result.status).toBe('error');
		expect(calls).toHaveLength(0);
		const error = result.nodeError('Send Link') as unknown as IDataObject;
		expect(error.message).toMatch(/^"Text" is \d+ characters long; WhatsApp takes at most 4096$/);
		expect(error.description).toBe('Check field "text" of input item 1.');
	});

	it('with Continue On Fail, a text outside the 24-hour window is an error item with 131047, and the next item is sent', async () => {
		const respond: Responder = (call, index) =>
			index === 0 ? graphError(400, 131047, 'Re-engagement message', 'more than 24 hours') : accepted(String(call.body?.to), 'wamid.next');
		const { result, calls } = await run(respond, customers(2), { onError: 'continueRegularOutput' });
		expect(calls).toHaveLength(2);
		const [refused, sent] = result.output('Done');
		expect(refused).toMatchObject({
			json: { to: '919876500000', error: '360dialog error 131047: Re-engagement message', httpStatus: 400, providerCode: '131047' },
			pairedItem: { item: 0 },
		});
		expect(sent).toMatchObject({ json: { wamid: 'wamid.next' }, pairedItem: { item: 1 } });
	});

	it('a dropped connection: one request, the item says the outcome is unknown, nothing is resent', async () => {
		const scope = nock(HOST).post('/messages').replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
		const result = await runWorkflow({ workflow: workflow(SEND_TEXT, 'continueRegularOutput'), credentials: CREDENTIALS, input: customers(1) });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Done')).toEqual([
			{
				json: {
					to: '919876500000',
					error: 'The request to 360dialog did not complete: read ECONNRESET',
					description: expect.stringMatching(/^360dialog may or may not have received it\. The node did not resend it, so the customer never gets the same message twice\./),
					outcomeUnknown: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/retry the request immediately|Retry on Fail/i);
	});

	it('HTTP 503 without Continue On Fail: the run fails after one request, the later items not sent', async () => {
		const { result, calls } = await run(() => ({ status: 503, body: 'upstream unavailable' }), customers(3));
		expect(calls).toHaveLength(1);
		expect(result.status).toBe('error');
		const error = result.nodeError('Send Link') as unknown as IDataObject;
		expect(error.httpCode).toBe('503');
		expect(String(error.description)).toContain('The message may or may not have been sent.');
		expect(String(error.description)).toContain('Input items 1, 2 were not sent.');
		expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
	});
});
