// Issue #12 "Sending a link in the chat", in a real n8n with the packed package against the offline
// emulator: a workflow per WhatsApp provider takes 3 customers with their payment links and sends
// each a text message (Message → Send Text); the emulator must have received exactly those 3 texts,
// with their links and preview flags, and n8n's output items must name the messages it stored.
//
// One n8n and one emulator serve the file, but each test sends to recipients of its own (a fresh
// batch number in every phone number) and reads only the messages sent to them.
export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');

const { linearWorkflow, webhookNode, PACKAGE_PREFIX } = harness;

const EXOTEL_ID = 'e2eExotelSendTexts';
const EXOTEL_PATH = 'e2e-exotel-send-texts';
const DIALOG360_ID = 'e2eDialog360SendTexts';
const DIALOG360_PATH = 'e2e-dialog360-send-texts';
const SEND = 'Send Payment Link';
const FROM = '+918012345678';
const TEXT = '=Hi {{ $json.name }}, your order {{ $json.orderId }} is waiting. Pay here: {{ $json.link }}';

/** Webhook (body.customers: [{name, orderId, phone, link, preview}]) → Split Out → one text each. */
function textWorkflow(id: string, path: string, sendNode: object) {
	return linearWorkflow({
		id,
		name: `E2E ${id}`,
		nodes: [
			webhookNode(path, { name: 'Customers In' }),
			{
				name: 'Split Customers',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'body.customers', include: 'noOtherFields', options: {} },
			},
			{ name: SEND, typeVersion: 1, ...sendNode },
		],
	});
}

const exotelWorkflow = textWorkflow(EXOTEL_ID, EXOTEL_PATH, {
	type: `${PACKAGE_PREFIX}exotel`,
	credentials: { exotelApi: { id: '', name: '' } },
	parameters: {
		resource: 'message',
		operation: 'sendText',
		from: FROM,
		to: '={{ $json.phone }}',
		text: TEXT,
		previewUrl: '={{ $json.preview }}',
		options: { customData: '={{ $json.orderId }}' },
	},
});

const dialog360Workflow = textWorkflow(DIALOG360_ID, DIALOG360_PATH, {
	type: `${PACKAGE_PREFIX}dialog360`,
	credentials: { dialog360Api: { id: '', name: '' } },
	parameters: { resource: 'message', operation: 'sendText', to: '={{ $json.phone }}', text: TEXT, previewUrl: '={{ $json.preview }}' },
});

/** Three customers of one batch: phone numbers no other test uses, a payment link each. */
function customers(batch: number) {
	return [0, 1, 2].map((i) => ({
		name: ['Asha', 'Ravi', 'Meera'][i],
		orderId: `TXT-${batch}-${i}`,
		phone: `+91 98${String(batch).padStart(3, '0')} 0000${i}`,
		link: `https://pay.example.test/l/${batch}-${i}`,
		preview: i !== 1,
	}));
}

const expectedText = (customer: ReturnType<typeof customers>[number]) =>
	`Hi ${customer.name}, your order ${customer.orderId} is waiting. Pay here: ${customer.link}`;

describe('text messages in a real n8n (issue #12)', () => {
	let n8n: any;
	let emulator: any;
	let nextBatch = 101;

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, providers: ['exotel', 'dialog360'] });
		const credentials = harness.emulatorCredentials(emulator.url);
		n8n = await harness.startN8n({
			name: 'text-messages',
			credentials,
			workflows: [exotelWorkflow, dialog360Workflow].map((workflow) => harness.bindCredentials(workflow, credentials)),
			publish: [EXOTEL_ID, DIALOG360_ID],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	/** The emulator's read-back of the texts sent to these numbers (its documented control route). */
	async function textsTo(provider: 'exotel' | 'dialog360', numbers: string[]): Promise<any[]> {
		const lists = await Promise.all(
			numbers.map(async (to) => {
				const response = await harness.request(`${emulator.url}/_control/${provider}/messages?type=text&to=${encodeURIComponent(to)}`);
				expect(response.status).toBe(200);
				return response.json.messages;
			}),
		);
		return lists.flat();
	}

	it('Exotel: 3 customers, 3 texts in one bulk request, each with its link and preview flag', async () => {
		const batch = nextBatch++;
		const people = customers(batch);
		const wire = people.map((customer) => customer.phone.replace(/\s/g, ''));
		const requestsBefore = emulator.countRequests('exotel');

		const response = await n8n.runWorkflowByWebhook(EXOTEL_PATH, { customers: people });
		expect(response.status).toBe(200);
		const output = response.json;
		expect(output).toEqual(wire.map((to) => ({ to, sid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'success', requestId: expect.any(String) })));
		// One bulk request carried all three.
		expect(emulator.countRequests('exotel') - requestsBefore).toBe(1);

		const texts = await textsTo('exotel', wire);
		expect(texts.map((message) => ({ sid: message.sid, from: message.from, to: message.to, text: message.text, preview_url: message.preview_url, custom_data: message.custom_data }))).toEqual(
			people.map((customer, i) => ({
				sid: output[i].sid,
				from: FROM,
				to: wire[i],
				text: expectedText(customer),
				preview_url: customer.preview,
				custom_data: customer.orderId,
			})),
		);
	});

	it('360dialog: 3 customers, 3 texts, one request each, digits-only numbers and the wamids returned', async () => {
		const batch = nextBatch++;
		const people = customers(batch);
		const wire = people.map((customer) => customer.phone.replace(/[\s+]/g, ''));
		const requestsBefore = emulator.countRequests('dialog360');

		const response = await n8n.runWorkflowByWebhook(DIALOG360_PATH, { customers: people });
		expect(response.status).toBe(200);
		const output = response.json;
		expect(output).toEqual(wire.map((to) => ({ to, wamid: expect.stringMatching(/^wamid\./), waId: to })));
		expect(emulator.countRequests('dialog360') - requestsBefore).toBe(3);

		const texts = await textsTo('dialog360', wire);
		expect(texts.map((message) => ({ wamid: message.wamid, to: message.to, text: message.text, preview_url: message.preview_url, content: message.content }))).toEqual(
			people.map((customer, i) => ({
				wamid: output[i].wamid,
				to: wire[i],
				text: expectedText(customer),
				preview_url: customer.preview,
				content: {
					messaging_product: 'whatsapp',
					recipient_type: 'individual',
					to: wire[i],
					type: 'text',
					text: { body: expectedText(customer), preview_url: customer.preview },
				},
			})),
		);
	});
});
