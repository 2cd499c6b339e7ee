// The nodes' requests checked by the offline Exotel emulator, whose order rules are written
// independently of the package (test/emulator/providers/exotel/orderRules.js): a second opinion
// on the wire format, and the trigger fed with the emulator's own callbacks.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { nock, runWebhook, runWorkflow } from '../harness';
import type { WorkflowJson } from '../harness';

const { createEmulator } = require('../../emulator/server');

interface Emulator {
	url: string;
	close(): Promise<void>;
	state: { exotel: { messages: IDataObject[] } };
	webhooks: IDataObject[];
}


let emu: Emulator;
const keys = { apiKey: 'emulator-exotel-key', apiToken: 'emulator-exotel-token', accountSid: 'emulator-sid' };

// A fresh emulator per test: no test sees the messages or orders of another.
beforeEach(async () => {
	nock.enableNetConnect(/127\.0\.0\.1/);
	emu = await createEmulator({ port: 0, providers: ['exotel'], config: { exotel: { asyncErrorDelayMs: 0 } } });
});
afterEach(async () => {
	await emu.close();
});
afterAll(() => nock.enableNetConnect());

async function control(path: string, body: IDataObject): Promise<Response> {
	return await fetch(`${emu.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

const credentials = () => ({ exotelApi: { ...keys, apiHost: 'custom', customApiHost: emu.url } });

function chain(node: IDataObject): WorkflowJson {
	return {
		nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, { name: 'Node', ...node } as never],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

const payment = (referenceId: string, extra: IDataObject = {}): IDataObject => ({
	type: 'n8n-nodes-chat-payments.exotel',
	parameters: {
		resource: 'paymentRequest',
		operation: 'send',
		from: '+918012345678',
		to: '+919876543210',
		referenceId,
		goodsType: 'physical-goods',
		shipped: true,
		beneficiary: {
			details: { name: 'Asha Rao', addressLine1: '12 Park Street', city: 'Kolkata', state: 'West Bengal', country: 'India', postalCode: '700016' },
		},
		paymentType: 'payment_gateway:razorpay',
		paymentConfiguration: 'cfg-1',
		bodyText: 'Tap Review and Pay',
		footerText: 'Thank you',
		itemsFromCatalog: false,
		items: {
			item: [
				{
					retailerId: 'SKU-1',
					name: 'Bread',
					amount: '14.00',
					saleAmount: '10.00',
					quantity: 2,
					countryOfOrigin: 'India',
					importerName: 'Bakers Ltd',
					importerAddressLine1: '1 MG Road',
					importerCity: 'Bengaluru',
					importerZoneCode: 'KA',
					importerPostalCode: '560001',
					importerCountryCode: 'IN',
				},
			],
		},
		taxAmount: '1.80',
		expiration: 'inMinutes',
		expiresInMinutes: 30,
		expirationDescription: 'Pay within 30 minutes',
		additionalFields: { shippingAmount: '0.50', discountAmount: '1.00', discountDescription: 'Welcome' },
		...extra,
	},
});

describe('Exotel nodes against the offline emulator', () => {
	it('the emulator accepts the payment request the node builds', async () => {
		const run = await runWorkflow({ workflow: chain(payment('EMU-1')), credentials: credentials() });
		expect(run.nodeError('Node')?.message).toBeUndefined();
		const [item] = run.output('Node');
		expect(item.json).toMatchObject({ referenceId: 'EMU-1', status: 'success' });
		const stored = emu.state.exotel.messages.find((message) => message.sid === item.json.sid);
		expect(stored).toMatchObject({ reference_id: 'EMU-1', type: 'order_details', amount: { value: 2130, offset: 100 } });
	});

	it('the emulator accepts the order status updates the node builds', async () => {
		await runWorkflow({ workflow: chain(payment('EMU-2')), credentials: credentials() });
		const run = await runWorkflow({
			workflow: chain({
				type: 'n8n-nodes-chat-payments.whatsAppOrderStatus',
				parameters: {
					provider: 'exotel',
					resource: 'order',
					operation: 'updateStatus',
					status: 'partially_shipped',
					from: '+918012345678',
					to: '+919876543210',
					referenceId: 'EMU-2',
					bodyText: 'Part of your order is on its way',
					options: { currentStatus: 'pending' },
				},
			}),
			credentials: credentials(),
		});
		expect(run.nodeError('Node')?.message).toBeUndefined();
		expect(run.output('Node')[0].json).toMatchObject({ orderStatus: 'partially_shipped', status: 'success' });
	});

	it('a wrong token is a 401 NodeApiError that says to check the key, token and API Host', async () => {
		const run = await runWorkflow({
			workflow: chain(payment('EMU-3')),
			credentials: { exotelApi: { ...keys, apiToken: 'wrong-token', apiHost: 'custom', customApiHost: emu.url } },
		});
		const error = run.nodeError('Node') as unknown as IDataObject;
		expect(error.httpCode).toBe('401');
		expect(String(error.description)).toMatch(/API key and API token.*API Host/);
		expect(JSON.stringify(run.run.data)).not.toContain('wrong-token');
	});

	it.each([
		['JSON', {}],
		['seed wrapper, bracketed form fields, code as text', { callbackWrapper: 'params', callbackEncoding: 'form-bracket', statusCodeAsString: true }],
		['flat form fields', { callbackEncoding: 'form' }],
	])('the trigger reads the emulator payment callback (%s) as a paid event', async (_shape, callbackConfig) => {
		const received: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
		const receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ headers: req.headers, body: Buffer.concat(chunks) });
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`;
		try {
			await control('/_control/config', { exotel: { statusCodeAsString: false, callbackWrapper: 'whatsapp', callbackEncoding: 'json', ...callbackConfig } });
			const reference = 'EMU-PAY';
			const sent = await runWorkflow({
				workflow: chain(payment(reference, { options: { statusCallback: callbackUrl, customData: 'crm-1' } })),
				credentials: credentials(),
			});
			expect(sent.nodeError('Node')?.message).toBeUndefined();
			expect((await control('/_control/exotel/pay', { reference_id: reference, outcome: 'success' })).status).toBe(200);
			expect(received).toHaveLength(1);

			const result = await runWebhook({
				workflow: { nodes: [{ name: 'Trigger', type: 'n8n-nodes-chat-payments.exotelTrigger' }], connections: {} },
				nodeName: 'Trigger',
				request: { headers: { 'content-type': String(received[0].headers['content-type']) }, rawBody: received[0].body },
			});
			expect(result.workflowData?.[0].map((item) => item.json)).toEqual([
				expect.objectContaining({
					status: 'paid',
					reference,
					details: expect.objectContaining({ sid: sent.output('Node')[0].json.sid, customData: 'crm-1', exoStatusCode: 30050 }),
				}),
			]);
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
